package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.SessionRecord;

/**
 * A session store in memory that outlives the cores a test starts one after the other, as the H2 file outlives a
 * restart: it keeps the session in progress, hands it to the next core and can hold back the moment a write
 * becomes durable ({@link #holdWrites}).
 */
class MemoryStore implements SessionRecorder {

    final List<SessionRecord> stored = new CopyOnWriteArrayList<>();
    /** "RAISED D5", "CLEARED D5", "CLOSED ALL <why>", in order. */
    final List<String> history = new CopyOnWriteArrayList<>();
    /** Every session in progress kept, in order. */
    final List<RunningSession> kept = new CopyOnWriteArrayList<>();
    volatile RunningSession running;
    private volatile boolean held;
    private final List<Runnable> heldWrites = new ArrayList<>();

    /** Writes are not durable until {@link #releaseWrites()}: their callbacks wait. */
    synchronized void holdWrites() {
        held = true;
    }

    synchronized void releaseWrites() {
        held = false;
        heldWrites.forEach(Runnable::run);
        heldWrites.clear();
    }

    @Override
    public void record(SessionRecord session) {
        record(session, s -> {
        });
    }

    @Override
    public synchronized void record(SessionRecord session, Consumer<SessionRecord> done) {
        Runnable write = () -> {
            SessionRecord s = new SessionRecord(stored.size() + 1, session.start(), session.end(), session.energyWh(),
                    session.peakPowerW(), session.mode(), session.endReason(), session.idTag(),
                            session.greenEnergyWh());
            stored.add(s);
            // As H2SessionStore: only the row kept for this session goes with it.
            RunningSession r = running;
            if (r != null && r.session().start().equals(session.start())) {
                running = null;
            }
            done.accept(s);
        };
        if (held) {
            heldWrites.add(write);
        } else {
            write.run();
        }
    }

    @Override
    public void keepRunning(RunningSession r) {
        kept.add(r);
        running = r;
    }

    @Override
    public boolean suspend(RunningSession r) {
        keepRunning(r);
        return true;
    }

    @Override
    public CompletableFuture<RunningSession> leftRunning() {
        return CompletableFuture.completedFuture(running);
    }

    @Override
    public void closeOpenErrors(Instant at, String why) {
        history.add("CLOSED ALL " + why);
    }

    @Override
    public void errorRaised(ErrorCode code, Instant at, String detail) {
        history.add("RAISED " + code);
    }

    @Override
    public void errorCleared(ErrorCode code, Instant at) {
        history.add("CLEARED " + code);
    }
}
