package org.infinergi.core.charging.internal;

import java.time.Instant;

import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.SessionRecord;

/** Where the core writes finished sessions and error episodes (bundle-internal service). Must not block the caller. */
public interface SessionRecorder {

    /** Stores a finished session; its {@code id} is ignored, the store assigns one. Returns at once. */
    void record(SessionRecord session);

    /** Stores a newly raised error (manual §9.1 history). Returns at once. */
    default void errorRaised(ErrorCode code, Instant at, String detail) {
    }

    /** Marks the open episode of {@code code} as cleared. Returns at once. */
    default void errorCleared(ErrorCode code, Instant at) {
    }
}
