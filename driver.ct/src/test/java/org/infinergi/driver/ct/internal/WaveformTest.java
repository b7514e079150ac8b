package org.infinergi.driver.ct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** RMS, active power and direction from sampled waveforms over whole mains cycles. */
class WaveformTest {

    private static final double F = 50.0;
    private static final long WINDOW = 40_000_000L; // two cycles at 50 Hz

    /**
     * Samples {@code √2·V·sin(ωt)} and {@code √2·I·sin(ωt − lag) + bias} every {@code stepNs} (± jitter), until past
     * the window, as the board's paced sampling does.
     */
    private static Waveform.Phase sample(double vRms, double iRms, double lagRad, double biasA, long stepNs,
            long jitterNs, long startNs) {
        Random random = new Random(7);
        int cap = (int) (WINDOW / Math.max(1, stepNs - jitterNs)) + 4;
        long[] t = new long[cap];
        double[] v = new double[cap];
        double[] i = new double[cap];
        int n = 0;
        long now = startNs;
        while (n < 2 || t[n - 1] - t[0] < WINDOW) {
            double w = 2 * Math.PI * F * now / 1e9;
            t[n] = now;
            v[n] = Math.sqrt(2) * vRms * Math.sin(w);
            i[n] = Math.sqrt(2) * iRms * Math.sin(w - lagRad) + biasA;
            n++;
            now += stepNs + (jitterNs == 0 ? 0 : (long) (random.nextDouble() * jitterNs));
        }
        return Waveform.analyse(t, v, i, n, WINDOW);
    }

    @Test
    void aCurrentInPhaseWithTheVoltageIsImport_positive() {
        Waveform.Phase p = sample(230, 16, 0, 0, 1_000_000, 0, 3_333_333);
        assertEquals(230.0, p.voltageV(), 0.01);
        assertEquals(16.0, p.currentA(), 0.01);
        assertEquals(3680.0, p.powerW(), 1.0);
    }

    @Test
    void aCurrentInOppositionIsExport_negativeCurrentAndPower() {
        Waveform.Phase p = sample(230, 10, Math.PI, 0, 1_000_000, 0, 0);
        assertEquals(-10.0, p.currentA(), 0.01);
        assertEquals(-2300.0, p.powerW(), 1.0);
    }

    @Test
    void aHundredAmperesWithAReactiveLoad_activePowerIsVICosPhi() {
        double lag = Math.acos(0.8);
        Waveform.Phase p = sample(230, 100, lag, 0, 1_000_000, 0, 1_234_567);
        assertEquals(100.0, p.currentA(), 0.05);
        assertEquals(230 * 100 * 0.8, p.powerW(), 5.0);
    }

    @Test
    void theFrontEndsBiasIsNoCurrent() {
        Waveform.Phase p = sample(230, 5, 0, 2.5, 1_000_000, 0, 0);
        assertEquals(5.0, p.currentA(), 0.01);
        assertEquals(1150.0, p.powerW(), 0.5);
        Waveform.Phase none = sample(230, 0, 0, 1.7, 1_000_000, 0, 0);
        assertEquals(0.0, none.currentA(), 1e-9);
    }

    @Test
    void lateAndIrregularSamplesStillGiveTheRmsOfWholeCycles() {
        // A paced thread that wakes up to 300 µs late: each sample weighs its own time, the window stays 40 ms.
        Waveform.Phase p = sample(230, 32, 0, 0, 900_000, 300_000, 777_777);
        assertEquals(32.0, p.currentA(), 32 * 0.01);
        assertEquals(230.0, p.voltageV(), 230 * 0.01);
        assertEquals(230 * 32.0, p.powerW(), 230 * 32 * 0.02);
    }
}
