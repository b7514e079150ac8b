package org.infinergi.feature.ocpp.internal;

/**
 * What the OCPP mode (manual §5.1.4) and the charging profiles need to know of the transactions (OCPP 1.6 §4.8,
 * §4.10, §5.11): an Authorize in flight, a StartTransaction queued, its confirmation, the end. Called on the OCPP
 * client's one thread; the default methods do nothing.
 */
interface TransactionListener {

    /** Authorize of the id tag that would start the transaction was sent ({@code true}) or answered ({@code false}). */
    default void authorizing(boolean inFlight) {
    }

    /**
     * StartTransaction was queued for the session {@code txKey} (the epoch milliseconds of the plug-in);
     * {@code confirmed}: the central system itself asked for it (RemoteStartTransaction accepted) or, after a restart,
     * had answered it already ({@code transactionId} then known, else null).
     */
    default void started(long txKey, Integer transactionId, boolean confirmed) {
    }

    /** StartTransaction.conf: the central system's {@code transactionId} and the idTagInfo {@code status}. */
    default void confirmed(long txKey, int transactionId, String idTagStatus) {
    }

    /** The transaction of {@code txKey} stopped (StopTransaction queued, whatever the reason). */
    default void stopped(long txKey) {
    }

    /** RemoteStartTransaction {@code request} was accepted (its optional chargingProfile is the transaction's). */
    default void remoteStartAccepted(com.fasterxml.jackson.databind.node.ObjectNode request) {
    }
}
