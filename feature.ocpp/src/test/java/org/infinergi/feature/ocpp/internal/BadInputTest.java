package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.infinergi.core.charging.api.ChargerState;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 17's Bad-input list, the cases the framing tests do not cover: a CALLRESULT/CALLERROR for an id we never
 * used, and a central system that never answers. In each the charger's own decisions stand (nothing asks the core
 * to stop, authorize or pause) and no transaction message is lost or doubled.
 */
class BadInputTest {

    private static final OcppSchemas SCHEMAS = OcppSchemas.load();
    private static final String SERIAL = "21/000-000001";
    private static final long SESSION = 1_765_000_000_000L;
    private final ObjectMapper json = new ObjectMapper();
    private final ManualTimers timers = new ManualTimers();
    private final List<String> sent = new ArrayList<>();
    private final ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    /** Every call the client made on the core: none is expected. */
    private final List<String> coreCalls = new ArrayList<>();
    private final TransactionJournal journal = TransactionJournal.inMemory();
    private double sessionEnergyWh;
    private ChargePoint cp;
    private Transactions tx;

    BadInputTest() {
        cp = new ChargePoint(new Frames(), SCHEMAS, new BootInfo("SEMAR", "INFINERGI-3T-DR", SERIAL, "0.1.0"), keys,
                timers, clock);
        tx = new Transactions(cp, journal, new Frames(), keys, timers, clock, new Transactions.ChargerMeter() {
            @Override
            public OptionalDouble registerWh() {
                return OptionalDouble.of(1_000);
            }

            @Override
            public OptionalDouble powerW() {
                return OptionalDouble.of(11_000);
            }

            @Override
            public double sessionEnergyWh() {
                return sessionEnergyWh;
            }
        }, new Transactions.Control() {
            @Override
            public boolean authorize(String idTag) {
                coreCalls.add("authorize " + idTag);
                return true;
            }

            @Override
            public boolean stopCharging() {
                coreCalls.add("stopCharging");
                return true;
            }

            @Override
            public boolean present() {
                return true;
            }
        }, Transactions.Mode.DISABLED, Transactions.defaultStaticIdTag("", SERIAL));
        cp.statusChanged(new ConnectorStatus.Input(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0, null, null));
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

    @Test
    void aResultAndAnErrorForAnUnknownId_duringATransaction_changeNothing_andLoseNothing() throws Exception {
        keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "0");
        connect();
        tx.sessionStarted(SESSION, null);
        assertEquals("StartTransaction", lastAction());
        String startId = last().get(1).asText();
        int before = sent.size();
        // answers to calls we never made, while our StartTransaction waits for its own answer
        cp.received("[3,\"not-ours-1\",{\"transactionId\":999,\"idTagInfo\":{\"status\":\"Blocked\"}}]");
        cp.received("[4,\"not-ours-2\",\"InternalError\",\"\",{}]");
        cp.received("[3,\"not-ours-3\",\"not even an object\"]");
        assertEquals(before, sent.size(), "nothing answered, nothing sent again");
        assertEquals(ChargePoint.Registration.ACCEPTED, cp.registration());
        cp.received("[3,\"" + startId + "\",{\"transactionId\":5,\"idTagInfo\":{\"status\":\"Accepted\"}}]");
        sessionEnergyWh = 700;
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", sessionEnergyWh);
        assertEquals("StopTransaction", lastAction());
        assertEquals(5, last().get(3).get("transactionId").asInt(), "the id of our start's own answer, not 999");
        assertEquals(1_700, last().get(3).get("meterStop").asInt());
        answerLast("{}");
        assertEquals(1, calls("StartTransaction").size());
        assertEquals(1, calls("StopTransaction").size());
        assertEquals(0, journal.size());
        assertEquals(List.of(), coreCalls, "the charge is the charger's decision");
    }

    @Test
    void aCentralSystemThatNeverAnswers_isTriedAgainBounded_theChargeGoesOn_andTheQueueArrivesWholeLater()
            throws Exception {
        keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "60");
        connect();
        tx.sessionStarted(SESSION, null);
        assertEquals("StartTransaction", lastAction());
        // silence: no answer within the call timeout counts as an attempt, tried again after the retry interval
        timers.advance(Duration.ofSeconds(30 + 60));
        assertEquals(2, calls("StartTransaction").size(), "tried again after no answer + the retry interval");
        assertTrue(calls("MeterValues").isEmpty(), "one message at a time, in order: the samples wait behind");
        sessionEnergyWh = 300;
        timers.advance(Duration.ofSeconds(20));
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", sessionEnergyWh);
        int queued = journal.size();
        assertTrue(queued >= 3, "start, samples and stop wait in the journal: " + queued);
        assertEquals(List.of(), coreCalls, "the charge was the charger's own decision throughout");
        // the link is found dead (pings) and made again to a central system that answers
        cp.disconnected();
        connect();
        List<String> order = new ArrayList<>();
        int transactionId = 77;
        while (last().get(0).asInt() == 2 && List.of("StartTransaction", "MeterValues", "StopTransaction")
                .contains(lastAction())) {
            String action = lastAction();
            order.add(action);
            if (!"StartTransaction".equals(action)) {
                assertEquals(transactionId, last().get(3).get("transactionId").asInt(), last().toString());
            }
            answerLast("StartTransaction".equals(action)
                    ? "{\"transactionId\":" + transactionId + ",\"idTagInfo\":{\"status\":\"Accepted\"}}" : "{}");
            if ("StopTransaction".equals(action)) {
                break;
            }
        }
        assertEquals("StartTransaction", order.get(0), order.toString());
        assertEquals("StopTransaction", order.get(order.size() - 1), order.toString());
        assertEquals(queued, order.size(), "every queued message once: " + order);
        assertEquals(0, journal.size());
        assertEquals(List.of(), coreCalls);
    }
}
