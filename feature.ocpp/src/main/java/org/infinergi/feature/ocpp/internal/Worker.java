package org.infinergi.feature.ocpp.internal;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Blocking work (a download, a zip, an upload) off the OCPP client's thread, whose outcome comes back on that thread,
 * so the protocol's state still needs no locks.
 */
interface Worker {

    /** The value of a job, or why it failed. */
    record Outcome<T>(T value, Exception error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Runs {@code job}, then {@code done} with its outcome on the client's thread. */
    <T> void run(Callable<T> job, Consumer<Outcome<T>> done);
}
