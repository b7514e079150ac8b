package org.infinergi.feature.auth.api;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A central system that validates cards (manual §5.7 "Centralized": the list of valid cards is on a remote system),
 * as the OCPP client provides it (OCPP 1.6 Authorize). The authentication feature asks it for a card the local list
 * does not decide; it answers later, on its own thread, and never blocks the caller.
 *
 * @since 1.1.0
 */
@ConsumerType
public interface CentralAuthorization {

    /**
     * What the central system said of an id tag.
     *
     * @param reached  false when the central system could not be asked (none configured, offline, no answer)
     * @param accepted true when it accepted the id tag (OCPP idTagInfo status Accepted); also true, with
     *                 {@code reached} false, when the client accepted it for the central system without asking
     *                 (OCPP 1.6 §3.5: its local authorization list or cache, offline or LocalPreAuthorize)
     * @param status   its status (OCPP: Accepted, Blocked, Expired, Invalid, ConcurrentTx) or why it was not reached
     */
    record Verdict(boolean reached, boolean accepted, String status) {
    }

    /** Asks the central system about {@code idTag}; the stage completes with its verdict, never exceptionally. */
    CompletionStage<Verdict> authorize(String idTag);
}
