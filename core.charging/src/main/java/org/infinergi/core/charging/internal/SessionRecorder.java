package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.SessionRecord;

/** Where the core writes finished sessions and error episodes (bundle-internal service). Must not block the caller. */
public interface SessionRecorder {

    /** Stores a finished session; its {@code id} is ignored, the store assigns one. Returns at once. */
    void record(SessionRecord session);

    /**
     * Stores a finished session and, once it is durable (committed and on the medium), hands the stored record (its
     * id assigned) to {@code stored}, so that nobody is told of a session a power loss could still take back.
     * Returns at once; {@code stored} runs on the store's thread. A store that cannot say when a write is durable
     * calls it right after {@link #record(SessionRecord)}.
     */
    default void record(SessionRecord session, Consumer<SessionRecord> stored) {
        record(session);
        stored.accept(session);
    }

    /**
     * Keeps the session in progress, so that a power loss loses at most what was measured since (the core calls
     * this every persist period). Returns at once.
     */
    default void keepRunning(RunningSession running) {
    }

    /**
     * The core stops with a session in progress: keeps it durably (waits until it is) for the next start of the core,
     * which resumes it if the vehicle is still connected. False when this store cannot: the caller ends the session.
     */
    default boolean suspend(RunningSession running) {
        return false;
    }

    /** The session the previous start of the core left in progress (suspended or cut by a power loss), or null. */
    default CompletableFuture<RunningSession> leftRunning() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A new start of the core: closes every error episode still open (the core that raised them is gone; the new
     * one raises again what is still there). Returns at once; runs before any write submitted after it.
     */
    default void closeOpenErrors(Instant at, String why) {
    }

    /** Stores a newly raised error (manual §9.1 history). Returns at once. */
    default void errorRaised(ErrorCode code, Instant at, String detail) {
    }

    /** Marks the open episode of {@code code} as cleared. Returns at once. */
    default void errorCleared(ErrorCode code, Instant at) {
    }
}
