package org.infinergi.core.charging.testing;

import java.util.ArrayList;
import java.util.List;

import org.infinergi.core.charging.hal.ConnectorLock;

/**
 * A socket lock whose feedback follows the command at once, unless the test jams it ({@link #jam}: the feedback
 * stays where it is). Records every command. Thread-safe.
 */
public final class FakeConnectorLock implements ConnectorLock {

    private boolean commanded;
    private boolean feedback;
    private Boolean jammedAt;
    private final List<Boolean> commands = new ArrayList<>();

    /** The feedback stays {@code position} whatever the command; null = follow the command again. */
    public synchronized FakeConnectorLock jam(Boolean position) {
        jammedAt = position;
        feedback = position != null ? position : commanded;
        return this;
    }

    @Override
    public synchronized void setLocked(boolean locked) {
        commanded = locked;
        commands.add(locked);
        if (jammedAt == null) {
            feedback = locked;
        }
    }

    @Override
    public synchronized boolean lockedFeedback() {
        return feedback;
    }

    /** The last command (false before any). */
    public synchronized boolean commanded() {
        return commanded;
    }

    /** Every command so far, in order (true = lock). */
    public synchronized List<Boolean> commands() {
        return List.copyOf(commands);
    }
}
