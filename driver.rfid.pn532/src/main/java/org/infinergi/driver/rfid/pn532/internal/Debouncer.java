package org.infinergi.driver.rfid.pn532.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One read per presentation: the PN532 reports on every detection whether a card is in its field, so a card held
 * on the reader is seen by every poll and is one read; it counts as taken away once {@code removalPolls}
 * detections in a row did not see it (one missed detection at the edge of the field is not a removal), and
 * presented again after that it is a new read. Counted in detections, not milliseconds, so a reader thread that
 * runs late (a loaded CPU) neither splits a held card into two reads nor merges two swipes. Only answered
 * detections count. Not thread-safe: one reader thread calls it.
 */
final class Debouncer {

    private final int removalPolls;
    /** The cards in the field, with the detections in a row that have not seen them. */
    private final Map<String, Integer> missed = new HashMap<>();

    Debouncer(int removalPolls) {
        this.removalPolls = removalPolls;
    }

    /**
     * One answered detection that saw {@code uid} (null: no card); answers whether it is a new presentation.
     */
    boolean detected(String uid) {
        for (Iterator<Map.Entry<String, Integer>> it = missed.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Integer> e = it.next();
            if (!e.getKey().equals(uid) && e.getValue() + 1 >= removalPolls) {
                it.remove();
            } else if (!e.getKey().equals(uid)) {
                e.setValue(e.getValue() + 1);
            }
        }
        return uid != null && missed.put(uid, 0) == null;
    }
}
