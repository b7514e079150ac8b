package org.infinergi.core.charging.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

import org.infinergi.core.charging.hal.MeterReading;

/**
 * The charger's own meter's readings of the last {@link #WINDOW}, one per reading (each time it is asked, its latest
 * reading is added unless it is the one already kept), so the site's load can subtract the charger's draw as it was
 * when the grid meter measured — not as it is now (manual §5.3; the grid meter is polled, the own meter is nearly
 * current). Not thread-safe on its own: the component holds its lock.
 */
final class ReadingHistory {

    /**
     * How far back readings are kept: longer than a grid reading stays fresh by default (CT {@code staleAfterMs},
     * Modbus {@code holdMs}: 3 s), with room for slower meters.
     */
    static final Duration WINDOW = Duration.ofSeconds(30);
    /**
     * The furthest a kept reading may be from the grid reading's time and still stand for the charger's draw then:
     * two of the slowest vehicle meter's polls (a Modbus MID meter, 1 s by default, its nearest reading is at most
     * half a poll away); further, the charger's draw then is unknown.
     */
    static final Duration MATCH = Duration.ofSeconds(1);

    private final ArrayDeque<MeterReading> readings = new ArrayDeque<>();

    /** Keeps {@code r} (a reading already kept, or older than the newest, is not added twice) and drops the old ones. */
    void add(MeterReading r) {
        MeterReading newest = readings.peekLast();
        if (newest == null || r.at().isAfter(newest.at())) {
            readings.addLast(r);
        }
        Instant oldest = r.at().minus(WINDOW);
        while (!readings.isEmpty() && readings.peekFirst().at().isBefore(oldest)) {
            readings.removeFirst();
        }
    }

    void clear() {
        readings.clear();
    }

    /** The kept reading nearest {@code at}, if one is within {@link #MATCH} of it. */
    Optional<MeterReading> nearest(Instant at) {
        MeterReading best = null;
        long bestMs = Long.MAX_VALUE;
        // Newest first: the grid reading is usually less than a poll old, so the search stops after a few steps.
        for (Iterator<MeterReading> it = readings.descendingIterator(); it.hasNext();) {
            MeterReading r = it.next();
            long ms = Math.abs(Duration.between(r.at(), at).toMillis());
            if (ms > bestMs) {
                break;
            }
            best = r;
            bestMs = ms;
        }
        return best != null && bestMs <= MATCH.toMillis() ? Optional.of(best) : Optional.empty();
    }
}
