package org.infinergi.driver.ct.internal;

/**
 * One phase's voltage and current waveforms over whole mains cycles → RMS voltage, RMS current and active power.
 * Pure arithmetic, no state.
 *
 * <p>Samples carry their own times, because a board's sampling is paced by a thread that wakes late now and then:
 * every mean is a time integral (trapezoid rule) over exactly {@code windowNanos} from the first sample, the last
 * interval cut by linear interpolation, so a late sample neither weighs more than its share nor stretches the window
 * past whole cycles (for a sine sampled over whole cycles the trapezoid rule is exact). The DC part of each channel
 * (the front end's mid-scale bias, its drift) is the mean over the window and is removed before squaring: a CT
 * carries no DC.
 *
 * <p>The direction: active power {@code P = mean(v · i)} is positive when the current flows in phase with the
 * voltage through the CT in its arrow's direction (import, manual §4.6) and negative when it flows back (export);
 * the RMS current takes its sign, so import is + and export − for features.
 */
final class Waveform {

    /** One phase measured: volts RMS, amperes RMS signed as the power, watts. */
    record Phase(double voltageV, double currentA, double powerW) {
    }

    private Waveform() {
    }

    /**
     * @param t           sample times, nanoseconds, increasing; {@code n} samples, the last at or after
     *                    {@code t[0] + windowNanos}
     * @param v           instantaneous volts
     * @param i           instantaneous amperes in the arrow's direction
     * @param windowNanos whole mains cycles
     */
    static Phase analyse(long[] t, double[] v, double[] i, int n, long windowNanos) {
        if (n < 2 || t[n - 1] - t[0] < windowNanos) {
            throw new IllegalArgumentException("samples must span the window: " + n + " samples");
        }
        double mv = mean(t, v, null, n, windowNanos, 0, 0);
        double mi = mean(t, i, null, n, windowNanos, 0, 0);
        double vv = mean(t, v, v, n, windowNanos, mv, mv);
        double ii = mean(t, i, i, n, windowNanos, mi, mi);
        double p = mean(t, v, i, n, windowNanos, mv, mi);
        double irms = Math.sqrt(Math.max(0, ii));
        return new Phase(Math.sqrt(Math.max(0, vv)), p < 0 ? -irms : irms, p);
    }

    /**
     * The time mean over {@code [t0, t0 + window]} of {@code (a − ca)·(b − cb)}, or of {@code a} alone when
     * {@code b} is null.
     */
    private static double mean(long[] t, double[] a, double[] b, int n, long window, double ca, double cb) {
        long end = t[0] + window;
        double sum = 0;
        for (int k = 0; k + 1 < n && t[k] < end; k++) {
            double f0 = value(a, b, k, ca, cb);
            double f1 = value(a, b, k + 1, ca, cb);
            long dt = t[k + 1] - t[k];
            if (t[k + 1] > end) {
                // The last interval ends inside: interpolate the value at the window's end.
                double frac = (double) (end - t[k]) / dt;
                f1 = f0 + (f1 - f0) * frac;
                dt = end - t[k];
            }
            sum += (f0 + f1) / 2.0 * dt;
        }
        return sum / window;
    }

    private static double value(double[] a, double[] b, int k, double ca, double cb) {
        return b == null ? a[k] : (a[k] - ca) * (b[k] - cb);
    }
}
