package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.infinergi.core.charging.api.ChargerState;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ChargePointTest {

    private static final OcppSchemas SCHEMAS = OcppSchemas.load();
    private final ObjectMapper json = new ObjectMapper();
    private final ManualTimers timers = new ManualTimers();
    private final List<String> sent = new ArrayList<>();
    private final ChargePoint cp = new ChargePoint(new Frames(), SCHEMAS,
            new BootInfo("SEMAR", "INFINERGI-3T-DR", "21/000-000001", "0.1.0"),
            new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S), timers,
            Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC));

    private static final ConnectorStatus.Input AVAILABLE =
            new ConnectorStatus.Input(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0, null, null);
    private static final ConnectorStatus.Input CHARGING =
            new ConnectorStatus.Input(ChargerState.CHARGING, "C", true, 16, null, null);

    private JsonNode last() throws Exception {
        return json.readTree(sent.get(sent.size() - 1));
    }

    private List<String> actionsSent() throws Exception {
        List<String> out = new ArrayList<>();
        for (String s : sent) {
            JsonNode n = json.readTree(s);
            if (n.get(0).asInt() == 2) {
                out.add(n.get(2).asText());
            }
        }
        return out;
    }

    /** Answers the last CALL we sent with the given payload. */
    private void answerLast(String payload) throws Exception {
        String id = last().get(1).asText();
        cp.received("[3,\"" + id + "\"," + payload + "]");
    }

    private void bootWith(String status, int interval) throws Exception {
        answerLast("{\"status\":\"" + status + "\",\"currentTime\":\"2026-12-07T12:00:00Z\",\"interval\":" + interval
                + "}");
    }

    private JsonNode ask(String frame) throws Exception {
        int before = sent.size();
        cp.received(frame);
        assertEquals(before + 1, sent.size(), "one answer to " + frame);
        return last();
    }

    private void connectAndAccept(int heartbeatS) throws Exception {
        cp.connected(sent::add);
        bootWith("Accepted", heartbeatS);
    }

    @Test
    void theFirstMessageIsBootNotification_withTheLabel() throws Exception {
        cp.statusChanged(AVAILABLE);
        cp.connected(sent::add);
        assertEquals(List.of("BootNotification"), actionsSent());
        JsonNode p = last().get(3);
        assertEquals("SEMAR", p.get("chargePointVendor").asText());
        assertEquals("INFINERGI-3T-DR", p.get("chargePointModel").asText());
        assertEquals("21/000-000001", p.get("chargePointSerialNumber").asText());
    }

    @Test
    void pending_nothingElseIsSent_andBootIsAskedAgainAfterTheInterval() throws Exception {
        cp.connected(sent::add);
        bootWith("Pending", 10);
        assertEquals(ChargePoint.Registration.PENDING, cp.registration());
        cp.statusChanged(CHARGING);
        timers.advance(Duration.ofSeconds(9));
        assertEquals(List.of("BootNotification"), actionsSent());
        timers.advance(Duration.ofSeconds(1));
        assertEquals(List.of("BootNotification", "BootNotification"), actionsSent());
        bootWith("Accepted", 300);
        assertEquals(ChargePoint.Registration.ACCEPTED, cp.registration());
        assertEquals(List.of("BootNotification", "BootNotification", "StatusNotification"), actionsSent());
    }

    @Test
    void rejected_isAskedAgainAfterTheInterval_andSendsNothingElse() throws Exception {
        cp.statusChanged(AVAILABLE);
        cp.connected(sent::add);
        bootWith("Rejected", 20);
        timers.advance(Duration.ofSeconds(19));
        assertEquals(List.of("BootNotification"), actionsSent());
        timers.advance(Duration.ofSeconds(1));
        assertEquals(List.of("BootNotification", "BootNotification"), actionsSent());
    }

    @Test
    void accepted_reportsConnector0And1_oneAtATime() throws Exception {
        cp.statusChanged(AVAILABLE);
        connectAndAccept(300);
        assertEquals(List.of("BootNotification", "StatusNotification"), actionsSent());
        assertEquals(0, last().get(3).get("connectorId").asInt());
        answerLast("{}");
        assertEquals(1, last().get(3).get("connectorId").asInt());
        assertEquals("Available", last().get(3).get("status").asText());
        assertEquals("NoError", last().get(3).get("errorCode").asText());
        answerLast("{}");
        cp.statusChanged(CHARGING);
        // connector 0 stays Available: only connector 1 is told
        assertEquals("Charging", last().get(3).get("status").asText());
        assertEquals(1, last().get(3).get("connectorId").asInt());
        answerLast("{}");
        int before = sent.size();
        cp.statusChanged(CHARGING);
        assertEquals(before, sent.size(), "an unchanged status is not told again");
    }

    @Test
    void faulted_carriesTheManualsErrorCode() throws Exception {
        connectAndAccept(300);
        cp.statusChanged(new ConnectorStatus.Input(ChargerState.ERROR, "B", false, 0, "D5", null));
        JsonNode p = last().get(3);
        assertEquals(0, p.get("connectorId").asInt());
        assertEquals("Faulted", p.get("status").asText());
        answerLast("{}");
        p = last().get(3);
        assertEquals(1, p.get("connectorId").asInt());
        assertEquals("ConnectorLockFailure", p.get("errorCode").asText());
        assertEquals("D5", p.get("vendorErrorCode").asText());
    }

    @Test
    void heartbeat_atTheIntervalTheCentralSystemGave() throws Exception {
        connectAndAccept(60);
        timers.advance(Duration.ofSeconds(59));
        assertEquals(List.of("BootNotification"), actionsSent());
        timers.advance(Duration.ofSeconds(1));
        assertEquals(List.of("BootNotification", "Heartbeat"), actionsSent());
        answerLast("{\"currentTime\":\"2026-12-07T12:01:00Z\"}");
        timers.advance(Duration.ofSeconds(60));
        assertEquals(List.of("BootNotification", "Heartbeat", "Heartbeat"), actionsSent());
    }

    @Test
    void changingHeartbeatInterval_movesTheNextHeartbeat() throws Exception {
        connectAndAccept(3600);
        JsonNode a = ask("[2,\"c1\",\"ChangeConfiguration\",{\"key\":\"HeartbeatInterval\",\"value\":\"30\"}]");
        assertEquals("Accepted", a.get(2).get("status").asText());
        timers.advance(Duration.ofSeconds(30));
        assertEquals("Heartbeat", last().get(2).asText());
    }

    @Test
    void aDisconnection_stopsEverything_andTheNextConnectionBootsAgain() throws Exception {
        cp.statusChanged(AVAILABLE);
        connectAndAccept(60);
        cp.disconnected();
        assertEquals(0, timers.pending());
        int before = sent.size();
        timers.advance(Duration.ofHours(1));
        assertEquals(before, sent.size());
        cp.connected(sent::add);
        assertEquals("BootNotification", last().get(2).asText());
        bootWith("Accepted", 60);
        assertEquals("StatusNotification", last().get(2).asText(), "the status is told again after a new boot");
    }

    @Test
    void noAnswer_theNextMessageGoesAfterTheTimeout_andBootIsRetried() throws Exception {
        cp.connected(sent::add);
        timers.advance(ChargePoint.CALL_TIMEOUT);
        assertEquals(List.of("BootNotification"), actionsSent());
        timers.advance(ChargePoint.BOOT_RETRY);
        assertEquals(List.of("BootNotification", "BootNotification"), actionsSent());
    }

    @Test
    void anInvalidBootAnswer_isNoAnswer() throws Exception {
        cp.connected(sent::add);
        bootWith("Maybe", 10);
        assertEquals(ChargePoint.Registration.BOOTING, cp.registration());
        timers.advance(ChargePoint.BOOT_RETRY);
        assertEquals(List.of("BootNotification", "BootNotification"), actionsSent());
    }

    @Test
    void aResultForNoCallOfOurs_isIgnored() throws Exception {
        connectAndAccept(60);
        int before = sent.size();
        cp.received("[3,\"no-such-id\",{}]");
        cp.received("[4,\"no-such-id\",\"GenericError\",\"\",{}]");
        assertEquals(before, sent.size());
        assertEquals(ChargePoint.Registration.ACCEPTED, cp.registration());
    }

    @Test
    void getConfiguration_allKeys_namedKeys_andUnknownKeys() throws Exception {
        connectAndAccept(300);
        JsonNode all = ask("[2,\"g1\",\"GetConfiguration\",{}]");
        assertEquals(3, all.get(0).asInt());
        assertEquals("g1", all.get(1).asText());
        assertTrue(all.get(2).get("configurationKey").size() >= 5);
        JsonNode named = ask("[2,\"g2\",\"GetConfiguration\",{\"key\":[\"HeartbeatInterval\",\"Colour\"]}]");
        JsonNode key = named.get(2).get("configurationKey").get(0);
        assertEquals("HeartbeatInterval", key.get("key").asText());
        assertEquals("300", key.get("value").asText(), "the interval BootNotification.conf gave");
        assertEquals(false, key.get("readonly").asBoolean());
        assertEquals("Colour", named.get(2).get("unknownKey").get(0).asText());
    }

    @Test
    void changeConfiguration_readOnlyRejected_invalidRejected_unknownNotSupported() throws Exception {
        connectAndAccept(300);
        assertEquals("Rejected", ask("[2,\"1\",\"ChangeConfiguration\",{\"key\":\"NumberOfConnectors\","
                + "\"value\":\"2\"}]").get(2).get("status").asText());
        assertEquals("Rejected", ask("[2,\"2\",\"ChangeConfiguration\",{\"key\":\"HeartbeatInterval\","
                + "\"value\":\"often\"}]").get(2).get("status").asText());
        assertEquals("NotSupported", ask("[2,\"3\",\"ChangeConfiguration\",{\"key\":\"Colour\","
                + "\"value\":\"red\"}]").get(2).get("status").asText());
        assertEquals("Accepted", ask("[2,\"4\",\"ChangeConfiguration\",{\"key\":\"ConnectionTimeOut\","
                + "\"value\":\"90\"}]").get(2).get("status").asText());
        JsonNode k = ask("[2,\"5\",\"GetConfiguration\",{\"key\":[\"ConnectionTimeOut\",\"NumberOfConnectors\"]}]")
                .get(2).get("configurationKey");
        assertEquals("90", k.get(0).get("value").asText());
        assertEquals("1", k.get(1).get("value").asText());
        assertEquals(true, k.get(1).get("readonly").asBoolean());
    }

    private void assertCallError(String frame, String id, RpcError code) throws Exception {
        JsonNode e = ask(frame);
        assertEquals(4, e.get(0).asInt(), frame);
        assertEquals(id, e.get(1).asText(), frame);
        assertEquals(code.name(), e.get(2).asText(), frame);
        assertTrue(e.get(4).isObject());
    }

    @Test
    void everyBadCall_getsTheRightCallError_andChangesNothing() throws Exception {
        connectAndAccept(300);
        assertCallError("[2,\"b1\",\"ChangeConfiguration\",{\"key\":\"HeartbeatInterval\"}]", "b1",
                RpcError.OccurenceConstraintViolation);
        assertCallError("[2,\"b2\",\"ChangeConfiguration\",{\"key\":\"HeartbeatInterval\",\"value\":5}]", "b2",
                RpcError.TypeConstraintViolation);
        assertCallError("[2,\"b3\",\"Reset\",{\"type\":\"Gentle\"}]", "b3", RpcError.PropertyConstraintViolation);
        assertCallError("[2,\"b4\",\"GetConfiguration\",{\"keys\":[]}]", "b4", RpcError.FormationViolation);
        assertCallError("[2,\"b5\",\"FlyToTheMoon\",{}]", "b5", RpcError.NotImplemented);
        assertCallError("[2,\"b6\",\"Reset\",{\"type\":\"Soft\"}]", "b6", RpcError.NotSupported);
        assertCallError("[2,\"b7\",\"Reset\"]", "b7", RpcError.FormationViolation);
        assertCallError("[9,\"b8\",\"Reset\",{}]", "b8", RpcError.ProtocolError);
        assertCallError("this is not json", "-1", RpcError.FormationViolation);
        assertEquals(ChargePoint.Registration.ACCEPTED, cp.registration());
        assertEquals("300", ask("[2,\"b9\",\"GetConfiguration\",{\"key\":[\"HeartbeatInterval\"]}]").get(2)
                .get("configurationKey").get(0).get("value").asText(), "the refused change changed nothing");
    }
}
