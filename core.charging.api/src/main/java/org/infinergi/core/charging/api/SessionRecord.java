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
 * @param greenEnergyWh the part of {@code energyWh} that came from the site's own surplus rather than the grid
 *                    (manual §9.2 "energy reported as green"), watt-hours, 0 ≤ green ≤ energy: per control cycle the
 *                    charger's power P<sub>car</sub> minus the grid import max(0, P<sub>grid</sub>), clamped to
 *                    [0, P<sub>car</sub>]; 0 without a grid meter, and a stale grid reading counts as grid. Sessions
 *                    stored before 1.9.0 read as 0. Since 1.9.0
 */
public record SessionRecord(long id, Instant start, Instant end, double energyWh, double peakPowerW,
        ChargingMode mode, String endReason, String idTag, double greenEnergyWh) {

    /** A session without a green share (the 1.8.0 shape): all of its energy counts as grid energy. */
    public SessionRecord(long id, Instant start, Instant end, double energyWh, double peakPowerW,
            ChargingMode mode, String endReason, String idTag) {
        this(id, start, end, energyWh, peakPowerW, mode, endReason, idTag, 0);
    }

    /** The energy that came from the grid: {@code energyWh − greenEnergyWh} (since 1.9.0). */
    public double gridEnergyWh() {
        return Math.max(0, energyWh - greenEnergyWh);
    }

    /** A session nobody authenticated for (the constructor before the id tag was kept). */
    public SessionRecord(long id, Instant start, Instant end, double energyWh, double peakPowerW,
            ChargingMode mode, String endReason) {
        this(id, start, end, energyWh, peakPowerW, mode, endReason, null);
    }
}
