package org.infinergi.feature.ocpp.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The charge point's side of OCPP 1.6J over one connection, without the transport: registration with
 * BootNotification, Heartbeat, StatusNotification, the central system's GetConfiguration and ChangeConfiguration,
 * and the one-at-a-time sending of our CALLs, the durable transaction messages of {@link TransactionMessages}
 * included (other handlers, e.g. {@link Transactions}' RemoteStart/Stop, register with {@link #handle}). Every message goes through the official schemas both ways ({@link OcppSchemas}); a received
 * CALL that is malformed or breaks its schema is answered with the CALLERROR that names the fault, and nothing else
 * changes (OCPP-J 1.6 §4.2.3).
 *
 * <p>Not thread-safe by design: the component calls it on its one client thread only (connection events, received
 * frames, status events and timers alike), so the protocol's state needs no locks.
 */
final class ChargePoint {

    /**
     * The durable transaction messages (OCPP 1.6 §4.10), sent whenever nothing else waits: the head of their queue,
     * and what became of it. The queue keeps a message until it is answered, so a lost connection only delays it.
     */
    interface TransactionMessages {

        /** The next message to send now, empty when none (or while a retry waits). */
        Optional<Outgoing> next();

        /** The central system answered the message {@link #next()} gave (the payload passed its schema). */
        void answered(Outgoing sent, ObjectNode conf);

        /** A CALLERROR, an answer that breaks its schema, or no answer in time (not a lost connection). */
        void unanswered(Outgoing sent);
    }

    /** A message to send: its action and payload. */
    record Outgoing(String action, ObjectNode payload) {
    }

    /** One CALL of ours in the queue, with what to do with its answer (null when there is none). */
    private record Queued(Frame.Call call, Consumer<ObjectNode> onAnswer, Outgoing durable) {
    }

    /** Registration status (OCPP 1.6 §4.2, RegistrationStatus), plus the time before the first answer. */
    enum Registration { DISCONNECTED, BOOTING, PENDING, REJECTED, ACCEPTED }

    /** How long an answer to one of our CALLs is awaited before the next message goes (OCPP-J 1.6 §4.1.1). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** The retry of BootNotification when the central system gave no interval or no answer at all. */
    static final Duration BOOT_RETRY = Duration.ofSeconds(60);
    /** HeartbeatInterval until the central system gives one: a day, the common default of other stacks. */
    static final int DEFAULT_HEARTBEAT_S = 86_400;

    private final Logger log = LoggerFactory.getLogger(ChargePoint.class);
    private final Frames frames;
    private final OcppSchemas schemas;
    private final BootInfo boot;
    private final ConfigurationKeys keys;
    private final Timers timers;
    private final Clock clock;
    private final Map<String, UnaryOperator<ObjectNode>> handlers = new HashMap<>();
    /** Handlers whose answer comes later (UnlockConnector waits for the lock's switch): request, reply. */
    private final Map<String, BiConsumer<ObjectNode, Consumer<ObjectNode>>> laterHandlers = new HashMap<>();

    private Link link;
    private Registration registration = Registration.DISCONNECTED;
    private final Deque<Queued> queue = new ArrayDeque<>();
    private Queued awaiting;
    /** While a handler runs: what it queues goes after its answer (a RemoteStop.conf before the StopTransaction). */
    private boolean answering;
    private TransactionMessages transactions = new NoTransactionMessages();
    private Timers.Timer answerTimeout;
    private Timers.Timer bootRetry;
    private Timers.Timer heartbeat;
    private long nextId = 1;
    private ConnectorStatus.Input status;
    private final Map<Integer, ConnectorStatus> reported = new HashMap<>();

    ChargePoint(Frames frames, OcppSchemas schemas, BootInfo boot, ConfigurationKeys keys, Timers timers,
            Clock clock) {
        this.frames = frames;
        this.schemas = schemas;
        this.boot = boot;
        this.keys = keys;
        this.timers = timers;
        this.clock = clock;
        handlers.put("GetConfiguration", this::getConfiguration);
        handlers.put("ChangeConfiguration", this::changeConfiguration);
    }

    Registration registration() {
        return registration;
    }

    /** Whether the central system accepted us on the open connection: only then does anything but boot go. */
    boolean accepted() {
        return registration == Registration.ACCEPTED && link != null;
    }

    /** The source of the durable transaction messages (set once, before the first connection). */
    void attach(TransactionMessages messages) {
        this.transactions = messages;
    }

    /** Answers the central system's {@code action} with {@code handler} (its request passed its schema). */
    void handle(String action, UnaryOperator<ObjectNode> handler) {
        handlers.put(action, handler);
    }

    /**
     * Answers the central system's {@code action} later: {@code handler} gets the request and a reply to call once,
     * on the client's thread (OCPP-J: a CALL may be answered after others; an answer after the connection that
     * carried the CALL is gone is dropped).
     */
    void handleLater(String action, BiConsumer<ObjectNode, Consumer<ObjectNode>> handler) {
        laterHandlers.put(action, handler);
    }

    /** Something new may be sent (a transaction message was queued, a retry fell due). */
    void wake() {
        sendNext();
    }

    /** Whether {@code payload} is a valid request of {@code action} (a violation is a bug of ours: logged). */
    boolean valid(String action, ObjectNode payload) {
        Optional<OcppSchemas.Violation> bad = schemas.request(action, payload);
        bad.ifPresent(v -> log.error("OCPP: {} breaks its schema ({})", action, v.description()));
        return bad.isEmpty();
    }

    /**
     * Sends {@code action} once registered; {@code onAnswer} gets the answer's payload, or null when none came (an
     * error, no answer in time, or the connection went). Nothing is kept across a lost connection.
     */
    void call(String action, ObjectNode payload, Consumer<ObjectNode> onAnswer) {
        if (!accepted()) {
            onAnswer.accept(null);
            return;
        }
        if (!valid(action, payload)) {
            onAnswer.accept(null);
            return;
        }
        queue.add(new Queued(new Frame.Call(Long.toString(nextId++), action, payload), onAnswer, null));
        sendNext();
    }

    /** The WebSocket ping period (key WebSocketPingInterval, seconds; 0 = no pings). */
    Duration pingInterval() {
        return Duration.ofSeconds(keys.intValue(ConfigurationKeys.WEB_SOCKET_PING_INTERVAL));
    }

    /** The WebSocket is open: register first (OCPP 1.6 §4.2: nothing else before BootNotification is accepted). */
    void connected(Link l) {
        forget();
        link = l;
        registration = Registration.BOOTING;
        sendBootNotification();
    }

    /** The WebSocket is gone: volatile calls in flight are dropped; transaction messages stay in their queue. */
    void disconnected() {
        forget();
        registration = Registration.DISCONNECTED;
    }

    /** The charger's status moved (STATUS_CHANGED): tell the central system once registered. */
    void statusChanged(ConnectorStatus.Input in) {
        if (in == null) {
            return;
        }
        status = in;
        if (registration == Registration.ACCEPTED) {
            reportStatus();
        }
    }

    void received(String text) {
        Object read = frames.read(text);
        if (read instanceof Malformed m) {
            log.warn("OCPP: refused a malformed message from the central system ({}): {}", m.description(),
                    abbreviate(text));
            if (m.answer()) {
                sendFrame(frames.error(m.id(), m.code(), m.description()));
            }
        } else if (read instanceof Frame.Call c) {
            answer(c);
        } else if (read instanceof Frame.CallResult r) {
            resultOf(r);
        } else if (read instanceof Frame.CallError e) {
            errorOf(e);
        }
    }

    // ---- the central system's calls ----

    private void answer(Frame.Call call) {
        if (!schemas.knows(call.action())) {
            sendFrame(frames.error(call.id(), RpcError.NotImplemented, "unknown action " + call.action()));
            return;
        }
        Optional<OcppSchemas.Violation> bad = schemas.request(call.action(), call.payload());
        if (bad.isPresent()) {
            log.warn("OCPP: {} from the central system breaks its schema: {}", call.action(), bad.get().description());
            sendFrame(frames.error(call.id(), bad.get().code(), bad.get().description()));
            return;
        }
        BiConsumer<ObjectNode, Consumer<ObjectNode>> later = laterHandlers.get(call.action());
        if (later != null) {
            answerLater(call, later);
            return;
        }
        UnaryOperator<ObjectNode> handler = handlers.get(call.action());
        if (handler == null) {
            sendFrame(frames.error(call.id(), RpcError.NotSupported, call.action() + " is not supported yet"));
            return;
        }
        ObjectNode conf;
        answering = true;
        try {
            conf = handler.apply(call.payload());
        } catch (RuntimeException e) {
            log.error("OCPP: {} failed", call.action(), e);
            sendFrame(frames.error(call.id(), RpcError.InternalError, call.action() + " failed"));
            return;
        } finally {
            answering = false;
        }
        sendAnswer(call, conf);
    }

    /** A handler that answers later: the reply goes on the connection the CALL came on, once. */
    private void answerLater(Frame.Call call, BiConsumer<ObjectNode, Consumer<ObjectNode>> handler) {
        Link on = link;
        boolean[] replied = {false};
        answering = true;
        try {
            handler.accept(call.payload(), conf -> {
                if (replied[0]) {
                    return;
                }
                replied[0] = true;
                if (link != on || on == null) {
                    log.info("OCPP: the answer to {} is dropped: the connection it came on is gone", call.action());
                    return;
                }
                sendAnswer(call, conf);
            });
        } catch (RuntimeException e) {
            log.error("OCPP: {} failed", call.action(), e);
            if (!replied[0]) {
                replied[0] = true;
                sendFrame(frames.error(call.id(), RpcError.InternalError, call.action() + " failed"));
            }
        } finally {
            answering = false;
        }
        sendNext();
    }

    /** Our answer, checked against its schema first (a violation is a bug of ours: never sent). */
    private void sendAnswer(Frame.Call call, ObjectNode conf) {
        Optional<OcppSchemas.Violation> ours = schemas.confirmation(call.action(), conf);
        if (ours.isPresent()) {
            // a bug of ours: never send what the schema forbids
            log.error("OCPP: our answer to {} breaks its schema: {}", call.action(), ours.get().description());
            sendFrame(frames.error(call.id(), RpcError.InternalError, "the answer could not be formed"));
            return;
        }
        sendFrame(new Frame.CallResult(call.id(), conf));
        sendNext();
    }

    /** OCPP 1.6 §5.8: every key when none is named; unknown names are listed as unknownKey. */
    private ObjectNode getConfiguration(ObjectNode req) {
        List<String> named = new ArrayList<>();
        JsonNode key = req.get("key");
        if (key != null) {
            key.forEach(k -> named.add(k.asText()));
        }
        List<String> unknown = new ArrayList<>();
        List<ConfigurationKeys.Entry> found = keys.get(named, unknown);
        ObjectNode conf = frames.object();
        if (!found.isEmpty()) {
            ArrayNode list = conf.putArray("configurationKey");
            for (ConfigurationKeys.Entry e : found) {
                list.addObject().put("key", e.key()).put("readonly", e.readonly()).put("value", e.value());
            }
        }
        if (!unknown.isEmpty()) {
            ArrayNode list = conf.putArray("unknownKey");
            unknown.forEach(list::add);
        }
        return conf;
    }

    /** OCPP 1.6 §5.3: read-only keys and invalid values Rejected, unknown keys NotSupported. */
    private ObjectNode changeConfiguration(ObjectNode req) {
        String key = req.get("key").asText();
        ConfigurationKeys.Change result = keys.change(key, req.get("value").asText());
        if (result == ConfigurationKeys.Change.Accepted && ConfigurationKeys.HEARTBEAT_INTERVAL.equals(key)
                && registration == Registration.ACCEPTED) {
            scheduleHeartbeat();
        }
        log.info("OCPP: ChangeConfiguration {} = {}: {}", key, req.get("value").asText(), result);
        return frames.object().put("status", result.name());
    }

    // ---- our calls ----

    private void sendBootNotification() {
        ObjectNode p = frames.object();
        p.put("chargePointVendor", boot.vendor()).put("chargePointModel", boot.model());
        if (boot.serial() != null) {
            p.put("chargePointSerialNumber", boot.serial()).put("chargeBoxSerialNumber", boot.serial());
        }
        if (boot.firmware() != null) {
            p.put("firmwareVersion", boot.firmware());
        }
        call("BootNotification", p);
    }

    private void bootAnswered(ObjectNode conf) {
        String s = conf.get("status").asText();
        int interval = conf.get("interval").asInt();
        switch (s) {
            case "Accepted" -> {
                registration = Registration.ACCEPTED;
                log.info("OCPP: BootNotification accepted, heartbeat every {} s", interval);
                if (interval > 0) {
                    keys.set(ConfigurationKeys.HEARTBEAT_INTERVAL, interval);
                }
                scheduleHeartbeat();
                reportStatus();
                // the transaction messages queued while offline go once the status is told
                sendNext();
            }
            case "Pending", "Rejected" -> {
                registration = "Pending".equals(s) ? Registration.PENDING : Registration.REJECTED;
                Duration retry = interval > 0 ? Duration.ofSeconds(interval) : BOOT_RETRY;
                log.info("OCPP: BootNotification {}, asking again in {} s", s, retry.toSeconds());
                retryBoot(retry);
            }
            default -> retryBoot(BOOT_RETRY);
        }
    }

    private void retryBoot(Duration after) {
        cancel(bootRetry);
        bootRetry = timers.after(after, () -> {
            bootRetry = null;
            if (link != null && registration != Registration.ACCEPTED) {
                sendBootNotification();
            }
        });
    }

    private void scheduleHeartbeat() {
        cancel(heartbeat);
        Duration every = Duration.ofSeconds(keys.intValue(ConfigurationKeys.HEARTBEAT_INTERVAL));
        heartbeat = timers.after(every, () -> {
            heartbeat = null;
            if (registration == Registration.ACCEPTED) {
                call("Heartbeat", frames.object());
                scheduleHeartbeat();
            }
        });
    }

    /** StatusNotification for each connector whose status differs from the last one sent on this connection. */
    private void reportStatus() {
        if (status == null) {
            return;
        }
        notifyStatus(0, ConnectorStatus.ofChargePoint(status));
        notifyStatus(1, connectorOverlay.apply(ConnectorStatus.ofConnector(status)));
    }

    private void notifyStatus(int connectorId, ConnectorStatus s) {
        if (s.equals(reported.get(connectorId))) {
            return;
        }
        reported.put(connectorId, s);
        ObjectNode p = frames.object();
        p.put("connectorId", connectorId).put("errorCode", s.errorCode()).put("status", s.status())
                .put("timestamp", clock.instant().toString());
        if (s.vendorErrorCode() != null) {
            p.put("vendorErrorCode", s.vendorErrorCode());
        }
        if (s.info() != null) {
            p.put("info", s.info().length() > 50 ? s.info().substring(0, 50) : s.info());
        }
        call("StatusNotification", p);
    }

    /** Queues a CALL; OCPP-J 1.6 §4.1.1: one at a time, the next once the previous is answered or timed out. */
    private void call(String action, ObjectNode payload) {
        Optional<OcppSchemas.Violation> bad = schemas.request(action, payload);
        if (bad.isPresent()) {
            log.error("OCPP: not sending {}: it breaks its schema ({})", action, bad.get().description());
            return;
        }
        queue.add(new Queued(new Frame.Call(Long.toString(nextId++), action, payload), null, null));
        sendNext();
    }

    /**
     * OCPP-J 1.6 §4.1.1: one CALL at a time. The volatile queue goes first (BootNotification must be alone before
     * Accepted); the durable transaction messages go once registered, whenever the volatile queue is empty.
     */
    private void sendNext() {
        if (awaiting != null || link == null || answering) {
            return;
        }
        Queued next = queue.poll();
        if (next == null && registration == Registration.ACCEPTED) {
            next = transactions.next().map(o -> new Queued(new Frame.Call(Long.toString(nextId++), o.action(),
                    o.payload()), null, o)).orElse(null);
        }
        if (next == null) {
            return;
        }
        awaiting = next;
        Queued sent = next;
        answerTimeout = timers.after(CALL_TIMEOUT, () -> {
            if (awaiting == sent) {
                log.warn("OCPP: no answer to {} within {} s", sent.call().action(), CALL_TIMEOUT.toSeconds());
                unanswered(sent);
            }
        });
        sendFrame(sent.call());
    }

    private void resultOf(Frame.CallResult r) {
        Queued q = awaiting;
        if (q == null || !q.call().id().equals(r.id())) {
            log.warn("OCPP: a CALLRESULT for no call of ours (id {}), ignored", r.id());
            return;
        }
        Frame.Call call = q.call();
        Optional<OcppSchemas.Violation> bad = schemas.confirmation(call.action(), r.payload());
        if (bad.isPresent()) {
            log.warn("OCPP: the answer to {} breaks its schema ({}), taken as no answer", call.action(),
                    bad.get().description());
            unanswered(q);
            return;
        }
        done();
        if ("BootNotification".equals(call.action())) {
            bootAnswered(r.payload());
        } else if (q.durable() != null) {
            transactions.answered(q.durable(), r.payload());
        } else if (q.onAnswer() != null) {
            q.onAnswer().accept(r.payload());
        }
        sendNext();
    }

    private void errorOf(Frame.CallError e) {
        Queued q = awaiting;
        if (q == null || !q.call().id().equals(e.id())) {
            log.warn("OCPP: a CALLERROR for no call of ours (id {}), ignored", e.id());
            return;
        }
        log.warn("OCPP: the central system refused {}: {} {}", q.call().action(), e.code(), e.description());
        unanswered(q);
    }

    /**
     * No usable answer: a refused BootNotification is asked again later; a transaction message stays queued (its
     * queue counts the attempt); other messages are dropped.
     */
    private void unanswered(Queued q) {
        done();
        if ("BootNotification".equals(q.call().action())) {
            retryBoot(BOOT_RETRY);
        } else if (q.durable() != null) {
            transactions.unanswered(q.durable());
        } else if (q.onAnswer() != null) {
            q.onAnswer().accept(null);
        }
        sendNext();
    }

    private void done() {
        awaiting = null;
        cancel(answerTimeout);
        answerTimeout = null;
    }

    private void sendFrame(Frame f) {
        if (link != null) {
            link.send(frames.write(f));
        }
    }

    private void forget() {
        Queued lost = awaiting;
        List<Queued> dropped = new ArrayList<>(queue);
        if (lost != null) {
            dropped.add(0, lost);
        }
        cancel(answerTimeout);
        cancel(bootRetry);
        cancel(heartbeat);
        answerTimeout = null;
        bootRetry = null;
        heartbeat = null;
        awaiting = null;
        queue.clear();
        reported.clear();
        link = null;
        // a volatile call waiting for its answer learns that none comes; a durable one stays in its queue
        dropped.stream().filter(q -> q.onAnswer() != null).forEach(q -> q.onAnswer().accept(null));
    }

    // ---- issue 17, ocppmgmt: hooks of Remote Trigger, Reservation and Firmware Management ----

    /** Reservation's say over connector 1's status (Reserved instead of Available); none by default. */
    private UnaryOperator<ConnectorStatus> connectorOverlay = UnaryOperator.identity();

    void overlayConnectorStatus(UnaryOperator<ConnectorStatus> overlay) {
        this.connectorOverlay = overlay;
    }

    /** Connector 1's status as the core's state implies it, without the overlay; null while not known yet. */
    ConnectorStatus connectorStatus() {
        return status == null ? null : ConnectorStatus.ofConnector(status);
    }

    /** The overlay moved (a reservation made or ended): connector 1's new status is told once registered. */
    void statusMayHaveChanged() {
        if (registration == Registration.ACCEPTED) {
            reportStatus();
        }
    }

    /** TriggerMessage StatusNotification: the connector's status told again, unchanged or not; null = both. */
    void triggerStatus(Integer connectorId) {
        if (connectorId == null) {
            reported.clear();
        } else {
            reported.remove(connectorId);
        }
        if (status == null) {
            return;
        }
        if (connectorId == null || connectorId == 0) {
            notifyStatus(0, ConnectorStatus.ofChargePoint(status));
        }
        if (connectorId == null || connectorId == 1) {
            notifyStatus(1, connectorOverlay.apply(ConnectorStatus.ofConnector(status)));
        }
    }

    /** TriggerMessage BootNotification: sent again (its answer is handled as at the connection). */
    void triggerBootNotification() {
        sendBootNotification();
    }

    /** TriggerMessage Heartbeat. */
    void triggerHeartbeat() {
        call("Heartbeat", frames.object());
    }

    /** A message whose answer nothing waits for (a status notification), sent once registered, dropped offline. */
    void notify(String action, ObjectNode payload) {
        call(action, payload, conf -> { });
    }

    /** Before {@link #attach}: no transaction messages. */
    private static final class NoTransactionMessages implements TransactionMessages {
        @Override
        public Optional<Outgoing> next() {
            return Optional.empty();
        }

        @Override
        public void answered(Outgoing sent, ObjectNode conf) {
        }

        @Override
        public void unanswered(Outgoing sent) {
        }
    }

    private static void cancel(Timers.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
