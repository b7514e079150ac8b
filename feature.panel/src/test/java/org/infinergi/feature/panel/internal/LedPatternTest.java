package org.infinergi.feature.panel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The timelines of the §8 patterns and the §9.1 error blinks. */
class LedPatternTest {

    /** The lit intervals of {@code p} over [0, until) at 1 ms resolution, as "on-off" edges. */
    private static String edges(LedPattern p, int until) {
        StringBuilder sb = new StringBuilder();
        boolean prev = false;
        for (int t = 0; t < until; t++) {
            boolean lit = p.lit(t);
            if (lit != prev) {
                sb.append(lit ? "+" : "-").append(t).append(' ');
                prev = lit;
            }
        }
        return sb.toString().trim();
    }

    @Test
    void offAndFixed() {
        assertEquals("", edges(LedPattern.OFF, 5000));
        assertEquals("+0", edges(LedPattern.FIXED, 5000));
    }

    @Test
    void periodicIsLitTheFirstHalfOfEachPeriod() {
        assertEquals("+0 -500 +1000 -1500 +2000 -2500", edges(LedPattern.periodic(1000), 3000));
        assertEquals("+0 -1000 +2000 -3000", edges(LedPattern.periodic(2000), 4000));
        assertEquals("+0 -100 +200 -300 +400 -500", edges(LedPattern.periodic(200), 600));
        assertEquals("+0 -250 +500 -750", edges(LedPattern.periodic(500), 1000));
    }

    @Test
    void singleBlinkFlashesOnce() {
        assertEquals("+0 -600", edges(LedPattern.singleBlink(600), 10_000));
        assertEquals("+0 -500", edges(LedPattern.singleBlink(500), 10_000));
    }

    @Test
    void doubleBlinkFlashesTwiceThenStaysDark() {
        assertEquals("+0 -350 +700 -1050", edges(LedPattern.doubleBlink(350), 10_000));
    }

    @Test
    void errorCategoryBlinksItsNumberThenPausesOneSecond() {
        // category 1: a 250 ms blink, one second dark, again (cycle 1250)
        assertEquals("+0 -250 +1250 -1500 +2500 -2750", edges(LedPattern.errorCategory(1), 3000));
        // category 2: two blinks of the 500 ms period, one second between the last and the next sequence
        assertEquals("+0 -250 +500 -750 +1750 -2000 +2250 -2500", edges(LedPattern.errorCategory(2), 3000));
        // category 3
        assertEquals("+0 -250 +500 -750 +1000 -1250 +2250 -2500 +2750 -3000 +3250 -3500",
                edges(LedPattern.errorCategory(3), 4000));
    }

    @Test
    void beforeStartNothingIsLit() {
        assertFalse(LedPattern.FIXED.lit(-1));
        assertTrue(LedPattern.FIXED.lit(0));
    }

    @Test
    void invalidPatternsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LedPattern.periodic(0));
        assertThrows(IllegalArgumentException.class, () -> LedPattern.errorCategory(0));
    }
}
