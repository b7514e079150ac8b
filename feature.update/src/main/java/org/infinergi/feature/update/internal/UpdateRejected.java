package org.infinergi.feature.update.internal;

/** An upload that is not applied, with a sentence naming what was wrong; nothing has changed. */
final class UpdateRejected extends Exception {

    private static final long serialVersionUID = 1L;

    UpdateRejected(String message) {
        super(message);
    }
}
