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
     * The furthest a kept reading may lie before the grid reading's time and still stand for the charger's draw then:
     * two of the slowest vehicle meter's polls (a Modbus MID meter, 1 s by default and a little more from one answer
     * to the next, may be polled on the same line just after the grid meter: its last reading before is then about a
     * poll old; one late answer allowed); further, the charger's draw then is unknown.
     */
    static final Duration MATCH = Duration.ofSeconds(2);

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

    /**
     * The last kept reading taken at or before {@code at}, if it is within {@link #MATCH} of it — never one taken
     * after: the car's draw changes in answer to an offer, and the offer changes in answer to a grid reading, so a
     * reading of the charger's taken after the grid reading's time can already hold the change that reading caused,
     * which the grid meter did not measure. Taking it (as "the nearest" did, about every other time on the 3T-DR sim
     * image, where the car follows an offer within a tick) counted that change twice: the house looked lighter by a
     * raise, and DLM raised again by as much — 10.5 → 13.4 → 16.3 A on a room of 13.4 A.
     */
    Optional<MeterReading> takenBy(Instant at) {
        // Newest first: the grid reading is usually less than a poll old, so the search stops after a few steps.
        for (Iterator<MeterReading> it = readings.descendingIterator(); it.hasNext();) {
            MeterReading r = it.next();
            if (!r.at().isAfter(at)) {
                return Duration.between(r.at(), at).compareTo(MATCH) <= 0 ? Optional.of(r) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
