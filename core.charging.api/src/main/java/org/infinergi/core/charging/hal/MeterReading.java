package org.infinergi.core.charging.hal;

import java.time.Instant;

/**
 * What a meter measured at one instant. Arrays hold one value per phase (L1, L2, L3); a single-phase
 * installation has arrays of length 1.
 *
 * <p>A GRID meter (manual §5.2.2) signs what it measures: currents and powers are positive while the site imports
 * from the grid and negative while it exports (since 1.4.0). A VEHICLE meter's values are never negative.
 *
 * @param at           when the values were sampled
 * @param voltagesV    line-to-neutral voltages, volts RMS
 * @param currentsA    phase currents, amperes RMS (signed on a GRID meter)
 * @param powerW       total active power, watts (signed on a GRID meter)
 * @param energyWh     cumulative active energy imported through this meter, watt-hours (monotonic); NaN when the
 *                     source counts no energy (the wired CTs of manual §4.6)
 * @param phasePowersW active power per phase, watts (signed on a GRID meter), or null when the meter gives the total
 *                     only (since 1.4.0)
 */
public record MeterReading(Instant at, double[] voltagesV, double[] currentsA, double powerW, double energyWh,
        double[] phasePowersW) {

    /** A reading without per-phase powers (the total only). */
    public MeterReading(Instant at, double[] voltagesV, double[] currentsA, double powerW, double energyWh) {
        this(at, voltagesV, currentsA, powerW, energyWh, null);
    }
}
