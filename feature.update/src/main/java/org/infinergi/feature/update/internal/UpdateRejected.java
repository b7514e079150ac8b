package org.infinergi.feature.update.internal;

/** An upload that is not applied, with a sentence naming what was wrong; nothing has changed. */
final class UpdateRejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    UpdateRejected(String message) {
        this(message, false);
    }

    private UpdateRejected(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /** The upload is larger than maxSizeKiB allows (HTTP 413, not 400). */
    static UpdateRejected tooLarge(long maxBytes) {
        return new UpdateRejected("upload larger than " + maxBytes / 1024 + " KiB (maxSizeKiB of PID "
                + UpdateConfig.PID + ")", true);
    }

    boolean tooLarge() {
        return tooLarge;
    }
}
