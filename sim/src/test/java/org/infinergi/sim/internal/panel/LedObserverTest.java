package org.infinergi.sim.internal.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.LongPredicate;

import org.junit.jupiter.api.Test;

/** The observer decodes what the pins do over time (generated here from the manual's timings, 10 ms samples). */
class LedObserverTest {

    private static LedView watch(String colour, LongPredicate lit, long forMs) {
        LedObserver o = new LedObserver();
        long t0 = 5000;
        for (long t = 0; t <= forMs; t += 10) {
            o.sample(t0 + t, lit.test(t) ? colour : "OFF");
        }
        return o.view(t0 + forMs);
    }

    @Test
    void steadyIsOffOrFixed() {
        assertEquals(new LedView("OFF", "OFF", null, null, "OFF"), watch("GREEN", t -> false, 8000));
        assertEquals(new LedView("BLUE", "FIXED", null, null, "BLUE"), watch("BLUE", t -> true, 8000));
    }

    @Test
    void periodicReportsItsPeriod() {
        for (int period : new int[] {200, 500, 1000, 2000}) {
            LedView v = watch("GREEN", t -> t % period < period / 2, 8000);
            assertEquals("PERIODIC", v.pattern(), "period " + period);
            assertEquals(period, v.durationMs());
            assertEquals("GREEN", v.colour());
        }
    }

    @Test
    void errorBlinksReportTheCategory() {
        for (int n = 1; n <= 3; n++) {
            int blinks = n;
            long cycle = blinks * 500L + 750;
            LedView v = watch("RED", t -> t % cycle < blinks * 500L && (t % cycle) % 500 < 250, 8000);
            assertEquals(new LedView("RED", "ERROR_CATEGORY", null, n, v.lit()), v, "category " + n);
        }
    }

    @Test
    void singleAndDoubleBlinks() {
        assertEquals(new LedView("WHITE", "SINGLE_BLINK", 600, null, "OFF"), watch("WHITE", t -> t >= 100 && t < 700, 3000));
        assertEquals(new LedView("GREEN", "DOUBLE_BLINK", 350, null, "OFF"),
                watch("GREEN", t -> (t >= 100 && t < 450) || (t >= 800 && t < 1150), 3000));
    }

    @Test
    void aOneShotFadesToOffOutOfTheWindow() {
        assertEquals("OFF", watch("WHITE", t -> t < 600, 8000).pattern());
    }

    @Test
    void irregularIsUnknown() {
        assertEquals("UNKNOWN", watch("RED", t -> (t >= 100 && t < 200) || (t >= 300 && t < 1300)
                || (t >= 1500 && t < 1600), 1700).pattern());
    }
}
