package org.infinergi.feature.ocpp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket to the central system on Jetty 12's WebSocket client (OCPP-J 1.6 §3: subprotocol {@code ocpp1.6}),
 * kept open: a failed attempt or a lost connection is tried again after a growing wait with jitter
 * ({@link Backoff}). Every event of Jetty's threads is handed to the client's one thread, where the
 * {@link ChargePoint} lives.
 *
 * <p>Jetty's core client ({@code jetty-websocket-core-client}), not its annotated API: the API bundle
 * ({@code jetty-websocket-jetty-common}) requires an OSGi ServiceLoader mediator (SPI Fly) that no image has; the
 * core resolves on plain bundles. So this class does what the API would: joins fragmented text messages, answers
 * pings.
 *
 * <p>Logging per CONVENTIONS.md §11: the first failure of an outage at WARN with its cause, repeats at DEBUG, the
 * recovery at INFO.
 */
final class Connection {

    static final String SUBPROTOCOL = "ocpp1.6";
    /** OCPP-J 1.6 has no size limit; a bound keeps a rogue peer from filling the charger's memory. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** Jetty's I/O threads: the selector's, and one for the tasks it hands off. */
    static final int IO_THREADS = 2;
    /** An I/O thread beyond the selector's ends after this long without work. */
    static final int IO_THREAD_IDLE_MS = 5_000;
    /** With WebSocketPingInterval 0 (no pings), how often the key is looked at again. */
    static final Duration PING_KEY_RECHECK = Duration.ofMinutes(1);

    private final Logger log = LoggerFactory.getLogger(Connection.class);
    private final Endpoint endpoint;
    private final ScheduledExecutorService thread;
    private final ChargePoint chargePoint;
    private final Backoff backoff;
    private final Random random = new Random();
    /** The CA of a wss:// central system (security profile 2); the JVM's trust store unless configured. */
    private final TrustAnchors trust;

    // all on the client's thread
    private WebSocketCoreClient client;
    private Handler current;
    private int failures;
    private boolean stopped;

    Connection(Endpoint endpoint, ScheduledExecutorService thread, ChargePoint chargePoint, Backoff backoff) {
        this(endpoint, thread, chargePoint, backoff, TrustAnchors.JVM);
    }

    Connection(Endpoint endpoint, ScheduledExecutorService thread, ChargePoint chargePoint, Backoff backoff,
            TrustAnchors trust) {
        this.trust = trust;
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
        Handler h = current;
        current = null;
        if (h != null && h.session != null) {
            h.session.close(CloseStatus.SHUTDOWN, "charger stopping", Callback.NOOP);
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
        Handler h = new Handler();
        current = h;
        try {
            WebSocketCoreClient ws = webSocketClient();
            CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(ws, endpoint.uri(), h);
            request.setSubProtocols(SUBPROTOCOL);
            if (endpoint.authorization() != null) {
                request.headers(fields -> fields.put("Authorization", endpoint.authorization()));
            }
            Configuration.ConfigurationCustomizer limits = new Configuration.ConfigurationCustomizer();
            limits.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            // a single frame beyond the bound is refused by Jetty's parser (close 1009); fragments are summed below
            limits.setMaxFrameSize(MAX_MESSAGE_BYTES);
            // the heartbeat keeps the link alive; Jetty must not close it for being quiet in between
            limits.setIdleTimeout(Duration.ZERO);
            request.setConfiguration(limits);
            ws.connect(request).whenComplete((session, error) -> {
                if (error != null) {
                    thread.execute(() -> failed(h, error));
                }
            });
        } catch (Exception e) {
            failed(h, e);
        }
    }

    /**
     * Jetty's client, made at the first connection: a charger without a central system never loads it. Sized for one
     * connection of small messages (issue 17: the image's RSS with OCPP connected): Jetty's pool holds the selector's
     * thread and at most one more, which ends after a few idle seconds, and serves the WebSocket layer too (left to
     * itself, that layer starts a pool of its own that keeps 8 idle threads); Jetty's timeouts run on the client's
     * own thread instead of a scheduler thread of their own; buffers are not pooled (a pool keeps its largest buffers
     * for ever, for a few messages a minute).
     */
    private WebSocketCoreClient webSocketClient() throws Exception {
        if (client == null) {
            QueuedThreadPool pool = new QueuedThreadPool(IO_THREADS, 1);
            pool.setName("infinergi-ocpp-io");
            pool.setReservedThreads(0);
            pool.setIdleTimeout(IO_THREAD_IDLE_MS);
            ByteBufferPool buffers = new ByteBufferPool.NonPooling();
            HttpClient http = new HttpClient();
            http.setExecutor(pool);
            http.setScheduler(new SharedScheduler(thread));
            http.setByteBufferPool(buffers);
            http.setConnectTimeout(TimeUnit.SECONDS.toMillis(20));
            http.setSslContextFactory(tlsFor(endpoint, trust));
            WebSocketCoreClient ws = new WebSocketCoreClient(http,
                    new WebSocketComponents(null, null, buffers, null, null, pool));
            ws.start();
            client = ws;
        }
        return client;
    }

    /** The TLS of a wss:// URL; for ws:// one that loads nothing (below). */
    static SslContextFactory.Client tlsFor(Endpoint endpoint, TrustAnchors trust) {
        return "wss".equalsIgnoreCase(endpoint.uri().getScheme()) ? trust.sslContextFactory() : withoutTls();
    }

    /**
     * For ws://: Jetty's client always starts a TLS factory, and a started one reads the JVM's trust store (its
     * certificates in the heap, the JSSE classes in metaspace) though no connection uses it. This one loads nothing;
     * a TLS connection through it would fail, and a ws:// URL makes none (no redirects on a WebSocket upgrade).
     */
    private static SslContextFactory.Client withoutTls() {
        return new SslContextFactory.Client() {
            @Override
            protected void doStart() {
                // nothing to load: see above
            }
        };
    }

    private void opened(Handler h, CoreSession session) {
        if (h != current || stopped) {
            session.close(CloseStatus.NORMAL, "superseded", Callback.NOOP);
            return;
        }
        h.session = session;
        if (!SUBPROTOCOL.equals(session.getNegotiatedSubProtocol())) {
            log.warn("OCPP: {} did not accept the subprotocol {}, closing", endpoint.uri(), SUBPROTOCOL);
            session.close(CloseStatus.PROTOCOL, "ocpp1.6 expected", Callback.NOOP);
            return;
        }
        log.info("OCPP: connected to {}{}", endpoint.uri(), failures > 0 ? " after " + failures + " failed attempts"
                : "");
        failures = 0;
        chargePoint.connected(text -> session.sendFrame(new Frame(OpCode.TEXT, text), Callback.NOOP, false));
        ping(h);
    }

    /**
     * Dead-link detection (OCPP-J 1.6 §5, WebSocketPingInterval): a ping every interval; when nothing at all came
     * from the central system since the previous ping (no pong, no message), the link is dead (a cable pulled, a
     * NAT that forgot us: TCP would not say so for many minutes), so it is dropped and made again.
     */
    private void ping(Handler h) {
        Duration every = chargePoint.pingInterval();
        if (every.isZero() || every.isNegative()) {
            // asked again later: the central system may set the key on this connection
            thread.schedule(() -> pingDue(h, Long.MIN_VALUE), PING_KEY_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        long sentAt = System.nanoTime();
        h.session.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
        thread.schedule(() -> pingDue(h, sentAt), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pingDue(Handler h, long pingSentAt) {
        if (h != current || stopped || h.session == null) {
            return;
        }
        if (pingSentAt == Long.MIN_VALUE || h.heardSince(pingSentAt)) {
            ping(h);
            return;
        }
        log.warn("OCPP: no answer from {} to a ping within {} s: the link is dead, connecting again",
                endpoint.uri(), chargePoint.pingInterval().toSeconds());
        CoreSession dead = h.session;
        // Jetty would wait for the peer's close frame forever (no idle timeout): abort the socket instead
        closed(h, CloseStatus.NO_CLOSE, "no pong");
        dead.abort();
    }

    private void received(Handler h, String text) {
        if (h == current && h.session != null) {
            chargePoint.received(text);
        }
    }

    private void closed(Handler h, int code, String reason) {
        if (h != current || stopped) {
            return;
        }
        if (h.session == null) {
            failed(h, new IllegalStateException("closed during the handshake: " + code + " " + reason));
            return;
        }
        log.warn("OCPP: connection to {} closed ({} {})", endpoint.uri(), code, reason);
        h.session = null;
        chargePoint.disconnected();
        retry();
    }

    private void failed(Handler h, Throwable error) {
        if (h != current || stopped) {
            return;
        }
        if (h.session != null) {
            closed(h, CloseStatus.NO_CLOSE, String.valueOf(error.getMessage()));
            return;
        }
        String cause = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (TrustAnchors.isTlsFailure(error)) {
            // nothing else changes: the charger charges on its own decisions and the queue waits for a verified link
            cause = "the TLS handshake failed (the certificate does not verify against " + trust.source()
                    + ", or does not name the host " + endpoint.uri().getHost() + "): " + rootCause(error);
        }
        if (failures == 0) {
            log.warn("OCPP: cannot connect to {}: {}", endpoint.uri(), cause);
        } else {
            log.debug("OCPP: cannot connect to {} (attempt {}): {}", endpoint.uri(), failures + 1, cause);
        }
        failures++;
        retry();
    }

    private static String rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private void retry() {
        if (stopped) {
            return;
        }
        current = null;
        Duration wait = backoff.delay(failures, random::nextDouble);
        thread.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Jetty's frames of one connection attempt (on Jetty's threads): text messages joined from their fragments and
     * handed to the client's thread; pings answered; binary messages dropped (OCPP-J 1.6 §3.1: text only).
     */
    private final class Handler implements FrameHandler {
        /** Read and written on the client's thread only. */
        CoreSession session;
        // Jetty delivers the frames of one connection one at a time (one demand each)
        private CoreSession jettySession;
        private final ByteArrayOutputStream text = new ByteArrayOutputStream();
        private boolean inText;
        private boolean inBinary;
        /** When the central system was last heard from (any frame), System.nanoTime(). */
        private volatile long heardAt = System.nanoTime();

        boolean heardSince(long nanoTime) {
            return heardAt - nanoTime >= 0;
        }

        @Override
        public void onOpen(CoreSession s, Callback callback) {
            jettySession = s;
            thread.execute(() -> opened(this, s));
            callback.succeeded();
            s.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            heardAt = System.nanoTime();
            switch (frame.getOpCode()) {
                case OpCode.TEXT -> {
                    inText = true;
                    text.reset();
                    append(frame);
                }
                case OpCode.CONTINUATION -> {
                    if (inText) {
                        append(frame);
                    }
                }
                case OpCode.BINARY -> {
                    inBinary = !frame.isFin();
                    thread.execute(() -> log.warn("OCPP: a binary frame from the central system, ignored"));
                }
                case OpCode.PING -> jettySession.sendFrame(new Frame(OpCode.PONG).setPayload(copy(frame.getPayload())),
                        Callback.NOOP, false);
                default -> {
                    // PONG, and CLOSE, which Jetty's core answers itself
                }
            }
            if (frame.getOpCode() == OpCode.CONTINUATION && inBinary) {
                inBinary = !frame.isFin();
            }
            if (inText && frame.isFin() && (frame.getOpCode() == OpCode.TEXT
                    || frame.getOpCode() == OpCode.CONTINUATION)) {
                inText = false;
                String message = text.toString(StandardCharsets.UTF_8);
                text.reset();
                thread.execute(() -> received(this, message));
            }
            callback.succeeded();
            jettySession.demand();
        }

        private void append(Frame frame) {
            ByteBuffer p = frame.getPayload();
            if (p != null && text.size() + p.remaining() > MAX_MESSAGE_BYTES) {
                inText = false;
                text.reset();
                jettySession.close(CloseStatus.MESSAGE_TOO_LARGE, "over " + MAX_MESSAGE_BYTES + " bytes",
                        Callback.NOOP);
                return;
            }
            if (p != null) {
                byte[] b = new byte[p.remaining()];
                p.slice().get(b);
                text.writeBytes(b);
            }
        }

        private ByteBuffer copy(ByteBuffer p) {
            if (p == null) {
                return ByteBuffer.allocate(0);
            }
            ByteBuffer c = ByteBuffer.allocate(p.remaining());
            c.put(p.slice()).flip();
            return c;
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            thread.execute(() -> failed(this, cause));
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus status, Callback callback) {
            thread.execute(() -> closed(this, status.getCode(), status.getReason()));
            callback.succeeded();
        }
    }
}
