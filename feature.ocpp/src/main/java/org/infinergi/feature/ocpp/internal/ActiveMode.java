package org.infinergi.feature.ocpp.internal;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ModeDecision;

/**
 * The OCPP Active mode (manual §5.1.4): the central system drives the charge. The charge may go only while a
 * transaction is open that the central system confirmed — StartTransaction.conf with idTagInfo Accepted, or a
 * transaction it asked for itself (RemoteStartTransaction accepted); the current then follows the charging profiles
 * ({@link SmartCharging}, a limit of its own). Until then the mode pauses and says why in manual §8's words:
 * "Charging authorization request in progress" (Authorize in flight), "Waiting for transaction start confirmation"
 * (StartTransaction queued, not answered — also while the central system is unreachable: offline, no transaction
 * starts a charge it has not confirmed), "Device not enabled for charging" (no transaction, refused, or no central
 * system set). A confirmed transaction goes on when the link is lost (OCPP 1.6 offline behaviour: the charge point keeps
 * its transaction and its stored profiles), so the link's loss never raises the current, it only keeps it.
 *
 * <p>Told by {@link Transactions} on the OCPP thread; {@link #decide()} is read by the core's control loop: one
 * volatile immutable state.
 */
final class ActiveMode implements TransactionListener {

    /** Where the transaction of the connector stands, as the mode sees it. */
    enum Phase { NONE, AUTHORIZING, AWAITING_CONFIRMATION, CONFIRMED, REFUSED }

    /** One consistent view: the phase, the session's key, the idTagInfo status of a refusal. */
    record State(Phase phase, long txKey, String refusal) {
        static final State NONE = new State(Phase.NONE, 0, null);
    }

    private volatile State state = State.NONE;
    private final boolean configured;
    private final java.util.function.BooleanSupplier online;

    /**
     * @param configured a central system is set (PID {@code org.infinergi.ocpp} {@code url})
     * @param online     the central system accepted us on an open connection now
     */
    ActiveMode(boolean configured, java.util.function.BooleanSupplier online) {
        this.configured = configured;
        this.online = online;
    }

    /** The mode's word now (the core's control loop: from memory, never blocks). */
    ModeDecision decide() {
        return decide(configured, state, online.getAsBoolean());
    }

    /** The pure rule of the mode: what the charge may do for {@code s}. */
    static ModeDecision decide(boolean configured, State s, boolean online) {
        if (!configured) {
            return ModeDecision.suspendedAs(ChargerStatus.DETAIL_OCPP_NOT_ENABLED,
                    "no central system set (OCPP URL, manual §5.1.4)");
        }
        return switch (s.phase()) {
            case CONFIRMED -> new ModeDecision(true, "transaction confirmed by the central system",
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            case AWAITING_CONFIRMATION -> ModeDecision.suspendedAs(ChargerStatus.DETAIL_OCPP_WAITING_FOR_TRANSACTION,
                    online ? "StartTransaction sent to the central system"
                            : "StartTransaction queued: the central system is not reachable");
            case AUTHORIZING -> ModeDecision.suspendedAs(ChargerStatus.DETAIL_OCPP_AUTHORIZATION_IN_PROGRESS,
                    "Authorize sent to the central system");
            case REFUSED -> ModeDecision.suspendedAs(ChargerStatus.DETAIL_OCPP_NOT_ENABLED,
                    "the central system refused the transaction (" + s.refusal() + ")");
            case NONE -> ModeDecision.suspendedAs(ChargerStatus.DETAIL_OCPP_NOT_ENABLED,
                    online ? "no transaction: the central system has not enabled the charge"
                            : "no transaction, and the central system is not reachable");
        };
    }

    State state() {
        return state;
    }

    @Override
    public void authorizing(boolean inFlight) {
        State s = state;
        if (inFlight && (s.phase() == Phase.NONE || s.phase() == Phase.REFUSED)) {
            state = new State(Phase.AUTHORIZING, 0, null);
        } else if (!inFlight && s.phase() == Phase.AUTHORIZING) {
            state = State.NONE;
        }
    }

    @Override
    public void started(long txKey, Integer transactionId, boolean confirmed) {
        state = new State(confirmed ? Phase.CONFIRMED : Phase.AWAITING_CONFIRMATION, txKey, null);
    }

    @Override
    public void confirmed(long txKey, int transactionId, String idTagStatus) {
        State s = state;
        if (s.txKey() != txKey || s.phase() == Phase.CONFIRMED) {
            // an older transaction's answer, or one the central system asked for itself
            return;
        }
        state = "Accepted".equals(idTagStatus) ? new State(Phase.CONFIRMED, txKey, null)
                : new State(Phase.REFUSED, txKey, idTagStatus);
    }

    @Override
    public void stopped(long txKey) {
        // a transaction the central system refused is stopped at once (StopTransactionOnInvalidId): its refusal
        // stays the reason shown until the next transaction starts
        if (state.txKey() == txKey && state.phase() != Phase.REFUSED) {
            state = State.NONE;
        }
    }
}
