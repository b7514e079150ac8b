package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.infinergi.core.charging.api.ChargerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The charge point over Jetty's WebSocket client against an independent central system (ocpp-rpc, strict
 * validation): what one implementation sends, another one's validator accepts.
 */
class CentralSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
    private Connection connection;

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            thread.execute(connection::stop);
        }
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    private ChargePoint start(CentralSystem cs, String id, int profile, String key) {
        ChargePoint cp = new ChargePoint(new Frames(), OcppSchemas.load(),
                new BootInfo("SEMAR", "INFINERGI-3T-DR", "21/000-000001", "0.1.0"),
                new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S), new ExecutorTimers(thread),
                Clock.systemUTC());
        thread.execute(() -> cp.statusChanged(
                new ConnectorStatus.Input(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0, null, null)));
        connection = new Connection(Endpoint.of("ws://127.0.0.1:" + cs.port + "/ocpp/", id, profile, key), thread,
                cp, new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(50)));
        connection.start();
        return cp;
    }

    private static boolean is(JsonNode e, String event) {
        return event.equals(e.path("event").asText());
    }

    private static long count(CentralSystem cs, String action) {
        return cs.received().stream().filter(f -> f.get(0).asInt() == 2 && action.equals(f.get(2).asText())).count();
    }

    @Test
    void bootHeartbeatAndStatus_passTheCentralSystemsValidation() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "1")) {
            start(cs, "21/000-000001", 1, "s3cret");
            JsonNode hello = cs.awaitEvent(e -> is(e, "connected"), WITHIN);
            assertEquals("21/000-000001", hello.get("identity").asText(), "the ID arrives whole, '/' and all");
            assertEquals("ocpp1.6", hello.get("protocol").asText());
            assertEquals("s3cret", hello.get("password").asText(), "security profile 1: HTTP Basic");
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"Heartbeat\""), WITHIN);
            List<JsonNode> frames = cs.received();
            assertEquals("BootNotification", frames.get(0).get(2).asText(), "the first message");
            assertTrue(count(cs, "StatusNotification") >= 2, "connectors 0 and 1");
            assertTrue(cs.events().stream().noneMatch(e -> is(e, "strictValidationFailure")
                    || is(e, "badMessage")), cs.events().toString());
        }
    }

    @Test
    void pendingBoot_isRetried_andNothingElseGoesUntilAccepted() throws Exception {
        try (CentralSystem cs = new CentralSystem("--boot", "Pending,Pending,Accepted", "--interval", "1",
                "--heartbeat", "3600")) {
            start(cs, "CP-1", 0, "");
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            List<JsonNode> frames = cs.received();
            for (int i = 0; i < 3; i++) {
                assertEquals("BootNotification", frames.get(i).get(2).asText(), frames.toString());
            }
        }
    }

    @Test
    void theCentralSystemsCalls_areAnswered_andAMalformedOne_getsACallError() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            start(cs, "CP-2", 0, "");
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            cs.command("{\"cmd\":\"call\",\"tag\":\"get\",\"method\":\"GetConfiguration\","
                    + "\"params\":{\"key\":[\"HeartbeatInterval\",\"Colour\"]}}");
            JsonNode got = cs.awaitEvent(e -> is(e, "result") && "get".equals(e.path("tag").asText()), WITHIN);
            assertEquals("3600", got.at("/result/configurationKey/0/value").asText(), got.toString());
            assertEquals("Colour", got.at("/result/unknownKey/0").asText());
            cs.command("{\"cmd\":\"call\",\"tag\":\"ro\",\"method\":\"ChangeConfiguration\","
                    + "\"params\":{\"key\":\"NumberOfConnectors\",\"value\":\"3\"}}");
            assertEquals("Rejected", cs.awaitEvent(e -> is(e, "result") && "ro".equals(e.path("tag").asText()),
                    WITHIN).at("/result/status").asText());
            cs.command("{\"cmd\":\"raw\",\"message\":\"[2,\\\"bad-1\\\",\\\"ChangeConfiguration\\\","
                    + "{\\\"key\\\":\\\"HeartbeatInterval\\\",\\\"value\\\":30}]\"}");
            JsonNode error = cs.awaitEvent(e -> is(e, "message") && !e.get("outbound").asBoolean()
                    && e.get("message").asText().startsWith("[4,\"bad-1\""), WITHIN);
            assertTrue(error.get("message").asText().contains("TypeConstraintViolation"), error.toString());
            cs.command("{\"cmd\":\"call\",\"tag\":\"after\",\"method\":\"GetConfiguration\",\"params\":{}}");
            cs.awaitEvent(e -> is(e, "result") && "after".equals(e.path("tag").asText()) && e.has("result"), WITHIN);
        }
    }

    @Test
    void aLostConnection_isMadeAgain_andBootsAgain() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            start(cs, "CP-3", 0, "");
            cs.awaitEvent(e -> is(e, "connected"), WITHIN);
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            cs.command("{\"cmd\":\"close\"}");
            cs.awaitEvent(e -> is(e, "disconnected"), WITHIN);
            cs.awaitEvent(e -> is(e, "message") && !e.get("outbound").asBoolean() && count(cs, "BootNotification") >= 2,
                    WITHIN);
        }
    }

    @Test
    void pingsOfTheCentralSystem_areAnswered_andTheConnectionStays() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600", "--ping-ms", "200")) {
            start(cs, "CP-4", 0, "");
            cs.awaitEvent(e -> is(e, "connected"), WITHIN);
            // ocpp-rpc terminates a client that misses a pong before its next ping
            cs.awaitEvent(e -> is(e, "pong") && cs.events().stream().filter(x -> is(x, "pong")).count() >= 5, WITHIN);
            assertTrue(cs.events().stream().noneMatch(e -> is(e, "disconnected")), cs.events().toString());
        }
    }

    @Test
    void aMessageOverTheBound_closesTheConnection_whichIsMadeAgain() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            start(cs, "CP-5", 0, "");
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            String huge = "[2,\\\"big\\\",\\\"DataTransfer\\\",{\\\"vendorId\\\":\\\"x\\\",\\\"data\\\":\\\""
                    + "x".repeat(Connection.MAX_MESSAGE_BYTES) + "\\\"}]";
            cs.command("{\"cmd\":\"raw\",\"message\":\"" + huge + "\"}");
            cs.awaitEvent(e -> is(e, "disconnected"), WITHIN);
            cs.awaitEvent(e -> is(e, "message") && !e.get("outbound").asBoolean() && count(cs, "BootNotification") >= 2,
                    WITHIN);
        }
    }
}
