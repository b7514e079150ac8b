package org.infinergi.core.charging.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;

/**
 * A meter whose reading the test sets. After {@link #set(double, double)} or {@link #setPhases} it keeps measuring
 * those values: each {@link #latest()} is stamped with the clock's time, as a polled meter's would be.
 * {@link #set(MeterReading)} answers exactly that reading (its own time: e.g. an old one); {@link #silence()} makes
 * it answer nothing (stale = missing). Thread-safe.
 */
public final class FakeMeter implements Meter {

    private final Clock clock;
    private final int phases;
    private volatile MeterReading reading;
    private volatile boolean live;

    public FakeMeter(Clock clock, int phases) {
        this.clock = clock;
        this.phases = phases;
    }

    /** A three-phase meter. */
    public FakeMeter(Clock clock) {
        this(clock, 3);
    }

    /** Sets power and cumulative energy; voltages 230 V, currents power / (230 V × phases) per phase. */
    public FakeMeter set(double powerW, double energyWh) {
        double[] v = new double[phases];
        double[] a = new double[phases];
        for (int i = 0; i < phases; i++) {
            v[i] = 230.0;
            a[i] = powerW / (230.0 * phases);
        }
        reading = new MeterReading(Instant.now(clock), v, a, powerW, energyWh);
        live = true;
        return this;
    }

    /**
     * Sets the phase voltages and currents (one value per phase), power = Σ V·I, keeping the energy of the last
     * reading.
     */
    public FakeMeter setPhases(double[] voltagesV, double[] currentsA) {
        double p = 0;
        for (int i = 0; i < voltagesV.length; i++) {
            p += voltagesV[i] * currentsA[i];
        }
        MeterReading last = reading;
        reading = new MeterReading(Instant.now(clock), voltagesV.clone(), currentsA.clone(), p,
                last == null ? 0 : last.energyWh());
        live = true;
        return this;
    }

    /** Sets a complete reading. */
    public FakeMeter set(MeterReading r) {
        reading = r;
        live = false;
        return this;
    }

    /** The meter stops answering. */
    public FakeMeter silence() {
        reading = null;
        return this;
    }

    @Override
    public Optional<MeterReading> latest() {
        MeterReading r = reading;
        if (r != null && live) {
            r = new MeterReading(Instant.now(clock), r.voltagesV(), r.currentsA(), r.powerW(), r.energyWh());
        }
        return Optional.ofNullable(r);
    }
}
