package org.infinergi.feature.panel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.infinergi.feature.panel.internal.LongPress.Action;
import org.junit.jupiter.api.Test;

/** Manual §6.2 press durations. */
class LongPressTest {

    private final LongPress key = new LongPress(1000, 30_000, 60_000);

    /** Released at 0, pressed from {@code 10} for {@code holdMs}, sampled every 20 ms; the actions in order. */
    private List<Action> hold(long holdMs) {
        List<Action> out = new ArrayList<>();
        key.update(false, 0);
        long t = 10;
        for (; t < 10 + holdMs; t += 20) {
            add(out, key.update(true, t));
        }
        add(out, key.update(false, t));
        add(out, key.update(false, t + 20));
        return out;
    }

    private static void add(List<Action> out, Action a) {
        if (a != null) {
            out.add(a);
        }
    }

    @Test
    void lessThanOneSecondIsAShortPressOnRelease() {
        assertEquals(List.of(Action.SHORT_PRESS), hold(200));
        assertEquals(List.of(Action.SHORT_PRESS), hold(960));
    }

    @Test
    void betweenOneAndThirtySecondsNothing() {
        assertEquals(List.of(), hold(1100));
        assertEquals(List.of(), hold(29_000));
    }

    @Test
    void thirtySecondsAnnouncesThenRestartsOnRelease() {
        assertEquals(List.of(Action.RESTART_ARMED, Action.RESTART), hold(30_500));
        assertEquals(List.of(Action.RESTART_ARMED, Action.RESTART), hold(59_000));
    }

    @Test
    void sixtySecondsIsAFactoryResetAndNothingOnRelease() {
        assertEquals(List.of(Action.RESTART_ARMED, Action.FACTORY_RESET), hold(61_000));
        assertEquals(List.of(Action.RESTART_ARMED, Action.FACTORY_RESET), hold(120_000));
    }

    @Test
    void aKeyHeldWhenTheLogicStartsIsIgnoredUntilReleased() {
        // e.g. still held through the restart it caused
        assertNull(key.update(true, 0));
        assertNull(key.update(true, 61_000));
        assertNull(key.update(false, 61_020));
        assertNull(key.update(true, 62_000));
        assertEquals(Action.SHORT_PRESS, key.update(false, 62_100));
    }

    @Test
    void thresholdsMustIncrease() {
        assertThrows(IllegalArgumentException.class, () -> new LongPress(1000, 60_000, 30_000));
    }
}
