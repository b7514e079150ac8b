package org.infinergi.feature.green.api;

import java.util.Objects;

/**
 * Boost as the user sees it (manual §5.5).
 *
 * @param active      Boost is on
 * @param deliveredWh energy delivered to the car since Boost was switched on, Wh
 * @param targetWh    energy after which Boost ends by itself, Wh; 0 = until the charge ends or Boost is switched off
 * @param reason      why Boost is not active (refused or ended), empty when there is nothing to say
 */
public record BoostStatus(boolean active, double deliveredWh, double targetWh, String reason) {

    public BoostStatus {
        Objects.requireNonNull(reason, "reason");
    }
}
