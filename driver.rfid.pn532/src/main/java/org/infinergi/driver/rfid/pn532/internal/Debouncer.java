package org.infinergi.driver.rfid.pn532.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * One read per presentation: the reader sees a held card on every poll, so a UID counts again only after
 * {@code quietMs} in which no poll saw it (the card was taken away and presented again). Not thread-safe: one
 * reader thread calls it.
 */
final class Debouncer {

    private final long quietMs;
    private final Map<String, Long> lastSeenMs = new HashMap<>();

    Debouncer(long quietMs) {
        this.quietMs = quietMs;
    }

    /** Whether {@code uid}, seen by the poll at {@code nowMs}, is a new presentation. */
    boolean newPresentation(String uid, long nowMs) {
        // Forget cards long gone, so the map holds only the few cards of the last seconds.
        lastSeenMs.values().removeIf(t -> nowMs - t > quietMs);
        return lastSeenMs.put(uid, nowMs) == null;
    }
}
