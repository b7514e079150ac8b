package org.infinergi.driver.ct.internal;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One measurement of the wired CTs, without threads: samples each phase's CT and voltage waveform, paced at
 * {@code samplesPerCycle} a cycle, over {@code windowCycles} whole mains cycles and a little beyond (the last interval
 * is cut at the window's end, {@link Waveform}). A phase's current and voltage are converted back to back so that
 * their product is taken at one instant (one conversion apart: 24 µs at 1 MHz, 0.4° at 50 Hz).
 */
final class CtSampler {

    /** One conversion of a channel. */
    interface Adc {
        int read(int channel) throws Mcp3208Adc.AdcException;
    }

    /** A safety bound: a clock that stops must not hold the measuring thread forever. */
    private static final int MAX_SETS = 100_000;

    private final Adc adc;
    private final CtConfig c;
    private final int phases;
    private final LongSupplier nanos;
    private final LongConsumer pause;
    private final int[] ctChannel;
    private final int[] vChannel;
    private final boolean[] inverted;
    private final long windowNanos;
    private final long stepNanos;

    /**
     * @param nanos the time each sample is taken, nanoseconds
     * @param pause waits the given nanoseconds (the pacing; a test moves its clock instead)
     */
    CtSampler(Adc adc, CtConfig c, int phases, LongSupplier nanos, LongConsumer pause) {
        this.adc = adc;
        this.c = c;
        this.phases = phases;
        this.nanos = nanos;
        this.pause = pause;
        this.ctChannel = new int[] {c.ct1Channel(), c.ct2Channel(), c.ct3Channel()};
        this.vChannel = new int[] {c.voltageL1Channel(), c.voltageL2Channel(), c.voltageL3Channel()};
        this.inverted = new boolean[] {c.ct1Inverted(), c.ct2Inverted(), c.ct3Inverted()};
        this.windowNanos = Math.round(c.windowCycles() * 1e9 / c.mainsFrequencyHz());
        this.stepNanos = Math.max(1, Math.round(1e9 / ((double) c.mainsFrequencyHz() * c.samplesPerCycle())));
    }

    /** Samples the window and returns each phase; throws when a conversion fails. */
    Waveform.Phase[] measure() throws Mcp3208Adc.AdcException {
        int capacity = (int) (windowNanos / stepNanos) + 8;
        long[][] t = new long[phases][capacity];
        double[][] v = new double[phases][capacity];
        double[][] i = new double[phases][capacity];
        int n = 0;
        long start = nanos.getAsLong();
        long next = start;
        while (true) {
            if (n == capacity) {
                capacity *= 2;
                for (int p = 0; p < phases; p++) {
                    t[p] = java.util.Arrays.copyOf(t[p], capacity);
                    v[p] = java.util.Arrays.copyOf(v[p], capacity);
                    i[p] = java.util.Arrays.copyOf(i[p], capacity);
                }
            }
            for (int p = 0; p < phases; p++) {
                t[p][n] = nanos.getAsLong();
                double amps = adc.read(ctChannel[p]) * c.ctGain() + c.ctOffset();
                i[p][n] = inverted[p] ? -amps : amps;
                v[p][n] = adc.read(vChannel[p]) * c.voltageGain() + c.voltageOffset();
            }
            n++;
            if (n >= 2 && allSpan(t, n)) {
                break;
            }
            if (n >= MAX_SETS) {
                throw new Mcp3208Adc.AdcException("the CT samples did not span " + windowNanos / 1_000_000
                        + " ms (clock stopped?)");
            }
            next += stepNanos;
            long wait = next - nanos.getAsLong();
            if (wait > 0) {
                pause.accept(wait);
            }
        }
        Waveform.Phase[] out = new Waveform.Phase[phases];
        for (int p = 0; p < phases; p++) {
            out[p] = Waveform.analyse(t[p], v[p], i[p], n, windowNanos);
        }
        return out;
    }

    private boolean allSpan(long[][] t, int n) {
        for (int p = 0; p < phases; p++) {
            if (t[p][n - 1] - t[p][0] < windowNanos) {
                return false;
            }
        }
        return true;
    }
}
