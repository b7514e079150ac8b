package org.infinergi.feature.update.api;

/** A bundle JAR that is not applied, with a sentence naming what was wrong; nothing has changed. */
public final class UpdateRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public UpdateRefusedException(String message) {
        super(message);
    }
}
