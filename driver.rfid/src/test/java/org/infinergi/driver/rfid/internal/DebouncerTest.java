package org.infinergi.driver.rfid.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One presentation per swipe: a held card counts once, a card swiped again after 2 s counts again. */
class DebouncerTest {

    private final Debouncer debouncer = new Debouncer(2000);

    @Test
    void aCardHeldForTenSecondsIsOnePresentation() {
        assertTrue(debouncer.newPresentation("04A2B3C4", 0));
        for (long t = 100; t <= 10_000; t += 100) {
            assertFalse(debouncer.newPresentation("04A2B3C4", t), "frame at " + t + " ms");
        }
    }

    @Test
    void theSameCardCountsAgainAfterTwoSecondsAway() {
        assertTrue(debouncer.newPresentation("04A2B3C4", 0));
        assertFalse(debouncer.newPresentation("04A2B3C4", 1999));
        assertTrue(debouncer.newPresentation("04A2B3C4", 1999 + 2000));
    }

    @Test
    void anotherCardIsNotDebouncedByTheFirst() {
        assertTrue(debouncer.newPresentation("04A2B3C4", 0));
        assertTrue(debouncer.newPresentation("11223344", 10));
        assertFalse(debouncer.newPresentation("04A2B3C4", 20));
    }
}
