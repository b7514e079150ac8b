package org.infinergi.sim.internal;

/** A well-formed request the simulated world cannot carry out (HTTP 409): the cause does not exist here. */
public final class SimRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimRejected(String message) {
        super(message, null, false, false);
    }
}
