package org.infinergi.feature.update.api;

/**
 * Where a bundle update stands.
 *
 * @param stage where it stands
 * @param symbolicName the bundle it replaces (null while IDLE)
 * @param toVersion the version it brings (null while IDLE)
 * @param message a sentence for the user: why it waits, why it failed, what was done
 */
public record UpdateProgress(Stage stage, String symbolicName, String toVersion, String message) {

    /** The stages of manual §5.9.2's update. */
    public enum Stage {
        /** Nothing submitted since the start. */
        IDLE,
        /** Verified and waiting: a vehicle is connected (manual §5.9), applied at the end of its session. */
        POSTPONED,
        /** The bundle is being replaced. */
        UPDATING,
        /** The new version runs. */
        DONE,
        /** Applying failed; the charger is back to normal operation. */
        FAILED,
        /** Withdrawn before it ran. */
        CANCELLED
    }

    /** Whether the update is over (a new one may be submitted). */
    public boolean over() {
        return stage != Stage.POSTPONED && stage != Stage.UPDATING;
    }
}
