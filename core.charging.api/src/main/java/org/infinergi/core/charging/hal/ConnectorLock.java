package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ProviderType;

/** The socket's locking actuator of untethered models, with its position feedback. */
@ProviderType
public interface ConnectorLock {

    /** Commands the actuator: true = lock the plug in the socket. */
    void setLocked(boolean locked);

    /** What the position switch says: true when the plug is really locked. */
    boolean lockedFeedback();
}
