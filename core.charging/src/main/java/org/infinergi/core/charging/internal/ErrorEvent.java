package org.infinergi.core.charging.internal;

import java.time.Instant;

import org.infinergi.core.charging.api.ErrorCode;

/** An error raised or cleared in a cycle, for the durable error history. {@code detail} is null for CLEARED. */
record ErrorEvent(Kind kind, ErrorCode code, Instant at, String detail) {

    enum Kind {
        RAISED,
        CLEARED
    }
}
