package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.infinergi.core.charging.api.ChargerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The charge point over Jetty's WebSocket client against an independent central system (ocpp-rpc, strict
 * validation): what one implementation sends, another one's validator accepts.
 */
class CentralSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
    private Connection connection;
    private Transactions transactions;
    private TransactionJournal journal;
    /** The session's energy as the core would count it: one more Wh at every read (every sample). */
    private final AtomicInteger energyReads = new AtomicInteger();
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            thread.execute(connection::stop);
        }
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    private ChargePoint start(CentralSystem cs, String id, int profile, String key) {
        return start(cs.port, id, profile, key, new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S));
    }

    /** The charge point with its transactions (Disabled mode, a journal file, a meter at 10 000 Wh). */
    private ChargePoint start(int port, String id, int profile, String key, ConfigurationKeys keys) {
        ChargePoint cp = new ChargePoint(new Frames(), OcppSchemas.load(),
                new BootInfo("SEMAR", "INFINERGI-3T-DR", "21/000-000001", "0.1.0"),
                keys, new ExecutorTimers(thread), Clock.systemUTC());
        try {
            journal = TransactionJournal.open(dir.resolve("journal"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        transactions = new Transactions(cp, journal, new Frames(), keys, new ExecutorTimers(thread),
                Clock.systemUTC(), new Transactions.ChargerMeter() {
                    @Override
                    public OptionalDouble registerWh() {
                        return OptionalDouble.of(10_000);
                    }

                    @Override
                    public OptionalDouble powerW() {
                        return OptionalDouble.of(3_700);
                    }

                    @Override
                    public double sessionEnergyWh() {
                        return energyReads.incrementAndGet();
                    }
                }, new Transactions.Control() {
                    @Override
                    public boolean authorize(String idTag) {
                        return true;
                    }

                    @Override
                    public boolean stopCharging() {
                        return true;
                    }

                    @Override
                    public boolean present() {
                        return true;
                    }
                }, Transactions.Mode.DISABLED, "STATIC-TAG");
        thread.execute(() -> cp.statusChanged(
                new ConnectorStatus.Input(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0, null, null)));
        connection = new Connection(Endpoint.of("ws://127.0.0.1:" + port + "/ocpp/", id, profile, key), thread,
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

    /**
     * Issue 17 (RSS with OCPP connected): Jetty's client starts no scheduler thread and no WebSocket pool of its own,
     * only a pool of two threads.
     */
    @Test
    void connected_jettyAddsNoSchedulerOrWebSocketPool_andAtMostTwoIoThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            start(cs, "CP-1", 0, "");
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            List<String> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                    .map(Thread::getName).toList();
            assertTrue(started.stream().noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("scheduler")),
                    "Jetty's timeouts run on the client's thread: " + started);
            assertTrue(started.stream().noneMatch(n -> n.startsWith("WebSocket@")),
                    "the WebSocket layer runs on the client's pool: " + started);
            assertTrue(started.stream().filter(n -> n.startsWith("infinergi-ocpp-io")).count()
                    <= Connection.IO_THREADS, started.toString());
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

    /** The transaction messages a central system logged, each as {action, params, transactionId}. */
    private static List<JsonNode> transactionMessages(CentralSystem cs) {
        return cs.events().stream().filter(e -> is(e, "tx")).toList();
    }

    private int queued() throws Exception {
        return thread.submit(() -> journal.size()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aTransaction_acrossALostLinkAndARestartedCentralSystem_arrivesWhole_onceAndInOrder() throws Exception {
        ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
        keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "1");
        List<JsonNode> all = new ArrayList<>();
        int port;
        CentralSystem first = new CentralSystem("--heartbeat", "3600", "--tx-base", "100");
        try (first) {
            port = first.port;
            start(port, "CP-TX", 0, "", keys);
            first.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            thread.execute(() -> transactions.sessionStarted(1_765_000_000_000L, null));
            first.awaitEvent(e -> is(e, "tx") && transactionMessages(first).stream()
                    .filter(t -> "MeterValues".equals(t.get("action").asText())).count() >= 2, WITHIN);
            // cut between two samples, once the last one is answered: nothing in flight
            Awaitility.await().atMost(WITHIN).until(() -> queued() == 0);
        }
        // what the first central system received, up to its end
        all.addAll(transactionMessages(first));
        // the central system is gone: samples and the stop wait in the journal
        Awaitility.await().atMost(WITHIN).until(() -> queued() >= 3);
        thread.execute(() -> transactions.sessionStopped(1_765_000_000_000L, "VEHICLE_DISCONNECTED", 1_000));
        try (CentralSystem second = new CentralSystem("--port", Integer.toString(port), "--heartbeat", "3600",
                "--tx-base", "500")) {
            second.awaitEvent(e -> is(e, "tx") && "StopTransaction".equals(e.get("action").asText()), WITHIN);
            all.addAll(transactionMessages(second));
            assertTrue(second.events().stream().noneMatch(e -> is(e, "strictValidationFailure")),
                    second.events().toString());
        }
        List<String> actions = all.stream().map(t -> t.get("action").asText()).toList();
        assertEquals("StartTransaction", actions.get(0), actions.toString());
        assertEquals("StopTransaction", actions.get(actions.size() - 1), actions.toString());
        assertEquals(1, actions.stream().filter("StartTransaction"::equals).count(), "one start");
        assertEquals(1, actions.stream().filter("StopTransaction"::equals).count(), "one stop");
        // every sample once, in the order taken: the register values are 10 000 + 1, + 2, … + n
        List<Integer> registers = all.stream().filter(t -> "MeterValues".equals(t.get("action").asText()))
                .map(t -> t.at("/params/meterValue/0/sampledValue/0/value").asInt()).toList();
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= registers.size(); i++) {
            expected.add(10_000 + i);
        }
        assertEquals(expected, registers, "no sample lost, doubled or reordered");
        assertTrue(registers.size() >= 5, "samples before and during the outage: " + registers);
        assertTrue(energyReads.get() <= registers.size() + 1, "every sample taken was delivered");
        for (JsonNode t : all.subList(1, all.size())) {
            assertEquals(100, t.at("/params/transactionId").asInt(), "the first central system's id: " + t);
        }
    }

    @Test
    void aTransactionStartedOffline_getsItsIdWhenTheCentralSystemAnswers() throws Exception {
        ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
        keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "0");
        int port;
        try (CentralSystem probe = new CentralSystem("--heartbeat", "3600")) {
            port = probe.port;
        }
        start(port, "CP-OFF", 0, "", keys);
        thread.execute(() -> transactions.sessionStarted(1_765_000_000_000L, null));
        thread.execute(() -> transactions.sessionStopped(1_765_000_000_000L, "VEHICLE_DISCONNECTED", 250));
        Awaitility.await().atMost(WITHIN).until(() -> queued() == 2);
        try (CentralSystem cs = new CentralSystem("--port", Integer.toString(port), "--heartbeat", "3600",
                "--tx-base", "7")) {
            JsonNode stop = cs.awaitEvent(e -> is(e, "tx") && "StopTransaction".equals(e.get("action").asText()),
                    WITHIN);
            assertEquals(7, stop.at("/params/transactionId").asInt(), stop.toString());
            assertEquals(10_250, stop.at("/params/meterStop").asInt());
            assertEquals("STATIC-TAG", transactionMessages(cs).get(0).at("/params/idTag").asText());
        }
    }

    @Test
    void remoteStartAndStop_fromTheCentralSystem() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600", "--tx-base", "40")) {
            ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
            start(cs.port, "CP-R", 0, "", keys);
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            // a transaction is open (Disabled mode): a second one is refused
            thread.execute(() -> transactions.sessionStarted(1_765_000_000_000L, null));
            cs.awaitEvent(e -> is(e, "tx") && "StartTransaction".equals(e.get("action").asText()), WITHIN);
            cs.command("{\"cmd\":\"call\",\"tag\":\"rs\",\"method\":\"RemoteStartTransaction\","
                    + "\"params\":{\"idTag\":\"R-1\"}}");
            assertEquals("Rejected", cs.awaitEvent(e -> is(e, "result") && "rs".equals(e.path("tag").asText()),
                    WITHIN).at("/result/status").asText());
            cs.command("{\"cmd\":\"call\",\"tag\":\"stop\",\"method\":\"RemoteStopTransaction\","
                    + "\"params\":{\"transactionId\":40}}");
            assertEquals("Accepted", cs.awaitEvent(e -> is(e, "result") && "stop".equals(e.path("tag").asText()),
                    WITHIN).at("/result/status").asText());
            JsonNode stop = cs.awaitEvent(e -> is(e, "tx") && "StopTransaction".equals(e.get("action").asText()),
                    WITHIN);
            assertEquals("Remote", stop.at("/params/reason").asText());
            assertEquals(40, stop.at("/params/transactionId").asInt());
            cs.command("{\"cmd\":\"call\",\"tag\":\"rs2\",\"method\":\"RemoteStartTransaction\","
                    + "\"params\":{\"connectorId\":1,\"idTag\":\"R-2\"}}");
            assertEquals("Accepted", cs.awaitEvent(e -> is(e, "result") && "rs2".equals(e.path("tag").asText()),
                    WITHIN).at("/result/status").asText());
            JsonNode start = cs.awaitEvent(e -> is(e, "tx") && "StartTransaction".equals(e.get("action").asText())
                    && "R-2".equals(e.at("/params/idTag").asText()), WITHIN);
            assertEquals(41, start.get("transactionId").asInt());
            assertTrue(cs.events().stream().noneMatch(e -> is(e, "strictValidationFailure")),
                    cs.events().toString());
        }
    }

    @Test
    void aDeadLink_isNoticedByThePings_andMadeAgain() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
            keys.change(ConfigurationKeys.WEB_SOCKET_PING_INTERVAL, "1");
            start(cs.port, "CP-DEAD", 0, "", keys);
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            // the socket stays open, nothing comes back: no pong, no answer
            cs.command("{\"cmd\":\"freeze\"}");
            cs.awaitEvent(e -> is(e, "frozen"), WITHIN);
            cs.awaitEvent(e -> is(e, "connected") && cs.events().stream().filter(x -> is(x, "connected")).count() >= 2,
                    WITHIN);
            cs.awaitEvent(e -> is(e, "message") && !e.get("outbound").asBoolean()
                    && count(cs, "BootNotification") >= 2, WITHIN);
        }
    }

    @Test
    void pingsOfTheChargePoint_keepALiveLink() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
            keys.change(ConfigurationKeys.WEB_SOCKET_PING_INTERVAL, "1");
            start(cs.port, "CP-ALIVE", 0, "", keys);
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            // nothing but pings and their pongs on the link: each pong keeps it
            cs.awaitEvent(e -> is(e, "pingReceived")
                    && cs.events().stream().filter(x -> is(x, "pingReceived")).count() >= 5, WITHIN);
            assertTrue(cs.events().stream().noneMatch(e -> is(e, "disconnected")), cs.events().toString());
            assertEquals(1, cs.events().stream().filter(e -> is(e, "connected")).count());
        }
    }

    @Test
    void aCard_isAuthorizedByTheCentralSystem() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600", "--authorize", "Invalid")) {
            start(cs.port, "CP-AUTH", 0, "", new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S));
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            java.util.concurrent.CompletableFuture<String> status = new java.util.concurrent.CompletableFuture<>();
            thread.execute(() -> transactions.authorize("04A1B2C3D4", status::complete));
            assertEquals("Invalid", status.get(20, TimeUnit.SECONDS));
            assertEquals("04A1B2C3D4", cs.awaitEvent(e -> is(e, "authorize"), WITHIN).get("idTag").asText());
        }
    }
}
