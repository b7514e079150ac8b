package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.infinergi.core.charging.api.ChargerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TransactionsTest {

    private static final OcppSchemas SCHEMAS = OcppSchemas.load();
    private static final String SERIAL = "21/000-000001-ABCDEFGH";
    private static final long SESSION = 1_765_000_000_000L;
    private final ObjectMapper json = new ObjectMapper();
    private final ManualTimers timers = new ManualTimers();
    private final List<String> sent = new ArrayList<>();
    private final ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;

    /** The charger's meter and core as the test sets them. */
    private double registerWh = 12_345;
    private double sessionEnergyWh;
    private final List<String> authorized = new ArrayList<>();
    private int pauses;

    private ChargePoint cp;
    private Transactions tx;

    private void build(Transactions.Mode mode, TransactionJournal journal) {
        cp = new ChargePoint(new Frames(), SCHEMAS, new BootInfo("SEMAR", "INFINERGI-3T-DR", SERIAL, "0.1.0"), keys,
                timers, clock);
        tx = new Transactions(cp, journal, new Frames(), keys, timers, clock, new Transactions.ChargerMeter() {
            @Override
            public OptionalDouble registerWh() {
                return OptionalDouble.of(registerWh);
            }

            @Override
            public OptionalDouble powerW() {
                return OptionalDouble.of(7400);
            }

            @Override
            public double sessionEnergyWh() {
                return sessionEnergyWh;
            }
        }, new Transactions.Control() {
            @Override
            public boolean authorize(String idTag) {
                authorized.add(idTag);
                return true;
            }

            @Override
            public boolean stopCharging() {
                pauses++;
                return true;
            }

            @Override
            public boolean present() {
                return true;
            }
        }, mode, Transactions.defaultStaticIdTag("", SERIAL));
        cp.statusChanged(new ConnectorStatus.Input(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0, null, null));
    }

    private void build(Transactions.Mode mode) {
        build(mode, TransactionJournal.inMemory());
    }

    private JsonNode last() throws Exception {
        return json.readTree(sent.get(sent.size() - 1));
    }

    private String lastAction() throws Exception {
        JsonNode l = last();
        return l.get(0).asInt() == 2 ? l.get(2).asText() : "answer";
    }

    private void answerLast(String payload) throws Exception {
        cp.received("[3,\"" + last().get(1).asText() + "\"," + payload + "]");
    }

    /** Connects, boot accepted, the StatusNotifications answered: what comes next is up to the test. */
    private void connect() throws Exception {
        cp.connected(sent::add);
        answerLast("{\"status\":\"Accepted\",\"currentTime\":\"2026-12-07T12:00:00Z\",\"interval\":86400}");
        java.util.Set<String> answered = new java.util.HashSet<>();
        while (last().get(0).asInt() == 2 && "StatusNotification".equals(last().get(2).asText())
                && answered.add(last().get(1).asText())) {
            answerLast("{}");
        }
    }

    private List<JsonNode> calls(String action) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String s : sent) {
            JsonNode n = json.readTree(s);
            if (n.get(0).asInt() == 2 && action.equals(n.get(2).asText())) {
                out.add(n.get(3));
            }
        }
        return out;
    }

    private void answerStart(int transactionId) throws Exception {
        assertEquals("StartTransaction", lastAction());
        answerLast("{\"transactionId\":" + transactionId + ",\"idTagInfo\":{\"status\":\"Accepted\"}}");
    }

    private JsonNode ask(String action, String payload) throws Exception {
        int before = sent.size();
        cp.received("[2,\"cs-1\",\"" + action + "\"," + payload + "]");
        assertTrue(sent.size() > before, "an answer to " + action);
        for (int i = before; i < sent.size(); i++) {
            JsonNode n = json.readTree(sent.get(i));
            if (n.get(0).asInt() == 3 && "cs-1".equals(n.get(1).asText())) {
                return n.get(2);
            }
        }
        throw new AssertionError("no answer to " + action + ": " + sent.subList(before, sent.size()));
    }

    @Test
    void theStaticIdTag_defaultsToTheLast19CharactersOfTheSerial() {
        assertEquals("00-000001-ABCDEFGH", Transactions.defaultStaticIdTag("", SERIAL).substring(1));
        assertEquals(19, Transactions.defaultStaticIdTag(null, SERIAL).length());
        assertEquals("21/1", Transactions.defaultStaticIdTag(" ", "21/1"));
        assertEquals("MY-TAG", Transactions.defaultStaticIdTag(" MY-TAG ", SERIAL));
    }

    @Test
    void disabled_startsAtThePlugIn_withTheStaticIdTag_andStopsWithEVDisconnected() throws Exception {
        build(Transactions.Mode.DISABLED);
        connect();
        tx.sessionStarted(SESSION, null);
        assertTrue(calls("Authorize").isEmpty(), "no authorization in the Disabled mode");
        JsonNode start = last().get(3);
        assertEquals("StartTransaction", lastAction());
        assertEquals(SERIAL.substring(SERIAL.length() - 19), start.get("idTag").asText());
        assertEquals(12_345, start.get("meterStart").asInt(), "the vehicle meter's register");
        assertEquals(1, start.get("connectorId").asInt());
        answerStart(42);
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 2_000.4);
        JsonNode stop = last().get(3);
        assertEquals("StopTransaction", lastAction());
        assertEquals(42, stop.get("transactionId").asInt());
        assertEquals("EVDisconnected", stop.get("reason").asText());
        assertEquals(14_345, stop.get("meterStop").asInt(), "meterStart + the session's energy");
        answerLast("{}");
        assertTrue(tx.current().isEmpty());
    }

    @Test
    void theIdTagTheSessionWasAuthorizedWith_isTheTransactionsTag() throws Exception {
        build(Transactions.Mode.DISABLED);
        connect();
        tx.sessionStarted(SESSION, "04A1B2C3");
        assertEquals("04A1B2C3", last().get(3).get("idTag").asText());
    }

    @Test
    void staticIdTag_authorizesFirst_thenStarts() throws Exception {
        build(Transactions.Mode.STATIC_ID_TAG);
        connect();
        tx.sessionStarted(SESSION, null);
        assertEquals("Authorize", lastAction());
        String tag = Transactions.defaultStaticIdTag("", SERIAL);
        assertEquals(tag, last().get(3).get("idTag").asText());
        assertTrue(calls("StartTransaction").isEmpty(), "not before the central system accepted the tag");
        answerLast("{\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertEquals("StartTransaction", lastAction());
        assertEquals(tag, last().get(3).get("idTag").asText());
    }

    @Test
    void staticIdTag_refused_startsNoTransaction() throws Exception {
        build(Transactions.Mode.STATIC_ID_TAG);
        connect();
        tx.sessionStarted(SESSION, null);
        answerLast("{\"idTagInfo\":{\"status\":\"Blocked\"}}");
        assertTrue(calls("StartTransaction").isEmpty());
        assertTrue(tx.current().isEmpty());
    }

    @Test
    void staticIdTag_offline_startsAnOfflineTransaction_thatGetsItsIdOnceConnected() throws Exception {
        build(Transactions.Mode.STATIC_ID_TAG);
        tx.sessionStarted(SESSION, null);
        assertTrue(sent.isEmpty(), "nothing goes while offline");
        sessionEnergyWh = 500;
        timers.advance(Duration.ofSeconds(60));
        connect();
        answerStart(77);
        assertEquals("MeterValues", lastAction(), "the sample taken offline follows, after its start");
        assertEquals(77, last().get(3).get("transactionId").asInt(), "with the real id");
        answerLast("{}");
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 600);
        assertEquals(77, last().get(3).get("transactionId").asInt());
    }

    @Test
    void rfid_waitsForTheCard_andStartsWithIt() throws Exception {
        build(Transactions.Mode.RFID);
        connect();
        int before = sent.size();
        tx.sessionStarted(SESSION, null);
        assertEquals(before, sent.size(), "no transaction without a card");
        tx.cardAccepted("04A1B2C3D4");
        assertEquals("StartTransaction", lastAction());
        assertEquals("04A1B2C3D4", last().get(3).get("idTag").asText());
    }

    @Test
    void meterValues_everySampleInterval_carryTheTransactionIdTheEnergyAndThePower() throws Exception {
        build(Transactions.Mode.DISABLED);
        keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "30");
        keys.change(ConfigurationKeys.METER_VALUES_SAMPLED_DATA, "Energy.Active.Import.Register,Power.Active.Import");
        connect();
        tx.sessionStarted(SESSION, null);
        answerStart(5);
        sessionEnergyWh = 61.6;
        timers.advance(Duration.ofSeconds(29));
        assertTrue(calls("MeterValues").isEmpty());
        timers.advance(Duration.ofSeconds(1));
        JsonNode mv = last().get(3);
        assertEquals("MeterValues", lastAction());
        assertEquals(5, mv.get("transactionId").asInt());
        JsonNode values = mv.at("/meterValue/0/sampledValue");
        assertEquals("12407", values.get(0).get("value").asText(), "meterStart + the session's energy");
        assertEquals("Energy.Active.Import.Register", values.get(0).get("measurand").asText());
        assertEquals("Wh", values.get(0).get("unit").asText());
        assertEquals("7400", values.get(1).get("value").asText());
        answerLast("{}");
        timers.advance(Duration.ofSeconds(30));
        assertEquals(2, calls("MeterValues").size());
        answerLast("{}");
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 70);
        answerLast("{}");
        timers.advance(Duration.ofSeconds(120));
        assertEquals(2, calls("MeterValues").size(), "no samples after the stop");
    }

    @Test
    void aMessageInFlight_whenTheConnectionIsLost_isSentOnceAgain_afterTheNewBoot() throws Exception {
        build(Transactions.Mode.DISABLED);
        connect();
        tx.sessionStarted(SESSION, null);
        assertEquals("StartTransaction", lastAction());
        cp.disconnected();
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 10);
        connect();
        answerStart(9);
        assertEquals("StopTransaction", lastAction());
        assertEquals(9, last().get(3).get("transactionId").asInt());
        answerLast("{}");
        assertEquals(2, calls("StartTransaction").size(), "sent, lost with the link, sent again");
        assertEquals(1, calls("StopTransaction").size());
        int before = sent.size();
        timers.advance(Duration.ofMinutes(10));
        assertTrue(calls("StartTransaction").size() == 2 && calls("StopTransaction").size() == 1,
                "nothing more: " + sent.subList(before, sent.size()));
    }

    @Test
    void aRefusedTransactionMessage_isTriedAgainAfterTheRetryInterval_thenGivenUp() throws Exception {
        build(Transactions.Mode.DISABLED);
        connect();
        tx.sessionStarted(SESSION, null);
        answerStart(3);
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 10);
        String id = last().get(1).asText();
        cp.received("[4,\"" + id + "\",\"InternalError\",\"busy\",{}]");
        assertEquals(1, calls("StopTransaction").size());
        timers.advance(Duration.ofSeconds(59));
        assertEquals(1, calls("StopTransaction").size());
        timers.advance(Duration.ofSeconds(1));
        assertEquals(2, calls("StopTransaction").size(), "again after TransactionMessageRetryInterval");
        cp.received("[4,\"" + last().get(1).asText() + "\",\"InternalError\",\"busy\",{}]");
        timers.advance(Duration.ofSeconds(119));
        assertEquals(2, calls("StopTransaction").size());
        timers.advance(Duration.ofSeconds(1));
        assertEquals(3, calls("StopTransaction").size(), "the wait grows with the attempts");
        cp.received("[4,\"" + last().get(1).asText() + "\",\"InternalError\",\"busy\",{}]");
        timers.advance(Duration.ofMinutes(30));
        assertEquals(3, calls("StopTransaction").size(), "given up after TransactionMessageAttempts = 3");
    }

    @Test
    void afterARestart_theOpenTransactionGoesOn_withItsId_andTheQueuedMessagesGoFirst() throws Exception {
        Path file = dir.resolve("journal");
        build(Transactions.Mode.DISABLED, TransactionJournal.open(file));
        connect();
        tx.sessionStarted(SESSION, null);
        answerStart(11);
        sessionEnergyWh = 100;
        timers.advance(Duration.ofSeconds(60));
        assertEquals("MeterValues", lastAction());
        // kill -9 now: the MeterValues was sent, not answered
        sent.clear();
        build(Transactions.Mode.DISABLED, TransactionJournal.open(file));
        assertTrue(tx.current().isPresent(), "the transaction is still open");
        connect();
        assertEquals("MeterValues", lastAction(), "the unanswered message goes again");
        assertEquals(11, last().get(3).get("transactionId").asInt());
        answerLast("{}");
        tx.sessionStarted(SESSION, null);
        assertTrue(calls("StartTransaction").isEmpty(), "the core's session goes on: no second start");
        tx.sessionStopped(SESSION, "POWER_LOSS", 150);
        assertEquals("StopTransaction", lastAction());
        assertEquals(11, last().get(3).get("transactionId").asInt());
        assertEquals("PowerLoss", last().get(3).get("reason").asText());
        assertEquals(12_495, last().get(3).get("meterStop").asInt());
    }

    @Test
    void afterAReset_theSessionTheCoreResumes_getsANewTransaction_withTheStaticIdTag() throws Exception {
        Path file = dir.resolve("journal");
        // the session began at this very millisecond: the new transaction's key must not take the session's own
        long session = clock.millis();
        build(Transactions.Mode.DISABLED, TransactionJournal.open(file));
        connect();
        tx.sessionStarted(session, null);
        answerStart(11);
        assertTrue(tx.stopTransaction("SoftReset"));
        assertEquals("StopTransaction", lastAction());
        // the restart of the Reset, the StopTransaction sent but not answered; the vehicle is still connected
        sent.clear();
        build(Transactions.Mode.DISABLED, TransactionJournal.open(file));
        assertTrue(tx.current().isEmpty(), "the Reset stopped the transaction");
        tx.sessionGoesOn();
        connect();
        assertEquals("StopTransaction", lastAction(), "the stop of the Reset goes first");
        assertEquals(11, last().get(3).get("transactionId").asInt());
        assertEquals("SoftReset", last().get(3).get("reason").asText());
        answerLast("{}");
        assertEquals("StartTransaction", lastAction(), "the resumed session gets a transaction");
        assertEquals(Transactions.defaultStaticIdTag("", SERIAL), last().get(3).get("idTag").asText());
        assertTrue(calls("Authorize").isEmpty());
        answerStart(12);
        assertEquals(12, tx.currentTransactionId().orElseThrow());
        assertTrue(tx.current().orElseThrow().txKey() > session,
                "a key of its own, after the session's (which named the stopped transaction)");
        tx.sessionGoesOn();
        assertEquals(1, calls("StartTransaction").size(), "one transaction for the session");
        // one more restart: the new transaction goes on, and the session's unplug stops it
        sent.clear();
        build(Transactions.Mode.DISABLED, TransactionJournal.open(file));
        assertEquals(12, tx.currentTransactionId().orElseThrow());
        tx.sessionGoesOn();
        connect();
        assertTrue(calls("StartTransaction").isEmpty(), "its transaction goes on: no second start");
        tx.sessionStopped(session, "VEHICLE_DISCONNECTED", 300);
        assertEquals("StopTransaction", lastAction());
        assertEquals(12, last().get(3).get("transactionId").asInt());
        assertEquals("EVDisconnected", last().get(3).get("reason").asText());
        assertTrue(tx.current().isEmpty());
    }

    @Test
    void afterARestart_staticIdTag_authorizesOnceAccepted_thenStartsTheResumedSessionsTransaction() throws Exception {
        build(Transactions.Mode.STATIC_ID_TAG);
        tx.sessionGoesOn();
        assertTrue(tx.current().isEmpty(), "not an offline start before the central system could be asked");
        connect();
        timers.advance(Duration.ZERO);
        assertEquals("Authorize", lastAction());
        String tag = Transactions.defaultStaticIdTag("", SERIAL);
        assertEquals(tag, last().get(3).get("idTag").asText());
        answerLast("{\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertEquals("StartTransaction", lastAction());
        assertEquals(tag, last().get(3).get("idTag").asText());
        answerStart(31);
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 10);
        assertEquals("StopTransaction", lastAction());
        assertEquals(31, last().get(3).get("transactionId").asInt());
    }

    @Test
    void afterARestart_rfid_theResumedSessionsTransaction_waitsForTheCard() throws Exception {
        build(Transactions.Mode.RFID);
        tx.sessionGoesOn();
        connect();
        timers.advance(Duration.ZERO);
        assertTrue(calls("StartTransaction").isEmpty(), "no transaction without a card");
        tx.cardAccepted("CARD-7");
        assertEquals("StartTransaction", lastAction());
        assertEquals("CARD-7", last().get(3).get("idTag").asText());
    }

    @Test
    void remoteStart_isAccepted_withoutATransaction_andStartsOneAtThePlugIn_rejectedWhileOneIsOpen()
            throws Exception {
        build(Transactions.Mode.RFID);
        connect();
        assertEquals("Accepted", ask("RemoteStartTransaction", "{\"idTag\":\"REMOTE-1\"}").get("status").asText());
        assertEquals(List.of("REMOTE-1"), authorized, "the core takes the id tag as the authorization");
        tx.sessionStarted(SESSION, null);
        assertEquals("StartTransaction", lastAction());
        assertEquals("REMOTE-1", last().get(3).get("idTag").asText());
        answerStart(21);
        assertEquals("Rejected", ask("RemoteStartTransaction", "{\"idTag\":\"REMOTE-2\"}").get("status").asText());
        assertEquals("Rejected", ask("RemoteStartTransaction", "{\"connectorId\":2,\"idTag\":\"REMOTE-2\"}")
                .get("status").asText());
    }

    @Test
    void remoteStart_withTheVehicleWaiting_startsAtOnce() throws Exception {
        build(Transactions.Mode.RFID);
        connect();
        tx.sessionStarted(SESSION, null);
        assertEquals("Accepted", ask("RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"REMOTE-1\"}")
                .get("status").asText());
        assertEquals(1, calls("StartTransaction").size());
    }

    @Test
    void remoteStart_expiresAfterConnectionTimeOut() throws Exception {
        build(Transactions.Mode.RFID);
        connect();
        ask("RemoteStartTransaction", "{\"idTag\":\"REMOTE-1\"}");
        timers.advance(Duration.ofSeconds(60));
        tx.sessionStarted(SESSION, null);
        assertTrue(calls("StartTransaction").isEmpty());
    }

    @Test
    void remoteStop_ofTheOpenTransaction_stopsItWithReasonRemote_andStopsTheEnergy() throws Exception {
        build(Transactions.Mode.DISABLED);
        connect();
        tx.sessionStarted(SESSION, null);
        answerStart(31);
        assertEquals("Rejected", ask("RemoteStopTransaction", "{\"transactionId\":30}").get("status").asText());
        assertEquals(0, pauses);
        sessionEnergyWh = 80;
        assertEquals("Accepted", ask("RemoteStopTransaction", "{\"transactionId\":31}").get("status").asText());
        assertEquals(1, pauses);
        List<JsonNode> stops = calls("StopTransaction");
        assertEquals(1, stops.size());
        assertEquals("Remote", stops.get(0).get("reason").asText());
        assertEquals(31, stops.get(0).get("transactionId").asInt());
        assertEquals(12_425, stops.get(0).get("meterStop").asInt());
        answerLast("{}");
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 80);
        assertEquals(1, calls("StopTransaction").size(), "the unplug stops no transaction twice");
        assertEquals("Rejected", ask("RemoteStopTransaction", "{\"transactionId\":31}").get("status").asText());
    }

    @Test
    void aTransactionLeftOpen_isStoppedBeforeTheNextSessionStarts() throws Exception {
        build(Transactions.Mode.DISABLED);
        connect();
        tx.sessionStarted(SESSION, null);
        answerStart(1);
        tx.sessionStarted(SESSION + 60_000, null);
        assertEquals(1, calls("StopTransaction").size());
        assertEquals("Other", calls("StopTransaction").get(0).get("reason").asText());
        answerLast("{}");
        assertEquals(2, calls("StartTransaction").size());
        assertFalse(tx.current().isEmpty());
    }

    @Test
    void stopReasons_followTheCoresEndReasons() {
        assertEquals("EVDisconnected", Transactions.stopReasonOf("VEHICLE_DISCONNECTED"));
        assertEquals("PowerLoss", Transactions.stopReasonOf("POWER_LOSS"));
        assertEquals("Reboot", Transactions.stopReasonOf("CHARGER_STOPPED"));
        assertEquals("Other", Transactions.stopReasonOf("SOMETHING_ELSE"));
    }

    @Test
    void aSessionTheCoreEndedBeforeThisClientStarted_stopsItsTransactionWithTheStoredEnd() throws Exception {
        Path file = dir.resolve("journal");
        build(Transactions.Mode.DISABLED, TransactionJournal.open(file));
        connect();
        tx.sessionStarted(SESSION, null);
        answerStart(12);
        // kill -9; at the next start the core stores the session as POWER_LOSS before this client listens
        sent.clear();
        build(Transactions.Mode.DISABLED, TransactionJournal.open(file));
        tx.closeEndedSessions(key -> key == SESSION ? java.util.Optional.of(new Transactions.Ended("POWER_LOSS", 321))
                : java.util.Optional.empty());
        assertTrue(tx.current().isEmpty());
        connect();
        JsonNode stop = last().get(3);
        assertEquals("StopTransaction", lastAction());
        assertEquals(12, stop.get("transactionId").asInt());
        assertEquals("PowerLoss", stop.get("reason").asText());
        assertEquals(12_666, stop.get("meterStop").asInt());
    }

    @Test
    void aCard_isAuthorizedByTheCentralSystem_offlineOrLostItIsNotReached() throws Exception {
        build(Transactions.Mode.RFID);
        CardAuthorization cards = new CardAuthorization(cp, new Frames(), keys,
                new LocalAuthorization(keys, new Frames(), null), clock);
        List<String> statuses = new ArrayList<>();
        cards.authorize("04A1B2C3", a -> statuses.add(a.status()));
        assertEquals(java.util.Collections.singletonList(null), statuses, "offline: not reached, at once");
        connect();
        cards.authorize("04A1B2C3", a -> statuses.add(a.status()));
        assertEquals("Authorize", lastAction());
        assertEquals("04A1B2C3", last().get(3).get("idTag").asText());
        answerLast("{\"idTagInfo\":{\"status\":\"Blocked\"}}");
        assertEquals("Blocked", statuses.get(1));
        cards.authorize("04A1B2C4", a -> statuses.add(a.status()));
        cp.disconnected();
        assertEquals(3, statuses.size());
        assertEquals(null, statuses.get(2), "the connection went: not reached");
    }
}
