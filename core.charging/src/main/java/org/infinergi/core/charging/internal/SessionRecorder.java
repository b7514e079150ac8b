package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.api.SessionRecord;

/** Where the core writes finished sessions (bundle-internal service). Must not block the caller. */
public interface SessionRecorder {

    /** Stores a finished session; its {@code id} is ignored, the store assigns one. Returns at once. */
    void record(SessionRecord session);
}
