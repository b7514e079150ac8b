package org.infinergi.feature.update.internal;

/** Where the bundle update stands (GET /api/update, update:status). */
public enum UpdateState {
    /** Nothing submitted since the start. */
    IDLE,
    /** Verified and waiting: the charging core refuses to stop for it (a vehicle is connected, manual §5.9). */
    POSTPONED,
    /** The core shows "Firmware update in progress"; the bundle is being replaced. */
    UPDATING,
    /** The new version runs. */
    DONE,
    /** Applying failed (the reason says why); the charger is back to normal operation. */
    FAILED,
    /** A postponed update was withdrawn before it ran. */
    CANCELLED
}
