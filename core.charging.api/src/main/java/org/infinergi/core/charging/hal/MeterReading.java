package org.infinergi.core.charging.hal;

import java.time.Instant;

/**
 * What a meter measured at one instant. Arrays hold one value per phase (L1, L2, L3); a single-phase
 * installation has arrays of length 1.
 *
 * @param at        when the values were sampled
 * @param voltagesV line-to-neutral voltages, volts RMS
 * @param currentsA phase currents, amperes RMS
 * @param powerW    total active power, watts
 * @param energyWh  cumulative active energy imported through this meter, watt-hours (monotonic)
 */
public record MeterReading(Instant at, double[] voltagesV, double[] currentsA, double powerW, double energyWh) {
}
