package org.infinergi.driver.pilot.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.infinergi.core.charging.hal.MeterReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal vehicle meter's arithmetic, without threads: each {@link #sample()} converts the metering
 * ADC's voltage and current channels, computes power and integrates energy (trapezoid rule between
 * consecutive good samples). Energy is monotonic: it only ever adds non-negative terms, and a gap longer
 * than the stale limit is not bridged (no invented energy across an ADC outage).
 *
 * <p>Power is Σ V·I over the phases, i.e. unity power factor. The board measures true-RMS magnitudes only
 * (an RMS-to-DC converter per channel in front of the MCP3208), not the phase angle, so it cannot measure
 * active power; V·I is apparent power. That is acceptable for this non-billing meter because the load is
 * an EV's on-board charger, whose active power-factor correction holds cos φ above ≈ 0.99 at the currents
 * that matter, so the error stays below ≈ 1 %. Billing-grade energy comes from the MID meter (manual §5.2).
 */
final class MeterSampler {

    private static final Logger LOG = LoggerFactory.getLogger(MeterSampler.class);

    private final Mcp3208Adc adc;
    private final PilotConfig config;
    private final int phases;
    private final Clock clock;
    private final Duration staleAfter;

    private MeterReading lastGood;
    private boolean lastFailed;
    private double energyWh;

    MeterSampler(Mcp3208Adc adc, PilotConfig config, int phases, Clock clock) {
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException("metered phases must be 1 or 3, was " + phases);
        }
        this.adc = adc;
        this.config = config;
        this.phases = phases;
        this.clock = clock;
        this.staleAfter = Duration.ofMillis(config.meterStaleAfterMs());
    }

    /** Takes one sample now. */
    synchronized void sample() {
        Instant now = clock.instant();
        int[] vCh = {config.meterVoltageL1Channel(), config.meterVoltageL2Channel(), config.meterVoltageL3Channel()};
        int[] iCh = {config.meterCurrentL1Channel(), config.meterCurrentL2Channel(), config.meterCurrentL3Channel()};
        double[] v = new double[phases];
        double[] i = new double[phases];
        try {
            for (int p = 0; p < phases; p++) {
                v[p] = Math.max(0.0, adc.read(vCh[p]) * config.meterVoltageGain() + config.meterVoltageOffset());
                i[p] = Math.max(0.0, adc.read(iCh[p]) * config.meterCurrentGain() + config.meterCurrentOffset());
            }
        } catch (Mcp3208Adc.AdcException e) {
            if (!lastFailed) {
                LOG.warn("Vehicle meter ADC failed: {}", e.getMessage());
            }
            lastFailed = true;
            return;
        }
        if (lastFailed) {
            LOG.info("Vehicle meter ADC answers again");
        }
        lastFailed = false;
        double power = 0.0;
        for (int p = 0; p < phases; p++) {
            power += v[p] * i[p];
        }
        if (lastGood != null) {
            Duration dt = Duration.between(lastGood.at(), now);
            if (!dt.isNegative() && dt.compareTo(staleAfter) <= 0) {
                energyWh += (lastGood.powerW() + power) / 2.0 * (dt.toNanos() / 1e9) / 3600.0;
            }
        }
        lastGood = new MeterReading(now, v, i, power, energyWh);
    }

    /**
     * Below this on every phase no vehicle draws (an EV charges at 6 A or more; the converters' offset reads a few
     * tens of mA): the meter may sample at its idle pace.
     */
    static final double IDLE_CURRENT_A = 0.5;

    /**
     * Whether the last sample saw current on a phase — or saw nothing (no sample yet, the ADC failed): then the full
     * pace, so energy is integrated finely and a failure's recovery is seen soon.
     */
    synchronized boolean carrying() {
        if (lastFailed || lastGood == null) {
            return true;
        }
        for (double a : lastGood.currentsA()) {
            if (a > IDLE_CURRENT_A) {
                return true;
            }
        }
        return false;
    }

    /** The last good reading, empty when the ADC failed at the last sample or the reading is stale. */
    synchronized Optional<MeterReading> latest() {
        if (lastFailed || lastGood == null) {
            return Optional.empty();
        }
        if (Duration.between(lastGood.at(), clock.instant()).compareTo(staleAfter) > 0) {
            return Optional.empty();
        }
        MeterReading r = lastGood;
        return Optional.of(new MeterReading(r.at(), r.voltagesV().clone(), r.currentsA().clone(), r.powerW(), r.energyWh()));
    }
}
