package org.infinergi.feature.green.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.infinergi.core.charging.api.ElectricalReading;

/**
 * A Boost in progress (manual §5.5): full power regardless of the surplus until {@code targetWh} has been delivered
 * to the car, measured by the vehicle meter in use — its energy register where it counts one (the internal meter, a
 * MID meter), else its power over time.
 *
 * @param since        when it was switched on
 * @param targetWh     the energy after which it ends, Wh; 0 = until the charge ends or it is switched off
 * @param deliveredWh  delivered since it was switched on, Wh
 * @param lastEnergyWh the meter's register at the last reading, null when it gave none
 * @param lastAt       the last reading's instant
 */
record BoostRun(Instant since, double targetWh, double deliveredWh, Double lastEnergyWh, Instant lastAt) {

    /** Longer between two readings is a gap (the meter silent), not energy at the last power. */
    static final Duration MAX_GAP = Duration.ofSeconds(5);

    static BoostRun start(double targetWh, ElectricalReading vehicle, Instant now) {
        return new BoostRun(now, targetWh, 0, energyWh(vehicle), now);
    }

    /** Delivered energy after a new reading of the vehicle meter. */
    BoostRun advance(ElectricalReading vehicle, Instant now) {
        Double energy = energyWh(vehicle);
        double delivered = deliveredWh;
        if (energy != null) {
            // A register that went down (meter swapped, MID meter chosen) restarts the count from it.
            delivered += lastEnergyWh == null ? 0 : Math.max(0, energy - lastEnergyWh);
        } else if (vehicle != null && vehicle.fresh() && vehicle.powerW() != null) {
            Duration dt = Duration.between(lastAt, now);
            if (!dt.isNegative() && dt.compareTo(MAX_GAP) <= 0) {
                delivered += Math.max(0, vehicle.powerW()) * dt.toMillis() / 3_600_000.0;
            }
        }
        return new BoostRun(since, targetWh, delivered, energy, now);
    }

    /** The energy is delivered (a Boost without a target lasts until the charge ends). */
    boolean done() {
        return targetWh > 0 && deliveredWh >= targetWh;
    }

    /** As the status shows it: {@code Boost: 2.1 of 5.0 kWh}. */
    String describe() {
        return targetWh > 0
                ? String.format(Locale.ROOT, "Boost: %.1f of %.1f kWh", deliveredWh / 1000, targetWh / 1000)
                : String.format(Locale.ROOT, "Boost: %.1f kWh, until the charge ends", deliveredWh / 1000);
    }

    private static Double energyWh(ElectricalReading vehicle) {
        return vehicle != null && vehicle.fresh() ? vehicle.energyWh() : null;
    }
}
