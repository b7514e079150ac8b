package org.infinergi.core.charging.api;

import java.time.Instant;

/**
 * A finished charging session as kept in the durable history: from plug-in to unplug.
 *
 * @param id          store-assigned identifier, increasing with time
 * @param start       when the vehicle was connected
 * @param end         when the session ended
 * @param energyWh    energy delivered to the vehicle, watt-hours
 * @param peakPowerW  highest active power seen during the session, watts
 * @param mode        charging mode in force when the session started
 * @param endReason   why it ended (e.g. {@code VEHICLE_DISCONNECTED})
 * @param idTag       the id tag that authorized the session (manual §5.7, {@link ChargerControl#authorize}), so the
 *                    history shows who charged; null when nobody authenticated
 */
public record SessionRecord(long id, Instant start, Instant end, double energyWh, double peakPowerW,
        ChargingMode mode, String endReason, String idTag) {

    /** A session nobody authenticated for (the constructor before the id tag was kept). */
    public SessionRecord(long id, Instant start, Instant end, double energyWh, double peakPowerW,
            ChargingMode mode, String endReason) {
        this(id, start, end, energyWh, peakPowerW, mode, endReason, null);
    }
}
