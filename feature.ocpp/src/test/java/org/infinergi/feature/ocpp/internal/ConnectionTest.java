package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.infinergi.core.charging.api.ChargerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket on the JDK's client against a server that misbehaves on purpose ({@link RawWebSocketServer}): the
 * handshake (URL, subprotocol, Basic), a server that does not agree on {@code ocpp1.6}, binary frames, a message over
 * the bound, and the JDK's selector thread ending with the connection.
 */
class ConnectionTest {

    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1,
            r -> new Thread(r, "infinergi-ocpp-test"));
    private Connection connection;

    ConnectionTest() {
        // as the component's thread: the timers pending at shutdown are dropped
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @AfterEach
    void stop() throws Exception {
        if (connection != null && !thread.isShutdown()) {
            thread.execute(connection::stop);
        }
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void start(int port) {
        ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
        ChargePoint cp = new ChargePoint(new Frames(), OcppSchemas.load(),
                new BootInfo("SEMAR", "INFINERGI-3T-DR", "21/000-000001", "0.1.0"), keys, new ExecutorTimers(thread),
                Clock.systemUTC());
        thread.execute(() -> cp.statusChanged(
                new ConnectorStatus.Input(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0, null, null)));
        connection = new Connection(Endpoint.of("ws://127.0.0.1:" + port + "/ocpp", "21/000-000001", 1, "s3cret"),
                thread, cp, new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(50)));
        connection.start();
    }

    /** Accepts with ocpp1.6 and returns the id of the BootNotification that comes first. */
    private static String acceptAndReadBoot(RawWebSocketServer server) throws Exception {
        server.accept("ocpp1.6");
        String boot = server.receiveText();
        assertTrue(boot.startsWith("[2,") && boot.contains("\"BootNotification\""), boot);
        return boot.split("\"")[1];
    }

    @Test
    void theUpgrade_namesTheChargePoint_asksForOcpp16_andCarriesTheBasicPassword() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            start(server.port);
            String request = server.accept("ocpp1.6");
            assertTrue(request.startsWith("GET /ocpp/21%2F000-000001 HTTP/1.1\r\n"), request);
            assertTrue(request.toLowerCase().contains("sec-websocket-protocol: ocpp1.6\r\n"), request);
            assertTrue(request.contains("Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(
                    "21/000-000001:s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\r\n"), request);
        }
    }

    @Test
    void aServerThatDoesNotAgreeOnOcpp16_isClosedOn_sentNothing_andTriedAgain() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            start(server.port);
            server.accept(null);
            assertEquals("1000 ocpp1.6 expected", server.awaitClose(), "closed before any message");
            // tried again with the back-off: a new upgrade arrives
            assertTrue(server.accept("ocpp1.6").startsWith("GET /ocpp/"));
            assertTrue(server.receiveText().contains("\"BootNotification\""), "with ocpp1.6 the charger boots");
        }
    }

    @Test
    void aBinaryFrame_isIgnored_andTheConnectionGoesOn() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            start(server.port);
            String bootId = acceptAndReadBoot(server);
            server.send(0x2, new byte[] {1, 2, 3});
            server.sendText("[3,\"" + bootId + "\",{\"status\":\"Accepted\",\"currentTime\":\"2026-12-07T12:00:00Z\","
                    + "\"interval\":3600}]");
            assertTrue(server.receiveText().contains("\"StatusNotification\""), "the answer after it was read");
        }
    }

    @Test
    void aMessageOverTheBound_isClosedOn_andTheConnectionIsMadeAgain() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            start(server.port);
            acceptAndReadBoot(server);
            server.sendText("[2,\"big\",\"DataTransfer\",{\"vendorId\":\"x\",\"data\":\""
                    + "x".repeat(Connection.MAX_MESSAGE_CHARS) + "\"}]");
            assertEquals("1000 message over 65536 characters", server.awaitClose());
            acceptAndReadBoot(server);
        }
    }

    private static Set<String> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("HttpClient-") && n.endsWith("-SelectorManager")).collect(Collectors.toSet());
    }

    /** A bundle update or a new configuration restarts the client: the JDK's client leaves no thread behind. */
    @Test
    void stoppingTheConnection_endsTheJdksSelectorThread() throws Exception {
        Set<String> before = selectorThreads();
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            start(server.port);
            acceptAndReadBoot(server);
            assertEquals(1, selectorThreads().stream().filter(n -> !before.contains(n)).count(), "one selector");
            // as the component's deactivate does: stop on the client's thread, then the thread ends
            thread.execute(connection::stop);
            thread.shutdown();
            assertTrue(thread.awaitTermination(5, TimeUnit.SECONDS));
            assertEquals("1000 charger stopping", server.awaitClose());
            connection.releaseClient();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                    () -> selectorThreads().stream().noneMatch(n -> !before.contains(n)));
        }
    }
}
