package org.infinergi.feature.update.internal;

/** A request that the update under way does not allow (a second upload, cancelling a running update). */
final class UpdateBusy extends Exception {

    private static final long serialVersionUID = 1L;

    UpdateBusy(String message) {
        super(message);
    }
}
