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
 * The charge point over the JDK's WebSocket client against an independent central system (ocpp-rpc, strict
 * validation): what one implementation sends, another one's validator accepts.
 */
class CentralSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
    private Connection connection;
    private Transactions transactions;
    private TransactionJournal journal;
    /** Smart Charging of the charge point (profiles in memory). */
    private SmartCharging smart;
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
        smart = new SmartCharging(cp, new Frames(), keys, ProfileStore.inMemory(), Clock.systemUTC(), () -> 3, 32);
        transactions.listen(smart);
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
     * Issue 17 (RSS with OCPP connected; idle CPU): the JDK's client runs on the client's thread, so connecting adds
     * one thread only, its selector; no pool, no scheduler.
     */
    @Test
    void connected_theJdksClientAddsItsSelectorThreadOnly() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            start(cs, "CP-1", 0, "");
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            // the test's own: its executor standing in for the client's thread, and the central system's process
            List<String> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                    .map(Thread::getName).filter(n -> !n.startsWith("pool-") && !n.equals("central-system-stdout")
                            && !n.equals("process reaper"))
                    .toList();
            assertEquals(1, started.size(), "no pool, no scheduler: " + started);
            assertTrue(started.get(0).startsWith("HttpClient-") && started.get(0).endsWith("-SelectorManager"),
                    started.toString());
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
                    + "x".repeat(Connection.MAX_MESSAGE_CHARS) + "\\\"}]";
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
            ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
            ChargePoint cp = start(cs.port, "CP-AUTH", 0, "", keys);
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            java.util.concurrent.CompletableFuture<String> status = new java.util.concurrent.CompletableFuture<>();
            CardAuthorization cards = new CardAuthorization(cp, new Frames(), keys, new LocalAuthorization(keys,
                    new Frames(), null), Clock.systemUTC());
            thread.execute(() -> cards.authorize("04A1B2C3D4", a -> status.complete(a.status())));
            assertEquals("Invalid", status.get(20, TimeUnit.SECONDS));
            assertEquals("04A1B2C3D4", cs.awaitEvent(e -> is(e, "authorize"), WITHIN).get("idTag").asText());
        }
    }

    // ---- Local Auth List Management and the authorization cache (issue 17, ocppauth) ----

    private <T> T onThread(java.util.concurrent.Callable<T> c) throws Exception {
        return thread.submit(c).get(20, TimeUnit.SECONDS);
    }

    private JsonNode callFromTheCentralSystem(CentralSystem cs, String tag, String method, String params)
            throws Exception {
        cs.command("{\"cmd\":\"call\",\"tag\":\"" + tag + "\",\"method\":\"" + method + "\",\"params\":"
                + params + "}");
        JsonNode r = cs.awaitEvent(e -> is(e, "result") && tag.equals(e.path("tag").asText()), WITHIN);
        assertTrue(r.has("result"), r.toString());
        return r.get("result");
    }

    private CardAuthorization.Answer decide(CardAuthorization cards, String tag) throws Exception {
        java.util.concurrent.CompletableFuture<CardAuthorization.Answer> a = new java.util.concurrent.CompletableFuture<>();
        thread.execute(() -> cards.authorize(tag, a::complete));
        return a.get(40, TimeUnit.SECONDS);
    }

    @Test
    void theLocalList_sentAndVersioned_authorizesACardOffline_andClearCacheEmptiesTheCache() throws Exception {
        ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
        CardAuthorization cards;
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            ChargePoint cp = start(cs.port, "CP-LIST", 0, "", keys);
            current = cp;
            cards = onThread(() -> {
                LocalAuthorization local = new LocalAuthorization(keys, new Frames(), dir.resolve("auth.json"));
                local.register(cp);
                return new CardAuthorization(cp, new Frames(), keys, local, Clock.systemUTC());
            });
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            assertEquals(0, callFromTheCentralSystem(cs, "v0", "GetLocalListVersion", "{}").get("listVersion")
                    .asInt(), "empty");
            assertEquals("Accepted", callFromTheCentralSystem(cs, "s1", "SendLocalList", "{\"listVersion\":1,"
                    + "\"updateType\":\"Full\",\"localAuthorizationList\":[{\"idTag\":\"04A1B2C3\","
                    + "\"idTagInfo\":{\"status\":\"Accepted\"}}]}").get("status").asText());
            assertEquals("VersionMismatch", callFromTheCentralSystem(cs, "s2", "SendLocalList",
                    "{\"listVersion\":1,\"updateType\":\"Differential\",\"localAuthorizationList\":[]}")
                    .get("status").asText());
            assertEquals(1, callFromTheCentralSystem(cs, "v1", "GetLocalListVersion", "{}").get("listVersion")
                    .asInt());
            CardAuthorization.Answer online = decide(cards, "0A0B0C0D");
            assertTrue(online.reached() && online.accepted(), online.toString());
            assertEquals("Accepted", callFromTheCentralSystem(cs, "c1", "ClearCache", "{}").get("status").asText());
            assertTrue(cs.events().stream().noneMatch(e -> is(e, "strictValidationFailure")
                    || is(e, "badMessage")), cs.events().toString());
        }
        // the central system is gone: the charge point decides alone
        ChargePoint cp = current;
        Awaitility.await().atMost(WITHIN).until(() -> !onThread(cp::accepted));
        CardAuthorization.Answer listed = decide(cards, "04a1b2c3");
        assertTrue(listed.accepted() && !listed.reached(), "offline, from the list: " + listed);
        CardAuthorization.Answer cleared = decide(cards, "0A0B0C0D");
        assertEquals(null, cleared.status(), "the cache was cleared: unknown offline, " + cleared);
    }

    private ChargePoint current;

    // ---- Smart Charging (OCPP 1.6 §3.13) ----

    private JsonNode call(CentralSystem cs, String tag, String method, String params) throws Exception {
        return callFromTheCentralSystem(cs, tag, method, params.replace('\'', '"'));
    }

    private static String txProfile(int id, Integer transactionId, double limit) {
        return "{'connectorId':1,'csChargingProfiles':{'chargingProfileId':" + id
                + (transactionId == null ? "" : ",'transactionId':" + transactionId)
                + ",'stackLevel':1,'chargingProfilePurpose':'TxProfile','chargingProfileKind':'Relative',"
                + "'chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':"
                + limit + "}]}}}";
    }

    @Test
    void smartCharging_profilesSetQueriedAndCleared_byTheCentralSystem() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600", "--tx-base", "40")) {
            start(cs, "CP-SC", 0, "");
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            JsonNode conf = call(cs, "keys", "GetConfiguration", "{'key':['SupportedFeatureProfiles',"
                    + "'ChargeProfileMaxStackLevel','ChargingScheduleAllowedChargingRateUnit',"
                    + "'ChargingScheduleMaxPeriods','MaxChargingProfilesInstalled']}");
            assertEquals(5, conf.get("configurationKey").size(), conf.toString());
            assertTrue(conf.get("configurationKey").get(0).get("value").asText().contains("SmartCharging"));
            assertEquals("Rejected", call(cs, "tx-none", "SetChargingProfile", txProfile(1, null, 10))
                    .get("status").asText(), "a TxProfile needs a transaction");

            thread.execute(() -> transactions.sessionStarted(1_765_000_000_000L, null));
            cs.awaitEvent(e -> is(e, "tx") && "StartTransaction".equals(e.get("action").asText()), WITHIN);
            Awaitility.await().atMost(WITHIN).until(
                    () -> thread.submit(() -> transactions.currentTransactionId()).get().isPresent());
            assertEquals("Rejected", call(cs, "tx-other", "SetChargingProfile", txProfile(1, 41, 10))
                    .get("status").asText(), "another transaction's profile");
            assertEquals("Accepted", call(cs, "tx", "SetChargingProfile", txProfile(5, 40, 10))
                    .get("status").asText());
            assertEquals("OCPP charging profile 5 (TxProfile)", smart.currentLimit().source());
            assertEquals(10, smart.currentLimit().amps());
            assertEquals("Accepted", call(cs, "max", "SetChargingProfile", "{'connectorId':0,'csChargingProfiles':"
                    + "{'chargingProfileId':6,'stackLevel':0,'chargingProfilePurpose':'ChargePointMaxProfile',"
                    + "'chargingProfileKind':'Absolute','chargingSchedule':{'startSchedule':'2026-01-01T00:00:00Z',"
                    + "'chargingRateUnit':'W','chargingSchedulePeriod':[{'startPeriod':0,'limit':5520}]}}}")
                    .get("status").asText());
            assertEquals("OCPP charging profile 6 (ChargePointMaxProfile)", smart.currentLimit().source(),
                    "5520 W over three phases: 8 A, below the TxProfile's 10 A");

            JsonNode composite = call(cs, "cs", "GetCompositeSchedule",
                    "{'connectorId':1,'duration':3600,'chargingRateUnit':'A'}");
            assertEquals("Accepted", composite.get("status").asText());
            assertEquals(8.0, composite.at("/chargingSchedule/chargingSchedulePeriod/0/limit").asDouble(),
                    composite.toString());

            assertEquals("Accepted", call(cs, "clear6", "ClearChargingProfile", "{'id':6}").get("status").asText());
            assertEquals("Unknown", call(cs, "clear6b", "ClearChargingProfile", "{'id':6}").get("status").asText());
            assertEquals("Accepted", call(cs, "clearTx", "ClearChargingProfile",
                    "{'connectorId':1,'chargingProfilePurpose':'TxProfile'}").get("status").asText());
            assertEquals(SmartCharging.SOURCE, smart.currentLimit().source());
            assertTrue(cs.events().stream().noneMatch(e -> is(e, "strictValidationFailure")),
                    cs.events().toString());
        }
    }

    // ---- ocppcore: the rest of the Core profile against the independent central system ----

    /** What the Core profile's handlers asked of the core, and the restarts of Reset. */
    private final List<String> coreAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> restarts = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** {@link #start} with the handlers the component adds (an untethered model, a core that accepts everything). */
    private ChargePoint startWithCoreProfile(CentralSystem cs, String id, ConfigurationKeys keys) throws Exception {
        ChargePoint cp = start(cs.port, id, 0, "", keys);
        org.infinergi.core.charging.testing.FakeChargerControl core =
                new org.infinergi.core.charging.testing.FakeChargerControl(coreAsked::add);
        thread.submit(() -> {
            Frames frames = new Frames();
            new ChangeAvailability(cp, transactions, frames, () -> core);
            new Reset(cp, transactions, keys, frames, new ExecutorTimers(thread), () -> core,
                    hard -> restarts.add((hard ? "hard" : "soft") + ", queued " + journal.size()));
            new UnlockConnector(cp, transactions, frames, () -> core, false, thread);
            new DataTransfer(cp, frames, () -> null);
            new AlignedMeterValues(cp, transactions, keys, frames, new ExecutorTimers(thread), Clock.systemUTC());
        }).get(5, TimeUnit.SECONDS);
        return cp;
    }

    private JsonNode callAndAwait(CentralSystem cs, String tag, String method, String params) throws Exception {
        cs.command("{\"cmd\":\"call\",\"tag\":\"" + tag + "\",\"method\":\"" + method + "\",\"params\":"
                + params + "}");
        return cs.awaitEvent(e -> is(e, "result") && tag.equals(e.path("tag").asText()), WITHIN);
    }

    @Test
    void changeAvailability_unlock_dataTransfer_reset_passTheCentralSystemsValidation() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600", "--tx-base", "60")) {
            startWithCoreProfile(cs, "CP-CORE", new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S));
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            thread.execute(() -> transactions.sessionStarted(1_765_000_000_000L, null));
            cs.awaitEvent(e -> is(e, "tx") && "StartTransaction".equals(e.get("action").asText()), WITHIN);
            assertEquals("Scheduled", callAndAwait(cs, "ca1", "ChangeAvailability",
                    "{\"connectorId\":1,\"type\":\"Inoperative\"}").at("/result/status").asText());
            assertEquals("Unlocked", callAndAwait(cs, "ul", "UnlockConnector", "{\"connectorId\":1}")
                    .at("/result/status").asText());
            JsonNode stop = cs.awaitEvent(e -> is(e, "tx") && "StopTransaction".equals(e.get("action").asText()),
                    WITHIN);
            assertEquals("UnlockCommand", stop.at("/params/reason").asText());
            assertEquals(List.of("outOfService=true", "unlockConnector"), coreAsked,
                    "the scheduled Inoperative applied when the transaction stopped, before the unlock");
            assertEquals("Rejected", callAndAwait(cs, "ca2", "ChangeAvailability",
                    "{\"connectorId\":3,\"type\":\"Operative\"}").at("/result/status").asText());
            assertEquals("Accepted", callAndAwait(cs, "ca3", "ChangeAvailability",
                    "{\"connectorId\":0,\"type\":\"Operative\"}").at("/result/status").asText());
            assertEquals("UnknownVendorId", callAndAwait(cs, "dt", "DataTransfer",
                    "{\"vendorId\":\"com.example\",\"data\":\"hello\"}").at("/result/status").asText());
            assertEquals("Accepted", callAndAwait(cs, "rs", "Reset", "{\"type\":\"Soft\"}")
                    .at("/result/status").asText());
            Awaitility.await().atMost(WITHIN).until(() -> !restarts.isEmpty());
            assertEquals(List.of("soft, queued 0"), restarts);
            assertTrue(cs.events().stream().noneMatch(e -> is(e, "strictValidationFailure")
                    || is(e, "badMessage")), cs.events().toString());
        }
    }

    @Test
    void resetDuringATransaction_theStopArrivesBeforeTheRestart() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600", "--tx-base", "70")) {
            startWithCoreProfile(cs, "CP-RESET", new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S));
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            thread.execute(() -> transactions.sessionStarted(1_765_000_000_000L, null));
            cs.awaitEvent(e -> is(e, "tx") && "StartTransaction".equals(e.get("action").asText()), WITHIN);
            assertEquals("Accepted", callAndAwait(cs, "rh", "Reset", "{\"type\":\"Hard\"}")
                    .at("/result/status").asText());
            JsonNode stop = cs.awaitEvent(e -> is(e, "tx") && "StopTransaction".equals(e.get("action").asText()),
                    WITHIN);
            assertEquals("HardReset", stop.at("/params/reason").asText());
            assertEquals(70, stop.at("/params/transactionId").asInt());
            Awaitility.await().atMost(WITHIN).until(() -> !restarts.isEmpty());
            assertEquals(List.of("hard, queued 0"), restarts, "restarted once the StopTransaction was answered");
            assertEquals(List.of("endCharge=HardReset"), coreAsked);
        }
    }

    @Test
    void clockAlignedValues_andTransactionData_passTheCentralSystemsValidation() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600", "--tx-base", "80")) {
            ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
            keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "1");
            startWithCoreProfile(cs, "CP-ALIGN", keys);
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            for (String[] kv : new String[][] {{"StopTxnSampledData", "Energy.Active.Import.Register"},
                    {"StopTxnAlignedData", "Energy.Active.Import.Register,Power.Active.Import"},
                    {"MeterValuesAlignedData", "Energy.Active.Import.Register,Power.Active.Import"},
                    {"ClockAlignedDataInterval", "1"}}) {
                assertEquals("Accepted", callAndAwait(cs, kv[0], "ChangeConfiguration",
                        "{\"key\":\"" + kv[0] + "\",\"value\":\"" + kv[1] + "\"}").at("/result/status").asText());
            }
            thread.execute(() -> transactions.sessionStarted(1_765_000_000_000L, null));
            cs.awaitEvent(e -> is(e, "tx") && "MeterValues".equals(e.get("action").asText())
                    && "Sample.Clock".equals(e.at("/params/meterValue/0/sampledValue/0/context").asText())
                    && e.at("/params/transactionId").asInt() == 80, WITHIN);
            cs.awaitEvent(e -> is(e, "tx") && "MeterValues".equals(e.get("action").asText())
                    && "Sample.Periodic".equals(e.at("/params/meterValue/0/sampledValue/0/context").asText()), WITHIN);
            thread.execute(() -> transactions.sessionStopped(1_765_000_000_000L, "VEHICLE_DISCONNECTED", 500));
            JsonNode stop = cs.awaitEvent(e -> is(e, "tx") && "StopTransaction".equals(e.get("action").asText()),
                    WITHIN);
            List<String> contexts = new ArrayList<>();
            stop.at("/params/transactionData").forEach(mv -> contexts.add(
                    mv.at("/sampledValue/0/context").asText()));
            assertEquals("Transaction.Begin", contexts.get(0), contexts.toString());
            assertEquals("Transaction.End", contexts.get(contexts.size() - 1), contexts.toString());
            assertTrue(contexts.contains("Sample.Clock") && contexts.contains("Sample.Periodic"), contexts.toString());
            assertTrue(cs.events().stream().noneMatch(e -> is(e, "strictValidationFailure")
                    || is(e, "badMessage")), cs.events().toString());
        }
    }

    @Test
    void aKeyTheCentralSystemChanged_isKeptAcrossARestartOfTheClient() throws Exception {
        Path file = dir.resolve("ocpp-configuration.properties");
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            start(cs.port, "CP-KEEP", 0, "", new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S, new KeyFile(file)));
            cs.awaitEvent(e -> is(e, "message") && e.get("message").asText().contains("\"StatusNotification\""),
                    WITHIN);
            assertEquals("Accepted", callAndAwait(cs, "set", "ChangeConfiguration",
                    "{\"key\":\"MeterValueSampleInterval\",\"value\":\"42\"}").at("/result/status").asText());
        }
        // the firmware restarts: a new client, the same data area
        ConfigurationKeys again = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S, new KeyFile(file));
        assertEquals(42, again.intValue(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL));
        assertEquals(3600, again.intValue(ConfigurationKeys.HEARTBEAT_INTERVAL), "the central system's interval too");
    }

    // ---- ocppmgmt (issue 17): Remote Trigger, Reservation, Firmware Management against the independent central
    // system; its --http-dir server stands for the firmware and diagnostics servers ----

    private final List<ManagementProfiles> managed = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The management profiles on the charge point {@link #start} made, on its thread. */
    private ManagementProfiles manage(ChargePoint cp, Path logs, org.infinergi.feature.update.api.BundleUpdates u)
            throws Exception {
        ManagementProfiles m = thread.submit(() -> new ManagementProfiles(cp, transactions, new Frames(),
                new ExecutorTimers(thread), Clock.systemUTC(), thread, dir.resolve("data"), logs, () -> u))
                .get(20, TimeUnit.SECONDS);
        managed.add(m);
        return m;
    }

    /** Their transfer thread ends with the test (OcppComponentTest counts the client's threads). */
    @AfterEach
    void closeManagement() {
        managed.forEach(ManagementProfiles::close);
    }

    private static void send(CentralSystem cs, String tag, String method, String params) throws Exception {
        cs.command("{\"cmd\":\"call\",\"tag\":\"" + tag + "\",\"method\":\"" + method + "\",\"params\":" + params
                + "}");
    }

    private static JsonNode result(CentralSystem cs, String tag) {
        return cs.awaitEvent(e -> is(e, "result") && tag.equals(e.path("tag").asText()), WITHIN);
    }

    private static void noValidationFailure(CentralSystem cs) {
        assertTrue(cs.events().stream().noneMatch(e -> is(e, "strictValidationFailure") || is(e, "badMessage")),
                cs.events().toString());
    }

    @Test
    void triggerMessage_everyMessage_isAcceptedAndSent_andPassesTheCentralSystemsValidation() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            ChargePoint cp = start(cs.port, "CP-TRIGGER", 0, "", new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S));
            manage(cp, null, null);
            cs.awaitEvent(e -> is(e, "status") && e.get("connectorId").asInt() == 1, WITHIN);
            String[][] asks = {{"BootNotification", "{}"}, {"Heartbeat", "{}"}, {"MeterValues", ",\"connectorId\":1"},
                    {"StatusNotification", ",\"connectorId\":1"}, {"StatusNotification", ",\"connectorId\":0"},
                    {"StatusNotification", ""}, {"FirmwareStatusNotification", ""},
                    {"DiagnosticsStatusNotification", ""}};
            for (int i = 0; i < asks.length; i++) {
                String action = asks[i][0];
                long before = count(cs, action);
                String extra = asks[i][1].equals("{}") ? "" : asks[i][1];
                send(cs, "t" + i, "TriggerMessage", "{\"requestedMessage\":\"" + action + "\"" + extra + "}");
                assertEquals("Accepted", result(cs, "t" + i).get("result").get("status").asText(), action);
                long expected = before + ("StatusNotification".equals(action) && extra.isEmpty() ? 2 : 1);
                Awaitility.await().atMost(WITHIN).until(() -> count(cs, action) >= expected);
            }
            assertEquals("Idle", cs.awaitEvent(e -> is(e, "firmwareStatus"), WITHIN).get("status").asText());
            assertEquals("Idle", cs.awaitEvent(e -> is(e, "diagnosticsStatus"), WITHIN).get("status").asText());
            send(cs, "bad", "TriggerMessage", "{\"requestedMessage\":\"Heartbeat\",\"connectorId\":3}");
            assertEquals("Rejected", result(cs, "bad").get("result").get("status").asText());
            noValidationFailure(cs);
        }
    }

    @Test
    void reserveNow_showsReserved_anotherIsOccupied_cancelShowsAvailable() throws Exception {
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600")) {
            ChargePoint cp = start(cs.port, "CP-RESERVE", 0, "", new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S));
            manage(cp, null, null);
            cs.awaitEvent(e -> is(e, "status") && e.get("connectorId").asInt() == 1, WITHIN);
            String expiry = java.time.Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString();
            send(cs, "r1", "ReserveNow", "{\"connectorId\":1,\"expiryDate\":\"" + expiry
                    + "\",\"idTag\":\"CARD-A\",\"reservationId\":5}");
            assertEquals("Accepted", result(cs, "r1").get("result").get("status").asText());
            cs.awaitEvent(e -> is(e, "status") && e.get("connectorId").asInt() == 1
                    && "Reserved".equals(e.get("status").asText()), WITHIN);
            send(cs, "r2", "ReserveNow", "{\"connectorId\":1,\"expiryDate\":\"" + expiry
                    + "\",\"idTag\":\"CARD-B\",\"reservationId\":6}");
            assertEquals("Occupied", result(cs, "r2").get("result").get("status").asText());
            send(cs, "r0", "ReserveNow", "{\"connectorId\":0,\"expiryDate\":\"" + expiry
                    + "\",\"idTag\":\"CARD-B\",\"reservationId\":6}");
            assertEquals("Rejected", result(cs, "r0").get("result").get("status").asText());
            send(cs, "c1", "CancelReservation", "{\"reservationId\":5}");
            assertEquals("Accepted", result(cs, "c1").get("result").get("status").asText());
            Awaitility.await().atMost(WITHIN).until(() -> cs.events().stream().filter(e -> is(e, "status")
                    && e.get("connectorId").asInt() == 1).reduce((a, b) -> b).map(e -> e.get("status").asText())
                    .orElse("").equals("Available"));
            send(cs, "get", "GetConfiguration", "{\"key\":[\"SupportedFeatureProfiles\",\"ReserveConnectorZeroSupported\"]}");
            String keys = result(cs, "get").get("result").toString();
            assertTrue(keys.contains("Reservation") && keys.contains("RemoteTrigger") && keys.contains("FirmwareManagement"),
                    keys);
            noValidationFailure(cs);
        }
    }

    @Test
    void updateFirmware_downloadsFromTheCentralSystemsServer_handsTheFileOver_andReportsInstalled() throws Exception {
        Path served = java.nio.file.Files.createDirectories(dir.resolve("served"));
        byte[] jar = "the firmware bundle's bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Files.write(served.resolve("infinergi-fw.jar"), jar);
        List<byte[]> submitted = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.infinergi.feature.update.api.BundleUpdates updater = new org.infinergi.feature.update.api.BundleUpdates() {
            @Override
            public org.infinergi.feature.update.api.UpdateProgress submit(Path file) throws java.io.IOException {
                submitted.add(java.nio.file.Files.readAllBytes(file));
                return progress();
            }

            @Override
            public org.infinergi.feature.update.api.UpdateProgress progress() {
                return new org.infinergi.feature.update.api.UpdateProgress(
                        org.infinergi.feature.update.api.UpdateProgress.Stage.DONE, "b", "1.1.0", "done");
            }
        };
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600", "--http-dir", served.toString())) {
            int http = cs.awaitEvent(e -> is(e, "http"), WITHIN).get("port").asInt();
            ChargePoint cp = start(cs.port, "CP-FW", 0, "", new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S));
            manage(cp, null, updater);
            cs.awaitEvent(e -> is(e, "status") && e.get("connectorId").asInt() == 1, WITHIN);
            send(cs, "fw", "UpdateFirmware", "{\"location\":\"http://127.0.0.1:" + http
                    + "/infinergi-fw.jar\",\"retrieveDate\":\"2020-01-01T00:00:00Z\",\"retries\":1}");
            assertEquals("{}", result(cs, "fw").get("result").toString());
            cs.awaitEvent(e -> is(e, "firmwareStatus") && "Installed".equals(e.get("status").asText()), WITHIN);
            List<String> told = cs.events().stream().filter(e -> is(e, "firmwareStatus"))
                    .map(e -> e.get("status").asText()).toList();
            assertEquals(List.of("Downloading", "Downloaded", "Installing", "Installed"), told);
            assertEquals(1, submitted.size());
            assertTrue(java.util.Arrays.equals(jar, submitted.get(0)), "the served file, byte for byte");
            noValidationFailure(cs);
        }
    }

    @Test
    void getDiagnostics_postsTheZippedLogsToTheCentralSystemsServer() throws Exception {
        Path logs = java.nio.file.Files.createDirectories(dir.resolve("log"));
        java.nio.file.Files.writeString(logs.resolve("karaf.log"), "INFO a line of the charger's log\n");
        try (CentralSystem cs = new CentralSystem("--heartbeat", "3600", "--http-dir", dir.toString())) {
            int http = cs.awaitEvent(e -> is(e, "http"), WITHIN).get("port").asInt();
            ChargePoint cp = start(cs.port, "CP-DIAG", 0, "", new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S));
            manage(cp, logs, null);
            cs.awaitEvent(e -> is(e, "status") && e.get("connectorId").asInt() == 1, WITHIN);
            send(cs, "diag", "GetDiagnostics", "{\"location\":\"http://127.0.0.1:" + http + "/diagnostics/CP-DIAG\"}");
            String fileName = result(cs, "diag").get("result").get("fileName").asText();
            assertTrue(fileName.endsWith(".zip"), fileName);
            JsonNode upload = cs.awaitEvent(e -> is(e, "upload"), WITHIN);
            assertEquals("/diagnostics/CP-DIAG", upload.get("path").asText());
            assertEquals("application/zip", upload.get("contentType").asText());
            assertTrue(upload.get("disposition").asText().contains(fileName));
            assertTrue(upload.get("bytes").asInt() > 0);
            cs.awaitEvent(e -> is(e, "diagnosticsStatus") && "Uploaded".equals(e.get("status").asText()), WITHIN);
            assertEquals(List.of("Uploading", "Uploaded"), cs.events().stream().filter(e -> is(e, "diagnosticsStatus"))
                    .map(e -> e.get("status").asText()).toList());
            noValidationFailure(cs);
        }
    }
    // ---- end ocppmgmt ----
}
