package org.infinergi.feature.ocpp.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Transactions of OCPP 1.6 (§4.8 StartTransaction, §4.10 StopTransaction, §4.7 MeterValues, §4.1 Authorize, §5.11
 * RemoteStartTransaction, §5.12 RemoteStopTransaction) driven by the core's sessions (docs/events.md: a session is a
 * vehicle's plug-in to its unplug) and the authorization mode of manual §5.1.4:
 * <ul>
 * <li>{@code DISABLED}: the charge needs no authorization; the transaction starts at the plug-in with the static ID
 * tag (or the id tag the session was authorized with);</li>
 * <li>{@code STATIC_ID_TAG}: Authorize with the static ID tag first, the transaction starts when the central system
 * accepts it (offline: at once, an offline transaction);</li>
 * <li>{@code RFID}: the transaction starts with the card the session was authorized with (before or after the
 * plug-in, {@code CARD_ACCEPTED}) or with a RemoteStartTransaction's id tag.</li>
 * </ul>
 * Every transaction message goes through the durable {@link TransactionJournal} before it is sent, and is delivered
 * in order by the {@link ChargePoint} whenever the central system accepted us; the central system's transactionId
 * is put in when the message is sent, so a transaction started offline carries its real id once StartTransaction is
 * answered.
 *
 * <p>The local transaction key is the core's {@code sessionId} (the epoch milliseconds of the plug-in). A transaction
 * started for a session the core resumed (a vehicle still connected when this client starts, its transaction stopped
 * by a Reset) is keyed by the epoch milliseconds of its own start, made unique in the journal: the session's own id
 * may still name the stopped transaction whose StopTransaction is queued, and the client cannot read the resumed
 * session's id. Keys are times and a connector has one session at a time, so the transaction of a session is the one
 * whose key is not before the session's id ({@link #ofSession}). On the OCPP client's one thread only.
 */
final class Transactions implements ChargePoint.TransactionMessages {

    /** §5.1.4 "Authorization mode" (PID {@code org.infinergi.ocpp}, key {@code authorizationMode}). */
    enum Mode { DISABLED, STATIC_ID_TAG, RFID }

    /** Connector 1: the charger's only outlet. */
    static final int CONNECTOR = 1;
    /** OCPP 1.6 §7.28 IdToken: at most 20 characters. */
    static final int ID_TAG_MAX = 20;

    /** The charger's own meter as a transaction reads it. */
    interface ChargerMeter {
        /** The cumulative register of the vehicle meter in use (the MID meter when selected), Wh; empty if stale. */
        OptionalDouble registerWh();

        /** The active power drawn by the vehicle now, W; empty if unknown. */
        OptionalDouble powerW();

        /** The energy of the session in progress as the core counts it (it survives a restart), Wh. */
        double sessionEnergyWh();
    }

    /** What a transaction asks of the charging core. */
    interface Control {
        /** {@code ChargerControl.authorize}: whether the core took it (false without a core). */
        boolean authorize(String idTag);

        /**
         * Ends the charge in progress for good ({@code ChargerControl.endCharge}: "Charging terminated" until the
         * unplug, not a pause the multifunction button resumes); false without a core.
         */
        boolean stopCharging();

        /** Whether a core is there to take requests at all. */
        boolean present();

        /**
         * Ends the charge in progress for good with {@code reason} ({@code ChargerControl.endCharge}; e.g.
         * StopTransactionOnInvalidId: the central system refused the id tag the transaction started with).
         */
        default boolean endCharge(String reason) {
            return stopCharging();
        }

        /**
         * Stops the energy only ({@code ChargerControl.pause}): StopTransactionOnInvalidId false keeps the transaction
         * open and only stops delivering (OCPP 1.6 §9.1.31).
         */
        default boolean stopEnergy() {
            return stopCharging();
        }
    }

    private final Logger log = LoggerFactory.getLogger(Transactions.class);
    private final ChargePoint chargePoint;
    private final TransactionJournal journal;
    private final Frames frames;
    private final ConfigurationKeys keys;
    private final Timers timers;
    private final Clock clock;
    private final ChargerMeter meter;
    private final Control control;
    private final Mode mode;
    private final String staticIdTag;

    /** The core's session in progress (a vehicle is connected), or null. */
    private Long session;
    /** The open transaction, or null. */
    private TransactionJournal.Open current;
    /** A RemoteStartTransaction's id tag awaiting the plug-in (for ConnectionTimeOut), or null. */
    private String remoteIdTag;
    private Timers.Timer remoteExpiry;
    private Timers.Timer sampling;
    private Timers.Timer retryWait;
    private boolean retryWaiting;
    private int attempts;
    /** The id tags' authorization (local list, cache, OCPP 1.6 §3.5); null until {@link #authorizeWith}. */
    private CardAuthorization cards;
    /** The OCPP mode and the charging profiles (TransactionListener), told of every step. */
    private final java.util.List<TransactionListener> listeners = new java.util.ArrayList<>();
    /** The id tag of the RemoteStartTransaction last accepted: its transaction is the central system's own wish. */
    private String remoteAccepted;
    /** ChangeAvailability Inoperative: the connector is Unavailable, no transaction starts (RemoteStart: Rejected). */
    private java.util.function.BooleanSupplier unavailable = () -> false;
    /** Told whenever the open transaction stops (a ChangeAvailability Scheduled for its end). */
    private final List<Runnable> whenStopped = new ArrayList<>();
    /** STATIC_ID_TAG, a resumed session: Authorize once the central system accepted us (then the transaction). */
    private boolean authorizeWhenAccepted;

    Transactions(ChargePoint chargePoint, TransactionJournal journal, Frames frames, ConfigurationKeys keys,
            Timers timers, Clock clock, ChargerMeter meter, Control control, Mode mode, String staticIdTag) {
        this.chargePoint = chargePoint;
        this.journal = journal;
        this.frames = frames;
        this.keys = keys;
        this.timers = timers;
        this.clock = clock;
        this.meter = meter;
        this.control = control;
        this.mode = mode;
        this.staticIdTag = cut(staticIdTag);
        chargePoint.attach(this);
        chargePoint.handle("RemoteStartTransaction", this::remoteStart);
        chargePoint.handle("RemoteStopTransaction", this::remoteStop);
        resumeOpenTransaction();
    }

    /**
     * The local list and cache of OCPP 1.6 §3.5 (issue 17): StartTransaction.conf and Authorize.conf feed the cache,
     * a refused start ends the transaction (StopTransactionOnInvalidId), a remote start is authorized like a local one
     * when AuthorizeRemoteTxRequests is true. Set once, before the first connection.
     */
    void authorizeWith(CardAuthorization c) {
        this.cards = c;
    }

    /** Manual §5.1.4: the static ID tag defaults to the last 19 characters of the serial number. */
    static String defaultStaticIdTag(String configured, String serial) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String s = serial == null ? "" : serial.trim();
        return s.length() > 19 ? s.substring(s.length() - 19) : s;
    }

    /** {@code l} is told of authorizations, starts, confirmations and stops from now on (the OCPP mode, profiles). */
    void listen(TransactionListener l) {
        listeners.add(l);
        if (current != null) {
            Integer id = journal.transactionId(current.txKey()).orElse(null);
            l.started(current.txKey(), id, id != null);
        }
    }

    /** The central system's id of the open transaction, once StartTransaction was answered. */
    Optional<Integer> currentTransactionId() {
        return current == null ? Optional.empty() : journal.transactionId(current.txKey());
    }

    /** The transaction open now, if any (tests, status). */
    Optional<TransactionJournal.Open> current() {
        return Optional.ofNullable(current);
    }

    /** Stops the open transaction now with {@code reason} (§4.10: SoftReset, HardReset, UnlockCommand …). */
    boolean stopTransaction(String reason) {
        if (current == null) {
            return false;
        }
        stop(current, reason, meter.sessionEnergyWh());
        return true;
    }

    /** {@code r} runs each time the open transaction stops. */
    void whenStopped(Runnable r) {
        whenStopped.add(r);
    }

    /** How many transaction messages wait for the central system's answer. */
    int queued() {
        return journal.size();
    }

    /**
     * The vehicle meter's register now: the open transaction's start plus its energy (never below what it reported),
     * else the meter's own.
     */
    OptionalDouble registerWh() {
        return current != null ? OptionalDouble.of(registerOf(current, meter.sessionEnergyWh())) : meter.registerWh();
    }

    /**
     * The register of transaction {@code tx} after {@code energyWh} of its session: its meterStart plus that energy,
     * never below what it reported already. After a power loss the core restores its session's energy from its last
     * periodic persist, which may be below what MeterValues already told the central system, and a central system
     * bills by meterStop: a transaction's register never goes back.
     */
    private long registerOf(TransactionJournal.Open tx, double energyWh) {
        long counted = tx.meterStartWh() + Math.round(Math.max(0, energyWh));
        return Math.max(counted, journal.highestReportedWh(tx.txKey()).orElse(tx.meterStartWh()));
    }

    /** The active power drawn by the vehicle now. */
    OptionalDouble powerW() {
        return meter.powerW();
    }

    /**
     * A MeterValues of the open transaction (clock-aligned data during a transaction): durable, with its
     * transactionId, like the periodic samples. False when no transaction is open.
     */
    boolean transactionMeterValues(ObjectNode meterValue) {
        if (current == null) {
            return false;
        }
        ObjectNode p = frames.object().put("connectorId", CONNECTOR);
        p.putArray("meterValue").add(meterValue);
        if (chargePoint.valid(TransactionJournal.METER_VALUES, p)) {
            journal.enqueue(TransactionJournal.METER_VALUES, current.txKey(), p);
            chargePoint.wake();
        }
        return true;
    }

    /**
     * A reading for the open transaction's StopTransaction.transactionData (StopTxnSampledData/AlignedData), kept in
     * the durable journal with the transaction's messages, so a StopTransaction made after a restart still has it.
     */
    void addTransactionData(ObjectNode meterValue) {
        if (current != null && meterValue != null) {
            journal.transactionData(current.txKey(), meterValue);
        }
    }

    /**
     * Set once, before the first connection: while {@code u} holds the connector is Unavailable (ChangeAvailability):
     * RemoteStartTransaction is Rejected (§5.11) and no transaction starts.
     */
    void unavailableWhen(java.util.function.BooleanSupplier u) {
        this.unavailable = u;
    }

    // ---- the core's sessions ----

    /** {@code session/STARTED}: a vehicle was connected; {@code idTag} if a user authenticated before. */
    void sessionStarted(long sessionId, String idTag) {
        if (current != null && current.txKey() == sessionId) {
            return;
        }
        stopStaleTransaction();
        session = sessionId;
        String tag = idTag != null ? idTag : takeRemoteIdTag();
        if (tag != null) {
            start(tag);
            return;
        }
        switch (mode) {
            case DISABLED -> start(staticIdTag);
            case STATIC_ID_TAG -> authorizeThenStart(staticIdTag, sessionId);
            case RFID -> log.info("OCPP: vehicle connected, the transaction starts with a card or the central "
                    + "system's RemoteStartTransaction");
        }
    }

    /** {@code session/STOPPED}: the session ended ({@code endReason} of docs/events.md). */
    void sessionStopped(long sessionId, String endReason, double energyWh) {
        if (session != null && ofSession(session, sessionId)) {
            session = null;
            authorizeWhenAccepted = false;
        }
        journal.open().stream().filter(o -> ofSession(o.txKey(), sessionId)).findFirst()
                .ifPresent(o -> stop(o, stopReasonOf(endReason), energyWh));
    }

    /**
     * Whether the transaction keyed {@code txKey} is one of session {@code sessionId}: its own key, or a later one
     * (a transaction started for the session when it was resumed; the next session begins only after this one ends).
     */
    static boolean ofSession(long txKey, long sessionId) {
        return txKey >= sessionId;
    }

    /**
     * At the client's start the core's session is in progress (a vehicle still connected: the core resumed its session
     * after a Reset or a restart, and a resumed session raises no {@code session/STARTED}) but no transaction of it is
     * open (the Reset stopped it with SoftReset/HardReset): a new transaction starts as at a plug-in — DISABLED with the
     * static ID tag, STATIC_ID_TAG after an Authorize once the central system accepted us, RFID with the next card or
     * RemoteStartTransaction.
     */
    void sessionGoesOn() {
        if (session != null || current != null) {
            return;
        }
        long key = clock.millis();
        while (journal.knows(key)) {
            key++;
        }
        session = key;
        log.info("OCPP: the core's session goes on with no transaction open: a new one starts (key {}, mode {})",
                key, mode);
        switch (mode) {
            case DISABLED -> start(staticIdTag);
            case STATIC_ID_TAG -> {
                authorizeWhenAccepted = true;
                chargePoint.wake();
            }
            case RFID -> log.info("OCPP: the transaction starts with a card or the central system's "
                    + "RemoteStartTransaction");
        }
    }

    /** How a session ended, as the durable history keeps it. */
    record Ended(String endReason, double energyWh) {
    }

    /**
     * At the client's start: a transaction left open whose session the core's history already holds as ended (the
     * core posted its {@code STOPPED}, e.g. {@code POWER_LOSS} after a {@code kill -9}, before this client was there to
     * hear it) is stopped with that end.
     */
    void closeEndedSessions(LongFunction<Optional<Ended>> history) {
        for (TransactionJournal.Open o : journal.open()) {
            history.apply(o.txKey()).ifPresent(e -> {
                if (session != null && session == o.txKey()) {
                    session = null;
                }
                stop(o, stopReasonOf(e.endReason()), e.energyWh());
            });
        }
    }

    /** {@code auth/card/ACCEPTED}: a card authorized the session in progress, which has no transaction yet. */
    void cardAccepted(String idTag) {
        if (session != null && current == null && idTag != null) {
            start(idTag);
        }
    }

    /** OCPP 1.6 §4.10 Reason for the core's end reasons (docs/events.md, docs/durability.md). */
    static String stopReasonOf(String endReason) {
        if (endReason == null) {
            return "Other";
        }
        return switch (endReason) {
            case "VEHICLE_DISCONNECTED" -> "EVDisconnected";
            case "POWER_LOSS" -> "PowerLoss";
            case "CHARGER_STOPPED" -> "Reboot";
            default -> "Other";
        };
    }

    // ---- the central system's calls ----

    /** §5.11: Accepted when the connector has no transaction; the id tag starts one now or at the next plug-in. */
    private ObjectNode remoteStart(ObjectNode req) {
        String tag = req.get("idTag").asText();
        if (admission.refuses(cut(tag))) {
            log.info("OCPP: RemoteStartTransaction for {} rejected: the connector is reserved for another", tag);
            return status("Rejected");
        }
        if (req.has("connectorId") && req.get("connectorId").asInt() != CONNECTOR || current != null
                || !control.present() || unavailable.getAsBoolean()) {
            log.info("OCPP: RemoteStartTransaction for {} rejected (transaction open: {})", tag, current != null);
            return status("Rejected");
        }
        log.info("OCPP: RemoteStartTransaction for {} accepted", tag);
        if (cards != null && keys.flag(ConfigurationKeys.AUTHORIZE_REMOTE_TX_REQUESTS)) {
            // §9.1.3 AuthorizeRemoteTxRequests: authorized like a local start first (Authorize after this answer)
            cards.authorize(tag, a -> {
                if (a.accepted() && current == null) {
                    remoteStartAuthorized(req);
                } else {
                    log.info("OCPP: the remote start for {} was not authorized: {}", tag, a.why());
                }
            });
        } else {
            remoteStartAuthorized(req);
        }
        return status("Accepted");
    }

    private void remoteStartAuthorized(ObjectNode req) {
        String tag = req.get("idTag").asText();
        // a core awaiting a user takes the id tag as the authorization (RFID mode, or the auth feature's list)
        control.authorize(tag);
        remoteAccepted = cut(tag);
        listeners.forEach(l -> l.remoteStartAccepted(req));
        if (session != null) {
            start(tag);
        } else {
            awaitPlugIn(tag);
        }
    }

    /** §5.12: Accepted for the open transaction, which stops now (reason Remote) and its charge ends with it. */
    private ObjectNode remoteStop(ObjectNode req) {
        int id = req.get("transactionId").asInt();
        Optional<Long> key = journal.txKeyOf(id);
        if (current == null || key.isEmpty() || key.get() != current.txKey()) {
            log.info("OCPP: RemoteStopTransaction of {} rejected: no such transaction open", id);
            return status("Rejected");
        }
        stop(current, "Remote", meter.sessionEnergyWh());
        control.stopCharging();
        log.info("OCPP: RemoteStopTransaction of {} accepted", id);
        return status("Accepted");
    }

    // ---- starting and stopping ----

    /** Static ID tag mode: Authorize first; offline (or no answer) the transaction starts as an offline one. */
    private void authorizeThenStart(String tag, long sessionId) {
        if (!chargePoint.accepted()) {
            start(tag);
            return;
        }
        listeners.forEach(l -> l.authorizing(true));
        chargePoint.call("Authorize", frames.object().put("idTag", tag), conf -> {
            listeners.forEach(l -> l.authorizing(false));
            if (session == null || session != sessionId || current != null) {
                return;
            }
            String status = conf == null ? null : conf.path("idTagInfo").path("status").asText();
            if (conf != null && cards != null) {
                cards.local().remember(tag, conf.get("idTagInfo"));
            }
            if (conf == null || "Accepted".equals(status)) {
                start(tag);
            } else {
                log.warn("OCPP: the central system refused the static ID tag {}: {}; no transaction", tag, status);
            }
        });
    }

    private void start(String idTag) {
        if (session == null || current != null) {
            return;
        }
        if (unavailable.getAsBoolean()) {
            log.info("OCPP: the connector is Unavailable (ChangeAvailability Inoperative): no transaction for {}", idTag);
            return;
        }
        admission.admit(cut(idTag), reservationId -> startAdmitted(idTag, reservationId));
    }

    /** The id tag may take the connector (Reservation, {@link Admission}): the transaction starts. */
    private void startAdmitted(String idTag, java.util.OptionalInt reservationId) {
        if (session == null || current != null) {
            return;
        }
        int meterStart = (int) Math.round(meter.registerWh().orElse(0));
        ObjectNode p = frames.object().put("connectorId", CONNECTOR).put("idTag", cut(idTag))
                .put("meterStart", meterStart).put("timestamp", clock.instant().toString());
        reservationId.ifPresent(r -> p.put("reservationId", r));
        if (!chargePoint.valid(TransactionJournal.START, p)) {
            return;
        }
        journal.enqueue(TransactionJournal.START, session, p);
        current = journal.open().stream().filter(o -> o.txKey() == session).findFirst().orElseThrow();
        addTransactionData(stopTxnSample(meterStart, "Transaction.Begin"));
        log.info("OCPP: transaction of session {} started for {} at {} Wh", session, idTag, meterStart);
        boolean remote = cut(idTag).equals(remoteAccepted);
        remoteAccepted = null;
        long key = session;
        listeners.forEach(l -> l.started(key, null, remote));
        startSampling();
        chargePoint.wake();
    }

    private void stop(TransactionJournal.Open tx, String reason, double energyWh) {
        int meterStop = (int) registerOf(tx, energyWh);
        ObjectNode p = frames.object().put("meterStop", meterStop).put("timestamp", clock.instant().toString())
                .put("reason", reason);
        if (current != null && current.txKey() == tx.txKey()) {
            // OCPP 1.6 §9.1 StopTxnSampledData / StopTxnAlignedData: the readings taken during the transaction
            addTransactionData(stopTxnSample(meterStop, "Transaction.End"));
        }
        // what was kept durably, also from before a restart (the stop of a power loss)
        List<ObjectNode> kept = journal.transactionData(tx.txKey());
        if (!kept.isEmpty()) {
            ArrayNode data = p.putArray("transactionData");
            kept.forEach(data::add);
        }
        // the transactionId goes in when the message is sent (it may not be known yet); checked with a stand-in
        if (!chargePoint.valid(TransactionJournal.STOP, p.deepCopy().put("transactionId", 0))) {
            return;
        }
        journal.enqueue(TransactionJournal.STOP, tx.txKey(), p);
        log.info("OCPP: transaction of session {} stopped ({}) at {} Wh", tx.txKey(), reason, meterStop);
        if (current != null && current.txKey() == tx.txKey()) {
            current = null;
            cancel(sampling);
            sampling = null;
            whenStopped.forEach(Runnable::run);
        }
        listeners.forEach(l -> l.stopped(tx.txKey()));
        chargePoint.wake();
    }

    /** A transaction left open by a stop this client never heard of (it was not running): closed before a new one. */
    private void stopStaleTransaction() {
        for (TransactionJournal.Open o : journal.open()) {
            log.warn("OCPP: transaction of session {} was left open (its end was missed), stopped now", o.txKey());
            stop(o, "Other", 0);
        }
    }

    /** After a restart the open transaction goes on (the core continues the session of a vehicle still there). */
    private void resumeOpenTransaction() {
        List<TransactionJournal.Open> open = journal.open();
        if (!open.isEmpty()) {
            current = open.get(open.size() - 1);
            session = current.txKey();
            log.info("OCPP: transaction of session {} resumed, {} message(s) queued", current.txKey(),
                    journal.size());
            startSampling();
        }
    }

    private void awaitPlugIn(String tag) {
        remoteIdTag = tag;
        cancel(remoteExpiry);
        remoteExpiry = timers.after(Duration.ofSeconds(keys.intValue("ConnectionTimeOut")), () -> {
            remoteExpiry = null;
            remoteIdTag = null;
            remoteAccepted = null;
        });
    }

    private String takeRemoteIdTag() {
        String t = remoteIdTag;
        remoteIdTag = null;
        cancel(remoteExpiry);
        remoteExpiry = null;
        return t;
    }

    // ---- meter values (§4.7, MeterValueSampleInterval) ----

    private void startSampling() {
        cancel(sampling);
        sampling = null;
        int every = keys.intValue(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL);
        if (every > 0) {
            sampling = timers.after(Duration.ofSeconds(every), this::sample);
        }
    }

    private void sample() {
        sampling = null;
        if (current == null) {
            return;
        }
        ObjectNode p = frames.object().put("connectorId", CONNECTOR);
        long wh = registerOf(current, meter.sessionEnergyWh());
        OptionalDouble power = meter.powerW();
        ObjectNode mv = Measurands.meterValue(frames, clock.instant(),
                Measurands.of(keys.value(ConfigurationKeys.METER_VALUES_SAMPLED_DATA)), "Sample.Periodic", wh, power);
        if (mv != null) {
            p.putArray("meterValue").add(mv);
        }
        if (mv != null && chargePoint.valid(TransactionJournal.METER_VALUES, p)) {
            journal.enqueue(TransactionJournal.METER_VALUES, current.txKey(), p);
            chargePoint.wake();
        }
        addTransactionData(Measurands.meterValue(frames, clock.instant(),
                Measurands.of(keys.value(ConfigurationKeys.STOP_TXN_SAMPLED_DATA)), "Sample.Periodic", wh, power));
        startSampling();
    }

    /** The StopTxnSampledData measurands at the transaction's begin or end; null when the key lists none. */
    private ObjectNode stopTxnSample(long registerWh, String context) {
        return Measurands.meterValue(frames, clock.instant(),
                Measurands.of(keys.value(ConfigurationKeys.STOP_TXN_SAMPLED_DATA)), context, registerWh,
                meter.powerW());
    }

    // ---- the durable queue, as the charge point sends it ----

    @Override
    public Optional<ChargePoint.Outgoing> next() {
        if (authorizeWhenAccepted && chargePoint.accepted() && session != null) {
            authorizeWhenAccepted = false;
            long s = session;
            // not from within the charge point's sending: the Authorize goes as its own call right after
            timers.after(Duration.ZERO, () -> authorizeThenStart(staticIdTag, s));
        }
        while (!retryWaiting) {
            Optional<TransactionJournal.Entry> head = journal.head();
            if (head.isEmpty()) {
                return Optional.empty();
            }
            TransactionJournal.Entry e = head.get();
            ObjectNode p = e.payload().deepCopy();
            Optional<Integer> id = journal.transactionId(e.txKey());
            if (!TransactionJournal.START.equals(e.action()) && id.isPresent()) {
                p.put("transactionId", id.get());
            } else if (TransactionJournal.STOP.equals(e.action())) {
                // its StartTransaction was given up: no transactionId can name it
                log.error("OCPP: StopTransaction of session {} dropped: its StartTransaction never got an id",
                        e.txKey());
                journal.delivered(e);
                continue;
            }
            return Optional.of(new ChargePoint.Outgoing(e.action(), p));
        }
        return Optional.empty();
    }

    @Override
    public void answered(ChargePoint.Outgoing sent, ObjectNode conf) {
        TransactionJournal.Entry e = journal.head().orElseThrow();
        attempts = 0;
        if (TransactionJournal.START.equals(e.action())) {
            int id = conf.get("transactionId").asInt();
            journal.transactionIdGiven(e.txKey(), id);
            String status = conf.path("idTagInfo").path("status").asText();
            log.info("OCPP: transaction of session {} is transaction {} of the central system (id tag {})",
                    e.txKey(), id, status);
            if (cards != null) {
                cards.local().remember(e.payload().path("idTag").asText(), conf.get("idTagInfo"));
            }
            listeners.forEach(l -> l.confirmed(e.txKey(), id, status));
            journal.delivered(e);
            if (!IdTagInfo.ACCEPTED.equals(status)) {
                startRefused(e.txKey(), status);
            }
            return;
        }
        journal.delivered(e);
    }

    /**
     * §4.8 / §9.1.24: the central system refused the id tag of a started transaction (Invalid, Blocked, Expired,
     * ConcurrentTx; e.g. one authorized offline). StopTransactionOnInvalidId true: the transaction stops (reason
     * DeAuthorized) and the charge ends; false: only the energy stops, the transaction stays open.
     */
    private void startRefused(long txKey, String status) {
        if (current == null || current.txKey() != txKey) {
            return;
        }
        if (keys.flag(ConfigurationKeys.STOP_TRANSACTION_ON_INVALID_ID)) {
            log.warn("OCPP: the central system answered {} to the start of session {}: transaction stopped "
                    + "(DeAuthorized), charge ended", status, txKey);
            stop(current, "DeAuthorized", meter.sessionEnergyWh());
            control.endCharge("DeAuthorized");
        } else {
            log.warn("OCPP: the central system answered {} to the start of session {}: energy stopped, the "
                    + "transaction stays open (StopTransactionOnInvalidId false)", status, txKey);
            control.stopEnergy();
        }
    }

    /** §4.10: tried TransactionMessageAttempts times, waiting TransactionMessageRetryInterval × tries between. */
    @Override
    public void unanswered(ChargePoint.Outgoing sent) {
        TransactionJournal.Entry e = journal.head().orElseThrow();
        attempts++;
        if (attempts >= keys.intValue(ConfigurationKeys.TRANSACTION_MESSAGE_ATTEMPTS)) {
            log.error("OCPP: {} of session {} given up after {} attempts", e.action(), e.txKey(), attempts);
            attempts = 0;
            journal.delivered(e);
            return;
        }
        Duration wait = Duration.ofSeconds(
                (long) keys.intValue(ConfigurationKeys.TRANSACTION_MESSAGE_RETRY_INTERVAL) * attempts);
        retryWaiting = true;
        retryWait = timers.after(wait, () -> {
            retryWait = null;
            retryWaiting = false;
            chargePoint.wake();
        });
    }

    // ---- issue 17, ocppmgmt: Reservation and Remote Trigger ----

    /**
     * Whether an id tag may start a transaction on the connector (OCPP 1.6 §5.13 Reservation: only the reserved id
     * tag, or one of its parentIdTag, while the connector is reserved).
     */
    interface Admission {
        /**
         * {@code admitted} gets the reservation the id tag takes (empty when none) when it may start, now or after
         * an Authorize; it is never called for an id tag refused.
         */
        void admit(String idTag, java.util.function.Consumer<java.util.OptionalInt> admitted);

        /** Whether the id tag is refused for sure (reserved for another, no parent to ask about): RemoteStart. */
        default boolean refuses(String idTag) {
            return false;
        }
    }

    private Admission admission = (tag, admitted) -> admitted.accept(java.util.OptionalInt.empty());

    /** Set once, before the first session (the reservations of {@link Reservations}). */
    void admission(Admission a) {
        this.admission = a;
    }

    /**
     * TriggerMessage MeterValues: the meter now (context Trigger), with the open transaction's id when it has one;
     * not queued durably (OCPP 1.6 §5.17: a triggered message is an ordinary one).
     */
    ObjectNode meterValuesNow(int connectorId) {
        ObjectNode p = frames.object().put("connectorId", connectorId);
        if (current != null) {
            journal.transactionId(current.txKey()).ifPresent(id -> p.put("transactionId", id));
        }
        ArrayNode values = p.putArray("meterValue").addObject().put("timestamp", clock.instant().toString())
                .putArray("sampledValue");
        OptionalDouble register = registerWh();
        if (current != null) {
            // a value of the transaction too: its meterStop must not go below it
            journal.reported(current.txKey(), Math.round(register.orElse(0)));
        }
        values.addObject().put("value", Long.toString(Math.round(register.orElse(0)))).put("context", "Trigger")
                .put("measurand", "Energy.Active.Import.Register").put("location", "Outlet").put("unit", "Wh");
        OptionalDouble power = meter.powerW();
        if (power.isPresent()) {
            values.addObject().put("value", Long.toString(Math.round(power.getAsDouble()))).put("context", "Trigger")
                    .put("measurand", "Power.Active.Import").put("location", "Outlet").put("unit", "W");
        }
        return p;
    }

    void close() {
        cancel(sampling);
        cancel(retryWait);
        cancel(remoteExpiry);
        journal.close();
    }

    private ObjectNode status(String s) {
        return frames.object().put("status", s);
    }

    static String cut(String tag) {
        return tag == null ? "" : tag.length() > ID_TAG_MAX ? tag.substring(0, ID_TAG_MAX) : tag;
    }

    private static void cancel(Timers.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
