package org.infinergi.core.charging.internal;

import java.time.Instant;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.hal.MeterReading;

/**
 * Which part of the charger's power comes from the site's own surplus (manual §9.2 "energy reported as green"), for
 * one control cycle. The grid meter measures the whole site, the charger included (import +, export −): what the
 * grid imports is at most what the car takes, and the rest of the car's power is the surplus it uses.
 *
 * <p>green power = clamp(P<sub>car</sub> − max(0, P<sub>grid</sub>), 0, P<sub>car</sub>). No claim without proof:
 * with no grid meter configured, or a grid reading that is missing, not FRESH, or older than the core's
 * {@code meterFreshMs}, the whole power counts as grid power for that interval (the safe side of a green claim).
 */
final class GreenShare {

    private GreenShare() {
    }

    /**
     * The green share (0–1) of the car's power this cycle.
     *
     * @param vehicle the fresh vehicle meter reading (P<sub>car</sub>), or null
     * @param grid    the grid reading the cycle froze, or null when none was available
     * @param now     the cycle's time
     * @param freshMs how old a reading may be and still say what flows now
     */
    static double fraction(MeterReading vehicle, ElectricalReading grid, Instant now, long freshMs) {
        if (vehicle == null || !(vehicle.powerW() > 0) || !usable(grid, now, freshMs)) {
            return 0;
        }
        double car = vehicle.powerW();
        double green = Math.max(0, Math.min(car, car - Math.max(0, grid.powerW())));
        return green / car;
    }

    /** A grid reading is evidence only while fresh: stale or missing counts as grid. */
    private static boolean usable(ElectricalReading grid, Instant now, long freshMs) {
        return grid != null && grid.fresh() && grid.powerW() != null && !grid.powerW().isNaN() && grid.at() != null
                && Debounce.ms(grid.at(), now) <= freshMs;
    }
}
