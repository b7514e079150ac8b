package org.infinergi.core.charging.internal;

import java.time.Instant;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.hal.MeterReading;

/**
 * Which part of the charger's power comes from the site's own surplus (manual §9.2 "energy reported as green"), for
 * one control cycle. The site's load without the charger ({@code ElectricalReadings.siteLoad()}: the grid reading less
 * the charger's own draw at the grid reading's time, so a poll-old grid reading is not set against a fresh car power)
 * is negative when the site exports: that surplus is what the car takes from the plant.
 *
 * <p>green power = clamp(-P<sub>site</sub>, 0, P<sub>car</sub>), that is clamp(P<sub>car</sub> - max(0,
 * P<sub>grid</sub>), 0, P<sub>car</sub>) with grid and car read at one instant. No claim without proof: with no grid
 * meter configured, or a reading that is missing, not FRESH, or older than the core's {@code meterFreshMs}, the whole
 * power counts as grid power for that interval (the safe side of a green claim).
 */
final class GreenShare {

    private GreenShare() {
    }

    /**
     * The green share (0–1) of the car's power this cycle.
     *
     * @param vehicle the fresh vehicle meter reading (P<sub>car</sub>), or null
     * @param site    the site's load without the charger the cycle froze, or null when none was available
     * @param now     the cycle's time
     * @param freshMs how old a reading may be and still say what flows now
     */
    static double fraction(MeterReading vehicle, ElectricalReading site, Instant now, long freshMs) {
        if (vehicle == null || !(vehicle.powerW() > 0) || !usable(site, now, freshMs)) {
            return 0;
        }
        double car = vehicle.powerW();
        double green = Math.max(0, Math.min(car, -site.powerW()));
        return green / car;
    }

    /** A grid reading is evidence only while fresh: stale or missing counts as grid. */
    private static boolean usable(ElectricalReading site, Instant now, long freshMs) {
        return site != null && site.fresh() && site.powerW() != null && !site.powerW().isNaN() && site.at() != null
                && Debounce.ms(site.at(), now) <= freshMs;
    }
}
