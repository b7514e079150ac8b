package org.infinergi.feature.ocpp.internal;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket to the central system on Jetty 12's client (OCPP-J 1.6 §3: subprotocol {@code ocpp1.6}), kept open:
 * a failed attempt or a lost connection is tried again after a growing wait with jitter ({@link Backoff}). Every
 * event of Jetty's threads is handed to the client's one thread, where the {@link ChargePoint} lives.
 *
 * <p>Logging per CONVENTIONS.md §11: the first failure of an outage at WARN with its cause, repeats at DEBUG, the
 * recovery at INFO.
 */
final class Connection {

    static final String SUBPROTOCOL = "ocpp1.6";
    /** OCPP-J 1.6 has no size limit; a bound keeps a rogue peer from filling the charger's memory. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final Logger log = LoggerFactory.getLogger(Connection.class);
    private final Endpoint endpoint;
    private final ScheduledExecutorService thread;
    private final ChargePoint chargePoint;
    private final Backoff backoff;
    private final Random random = new Random();
    private final Events events = new Events();

    // all on the client's thread
    private WebSocketClient client;
    private SocketListener current;
    private int failures;
    private boolean stopped;

    Connection(Endpoint endpoint, ScheduledExecutorService thread, ChargePoint chargePoint, Backoff backoff) {
        this.endpoint = endpoint;
        this.thread = thread;
        this.chargePoint = chargePoint;
        this.backoff = backoff;
    }

    void start() {
        thread.execute(this::connect);
    }

    /** Closes the connection and stops Jetty's client; on the client's thread, before it is shut down. */
    void stop() {
        stopped = true;
        SocketListener l = current;
        current = null;
        if (l != null && l.session != null) {
            l.session.close(1001, "charger stopping", Callback.NOOP);
        }
        if (client != null) {
            try {
                client.stop();
            } catch (Exception e) {
                log.debug("OCPP: stopping the WebSocket client", e);
            }
            client = null;
        }
        chargePoint.disconnected();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        SocketListener l = new SocketListener(events);
        current = l;
        try {
            ClientUpgradeRequest request = new ClientUpgradeRequest(endpoint.uri());
            request.setSubProtocols(SUBPROTOCOL);
            if (endpoint.authorization() != null) {
                request.setHeader("Authorization", endpoint.authorization());
            }
            webSocketClient().connect(l, request).whenComplete((session, error) -> {
                if (error != null) {
                    thread.execute(() -> failed(l, error));
                }
            });
        } catch (Exception e) {
            failed(l, e);
        }
    }

    /** Jetty's client, made at the first connection: a charger without a central system never loads it. */
    private WebSocketClient webSocketClient() throws Exception {
        if (client == null) {
            // one selector and a few pooled threads: one connection of small messages needs no more
            QueuedThreadPool pool = new QueuedThreadPool(4, 1);
            pool.setName("infinergi-ocpp-io");
            pool.setReservedThreads(0);
            HttpClient http = new HttpClient();
            http.setExecutor(pool);
            WebSocketClient ws = new WebSocketClient(http);
            ws.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            // the heartbeat keeps the link alive; Jetty must not close it for being quiet in between
            ws.setIdleTimeout(Duration.ZERO);
            ws.setConnectTimeout(TimeUnit.SECONDS.toMillis(20));
            ws.setStopTimeout(1000);
            ws.start();
            client = ws;
        }
        return client;
    }

    private void opened(SocketListener l, Session session) {
        if (l != current || stopped) {
            session.close(1000, "superseded", Callback.NOOP);
            return;
        }
        l.session = session;
        if (!SUBPROTOCOL.equals(session.getUpgradeResponse().getAcceptedSubProtocol())) {
            log.warn("OCPP: {} did not accept the subprotocol {}, closing", endpoint.uri(), SUBPROTOCOL);
            session.close(1002, "ocpp1.6 expected", Callback.NOOP);
            return;
        }
        log.info("OCPP: connected to {}{}", endpoint.uri(), failures > 0 ? " after " + failures + " failed attempts"
                : "");
        failures = 0;
        chargePoint.connected(text -> session.sendText(text, Callback.NOOP));
    }

    private void closed(SocketListener l, int code, String reason) {
        if (l != current || l.session == null) {
            return;
        }
        log.warn("OCPP: connection to {} closed ({} {})", endpoint.uri(), code, reason);
        l.session = null;
        chargePoint.disconnected();
        retry();
    }

    private void failed(SocketListener l, Throwable error) {
        if (l != current || stopped) {
            return;
        }
        if (l.session != null) {
            closed(l, 1006, String.valueOf(error.getMessage()));
            return;
        }
        String cause = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (failures == 0) {
            log.warn("OCPP: cannot connect to {}: {}", endpoint.uri(), cause);
        } else {
            log.debug("OCPP: cannot connect to {} (attempt {}): {}", endpoint.uri(), failures + 1, cause);
        }
        failures++;
        retry();
    }

    private void retry() {
        if (stopped) {
            return;
        }
        current = null;
        Duration wait = backoff.delay(failures, random::nextDouble);
        thread.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Jetty's threads hand every event over to the client's thread. */
    private final class Events implements SocketListener.Events {
        @Override
        public void opened(SocketListener l, Session s) {
            thread.execute(() -> Connection.this.opened(l, s));
        }

        @Override
        public void text(SocketListener l, String text) {
            thread.execute(() -> {
                if (l == current && l.session != null) {
                    chargePoint.received(text);
                }
            });
        }

        @Override
        public void binary(SocketListener l) {
            // OCPP-J 1.6 §3.1: text frames only; a binary frame is dropped, the connection stays
            thread.execute(() -> log.warn("OCPP: a binary frame from the central system, ignored"));
        }

        @Override
        public void closed(SocketListener l, int code, String reason) {
            thread.execute(() -> Connection.this.closed(l, code, reason));
        }

        @Override
        public void failed(SocketListener l, Throwable cause) {
            thread.execute(() -> Connection.this.failed(l, cause));
        }
    }
}
