package org.infinergi.feature.ocpp.internal;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket to the central system on the JDK's own client ({@code java.net.http}; OCPP-J 1.6 §3: subprotocol
 * {@code ocpp1.6}), kept open: a failed attempt or a lost connection is tried again after a growing wait with jitter
 * ({@link Backoff}). Everything happens on the client's one thread, where the {@link ChargePoint} lives: it is the
 * executor of the JDK's client too, so the only other thread is the JDK's selector ({@code HttpClient-N-SelectorManager}).
 *
 * <p>The JDK's client and not a copy of Jetty's (issue 17: the image's RSS with OCPP connected): the image's web server
 * already loads Jetty 12.0, and a second Jetty (12.1, the client's line) cost about 500 classes; the JDK's client is
 * part of the runtime ({@code java.*}, boot-delegated in OSGi: nothing to import or embed).
 *
 * <p>Logging per CONVENTIONS.md §11: the first failure of an outage at WARN with its cause, repeats at DEBUG, the
 * recovery at INFO.
 */
final class Connection {

    static final String SUBPROTOCOL = "ocpp1.6";
    /**
     * OCPP-J 1.6 has no size limit; a bound keeps a rogue peer from filling the charger's memory. In characters: the
     * JDK hands a text message over decoded, in parts, and the parts are joined here.
     */
    static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /**
     * The code of every close the charger starts, the reason saying why: the JDK's client sends only 1000 or a private
     * code (3000–4999), not RFC 6455's 1001 (going away), 1002 (protocol error) or 1009 (too big).
     */
    static final int CLOSE_NORMAL = 1000;
    /** RFC 6455 §7.4.1: no close frame (the link was dropped). */
    static final int CLOSE_ABNORMAL = 1006;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
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

    /** The JDK's client last made, held weakly: whether it is gone after {@link #stop()}. */
    private volatile WeakReference<HttpClient> made = new WeakReference<>(null);

    // all on the client's thread
    private HttpClient client;
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

    /**
     * Closes the connection and lets go of the JDK's client; on the client's thread, before it is shut down (then
     * {@link #releaseClient()}). The socket is closed and every reference to the client dropped.
     */
    void stop() {
        stopped = true;
        Handler h = current;
        current = null;
        if (h != null && h.socket != null) {
            closeThenAbort(h.socket, CLOSE_NORMAL, "charger stopping");
            h.socket = null;
        }
        client = null;
        chargePoint.disconnected();
    }

    /**
     * Ends the JDK client's selector thread, after {@link #stop()} and the end of the client's thread (a new
     * configuration, a bundle update). The JDK 17 client has no close() (JDK 21's shutdownNow()): its selector thread
     * ends only once the client is unreachable and collected, and a client that lived as long as its connection is in
     * the old generation, which an idle charger may not collect for hours — the thread, and through the executor this
     * bundle's class loader, would stay. So one explicit collection, only when a client was made and is still there.
     */
    void releaseClient() {
        if (!made.refersTo(null)) {
            System.gc();
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        Handler h = new Handler();
        current = h;
        try {
            WebSocket.Builder request = httpClient().newWebSocketBuilder()
                    .subprotocols(SUBPROTOCOL)
                    .connectTimeout(CONNECT_TIMEOUT);
            if (endpoint.authorization() != null) {
                request.header("Authorization", endpoint.authorization());
            }
            request.buildAsync(endpoint.uri(), h).whenComplete((socket, error) -> {
                if (error != null) {
                    post(() -> failed(h, error));
                }
            });
        } catch (RuntimeException e) {
            failed(h, e);
        }
    }

    /**
     * The JDK's client, made at the first connection (a charger without a central system never loads it) and kept for
     * the next ones. Its executor is the client's own thread: no pool of its own (left to itself it makes a cached
     * pool of threads), and the listener's calls arrive where the protocol lives.
     */
    private HttpClient httpClient() {
        if (client == null) {
            SSLContext tls = tlsFor(endpoint, trust);
            client = HttpClient.newBuilder()
                    .executor(thread)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .sslContext(tls)
                    .sslParameters(isTls(endpoint) ? TrustAnchors.hostNameVerified(tls) : new SSLParameters())
                    .build();
            made = new WeakReference<>(client);
        }
        return client;
    }

    static boolean isTls(Endpoint endpoint) {
        return "wss".equalsIgnoreCase(endpoint.uri().getScheme());
    }

    /**
     * The TLS of a wss:// URL; for ws:// one that loads nothing ({@link NoTls}): the JDK's client otherwise takes the
     * JVM's default context, which reads the JVM's trust store (its certificates in the heap) and loads JSSE and the
     * security providers (about 180 classes in the image) though no connection uses them.
     */
    static SSLContext tlsFor(Endpoint endpoint, TrustAnchors trust) {
        return isTls(endpoint) ? trust.sslContext() : new NoTls();
    }

    /**
     * The TLS context of a ws:// URL: no provider, nothing behind it. A TLS connection through it would fail; a ws://
     * URL makes none (no redirects on a WebSocket upgrade). Even {@code SSLContext.getInstance("TLS")} would load the
     * JCA providers up to SunJSSE, which is what this avoids.
     */
    static final class NoTls extends SSLContext {
        NoTls() {
            super(new Spi(), null, "none");
        }

        private static final class Spi extends SSLContextSpi {
            private static IllegalStateException none() {
                return new IllegalStateException("no TLS for a ws:// URL");
            }

            @Override
            protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
                throw none();
            }

            @Override
            protected SSLSocketFactory engineGetSocketFactory() {
                throw none();
            }

            @Override
            protected SSLServerSocketFactory engineGetServerSocketFactory() {
                throw none();
            }

            @Override
            protected SSLEngine engineCreateSSLEngine() {
                throw none();
            }

            @Override
            protected SSLEngine engineCreateSSLEngine(String host, int port) {
                throw none();
            }

            @Override
            protected SSLSessionContext engineGetServerSessionContext() {
                throw none();
            }

            @Override
            protected SSLSessionContext engineGetClientSessionContext() {
                throw none();
            }
        }
    }

    private void opened(Handler h, WebSocket socket) {
        if (h != current || stopped) {
            closeThenAbort(socket, CLOSE_NORMAL, "superseded");
            return;
        }
        if (!SUBPROTOCOL.equals(socket.getSubprotocol())) {
            // OCPP-J 1.6 §3.1.2: without the agreed subprotocol the central system does not speak OCPP 1.6J
            closeThenAbort(socket, CLOSE_NORMAL, "ocpp1.6 expected");
            failed(h, new IllegalStateException("the central system did not accept the subprotocol " + SUBPROTOCOL
                    + " (it answered '" + socket.getSubprotocol() + "')"));
            return;
        }
        h.socket = socket;
        log.info("OCPP: connected to {}{}", endpoint.uri(), failures > 0 ? " after " + failures + " failed attempts"
                : "");
        failures = 0;
        chargePoint.connected(h::send);
        ping(h);
    }

    /** A close frame, then the socket dropped once it is written: a peer that never answers the close holds nothing. */
    private void closeThenAbort(WebSocket socket, int code, String reason) {
        try {
            socket.sendClose(code, reason).whenComplete((s, e) -> socket.abort());
        } catch (RuntimeException e) {
            socket.abort();
        }
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
        h.ping();
        thread.schedule(() -> pingDue(h, sentAt), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pingDue(Handler h, long pingSentAt) {
        if (h != current || stopped || h.socket == null) {
            return;
        }
        if (pingSentAt == Long.MIN_VALUE || h.heardSince(pingSentAt)) {
            ping(h);
            return;
        }
        log.warn("OCPP: no answer from {} to a ping within {} s: the link is dead, connecting again",
                endpoint.uri(), chargePoint.pingInterval().toSeconds());
        WebSocket dead = h.socket;
        closed(h, CLOSE_ABNORMAL, "no pong");
        // no close handshake with a peer that does not answer: the socket is dropped
        dead.abort();
    }

    private void received(Handler h, String text) {
        if (h == current && h.socket != null) {
            chargePoint.received(text);
        }
    }

    /** A text message over the bound: closed before it fills the memory, and made again. */
    private void tooBig(Handler h) {
        if (h != current || stopped || h.socket == null) {
            return;
        }
        WebSocket socket = h.socket;
        closed(h, CLOSE_NORMAL, "a message over " + MAX_MESSAGE_CHARS + " characters");
        closeThenAbort(socket, CLOSE_NORMAL, "message over " + MAX_MESSAGE_CHARS + " characters");
    }

    private void closed(Handler h, int code, String reason) {
        if (h != current || stopped) {
            return;
        }
        if (h.socket == null) {
            failed(h, new IllegalStateException("closed during the handshake: " + code + " " + reason));
            return;
        }
        log.warn("OCPP: connection to {} closed ({} {})", endpoint.uri(), code, reason);
        h.socket = null;
        chargePoint.disconnected();
        retry();
    }

    private void failed(Handler h, Throwable error) {
        if (h != current || stopped) {
            return;
        }
        if (h.socket != null) {
            WebSocket socket = h.socket;
            closed(h, CLOSE_ABNORMAL, String.valueOf(error.getMessage()));
            socket.abort();
            return;
        }
        String cause = rootCause(error);
        if (TrustAnchors.isTlsFailure(error)) {
            // nothing else changes: the charger charges on its own decisions and the queue waits for a verified link
            cause = "the TLS handshake failed (the certificate does not verify against " + trust.source()
                    + ", or does not name the host " + endpoint.uri().getHost() + "): " + cause;
        }
        if (failures == 0) {
            log.warn("OCPP: cannot connect to {}: {}", endpoint.uri(), cause);
        } else {
            log.debug("OCPP: cannot connect to {} (attempt {}): {}", endpoint.uri(), failures + 1, cause);
        }
        failures++;
        retry();
    }

    /** The JDK wraps the cause of a failed handshake (CompletionException, IOException): the innermost one says it. */
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

    /** Runs on the client's thread; a client that is stopping takes nothing more. */
    private void post(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // stopped: the connection is being closed anyway
        }
    }

    /**
     * The JDK's calls of one connection attempt: text messages joined from their parts (up to the bound) and handed to
     * the client's thread; binary messages dropped (OCPP-J 1.6 §3.1: text only). Pings are answered by the JDK itself.
     * One part at a time is asked for, after the previous one is handled.
     */
    private final class Handler implements WebSocket.Listener {
        /** Read and written on the client's thread only: the open socket, after the subprotocol was checked. */
        WebSocket socket;
        /** Text frames waiting for the previous one to be written (the JDK takes one send at a time). */
        private final Deque<String> outbox = new ArrayDeque<>();
        private boolean sending;
        private boolean pinging;
        // the JDK calls the listener of one connection one call at a time
        private StringBuilder text = new StringBuilder();
        private boolean overflowed;
        /** When the central system was last heard from (any frame), System.nanoTime(). */
        private volatile long heardAt = System.nanoTime();

        boolean heardSince(long nanoTime) {
            return heardAt - nanoTime >= 0;
        }

        /** The {@link Link} of the connection: on the client's thread. */
        void send(String message) {
            if (socket == null) {
                return;
            }
            outbox.add(message);
            sendNext();
        }

        private void sendNext() {
            WebSocket s = socket;
            if (sending || s == null || outbox.isEmpty()) {
                return;
            }
            sending = true;
            String message = outbox.poll();
            s.sendText(message, true).whenComplete((ok, error) -> post(() -> {
                sending = false;
                if (error != null) {
                    // the link is broken: onError/onClose follow; the protocol's timeouts send again what matters
                    log.debug("OCPP: sending to {} failed: {}", endpoint.uri(), rootCause(error));
                    outbox.clear();
                    return;
                }
                sendNext();
            }));
        }

        void ping() {
            if (pinging || socket == null) {
                // the previous ping is still being written: the link is as good as dead, the check will tell
                return;
            }
            pinging = true;
            try {
                socket.sendPing(ByteBuffer.allocate(0)).whenComplete((ok, error) -> post(() -> pinging = false));
            } catch (RuntimeException e) {
                pinging = false;
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            post(() -> opened(this, webSocket));
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            heardAt = System.nanoTime();
            if (overflowed) {
                // the rest of a message over the bound: the socket is being closed
                return null;
            }
            if (text.length() + data.length() > MAX_MESSAGE_CHARS) {
                overflowed = true;
                text = new StringBuilder();
                post(() -> tooBig(this));
                // nothing more is asked for: the socket is closed on the client's thread
                return null;
            }
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (text.capacity() > 1024) {
                    // a big message leaves no big buffer behind for the life of the connection
                    text = new StringBuilder();
                }
                post(() -> received(this, message));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            heardAt = System.nanoTime();
            if (last) {
                post(() -> log.warn("OCPP: a binary message from the central system, ignored (OCPP-J is text)"));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            heardAt = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            heardAt = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            // the JDK answers the close frame itself once this returns
            post(() -> closed(this, statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            post(() -> failed(this, error));
        }
    }
}
