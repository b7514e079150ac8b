package org.infinergi.driver.rfid.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * One presentation per swipe: a reader module repeats a card's frame as long as the card stays in its field, so a
 * UID counts again only after {@code quietMs} without any frame of it. Different cards do not disturb each other.
 * Not thread-safe: one reader thread calls it.
 */
final class Debouncer {

    private final long quietMs;
    private final Map<String, Long> lastSeenMs = new HashMap<>();

    Debouncer(long quietMs) {
        this.quietMs = quietMs;
    }

    /** Whether the frame of {@code uid} read at {@code nowMs} is a new presentation. */
    boolean newPresentation(String uid, long nowMs) {
        // Forget cards long gone, so the map holds only the few cards of the last seconds.
        lastSeenMs.values().removeIf(t -> nowMs - t >= quietMs);
        return lastSeenMs.put(uid, nowMs) == null;
    }
}
