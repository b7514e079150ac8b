package org.infinergi.feature.update.internal;

import java.time.Instant;

/**
 * The last submitted update and where it stands.
 *
 * @param state where it stands
 * @param symbolicName the bundle it replaces (null while IDLE)
 * @param fromVersion the version installed when it was submitted
 * @param toVersion the version it brings
 * @param signer the subject of the trusted certificate that signed it
 * @param path whether it waits for the end of a charging session and why (manual §5.9; {@link ChargingPath}), null
 *        until decided
 * @param message a sentence for the user: why it waits, why it failed, what was done
 * @param since when this state was entered
 */
public record UpdateStatus(UpdateState state, String symbolicName, String fromVersion, String toVersion,
        String signer, String path, String message, Instant since) {

    static UpdateStatus idle(Instant now) {
        return new UpdateStatus(UpdateState.IDLE, null, null, null, null, null, "no update submitted", now);
    }

    UpdateStatus with(UpdateState newState, String newMessage, Instant now) {
        return new UpdateStatus(newState, symbolicName, fromVersion, toVersion, signer, path, newMessage, now);
    }

    UpdateStatus withPath(String newPath) {
        return new UpdateStatus(state, symbolicName, fromVersion, toVersion, signer, newPath, message, since);
    }

    /** Whether an update is under way (a new one must wait). */
    boolean pending() {
        return state == UpdateState.POSTPONED || state == UpdateState.UPDATING;
    }
}
