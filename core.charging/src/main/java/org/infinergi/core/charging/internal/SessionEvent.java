package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.api.SessionRecord;

/**
 * A session started or ended in a cycle. {@code record.id()} is 0 (the store assigns ids); for a start event
 * end, energy and peak are the start values and {@code endReason} is null.
 */
record SessionEvent(Kind kind, SessionRecord record) {

    enum Kind {
        STARTED,
        ENDED
    }
}
