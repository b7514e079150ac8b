package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** OCPP 1.6 §5.17 TriggerMessage: Accepted, then the message after the answer; Rejected for an unknown connector. */
class RemoteTriggerTest {

    @TempDir
    Path dir;
    private ManagementHarness h;

    @BeforeEach
    void connect() throws Exception {
        h = new ManagementHarness(dir, dir.resolve("log"), () -> null);
        h.connect();
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void triggered(String payload, String action) throws Exception {
        int before = h.sent.size();
        assertEquals("Accepted", h.ask("TriggerMessage", payload).get("status").asText());
        assertEquals(before + 2, h.sent.size(), "the answer, then the message");
        assertEquals(action, h.lastAction(), "sent after the answer");
    }

    @Test
    void bootNotification_isSentAgain_afterTheAnswer() throws Exception {
        triggered("{\"requestedMessage\":\"BootNotification\"}", "BootNotification");
        h.answerLast("{\"status\":\"Accepted\",\"currentTime\":\"2026-12-07T12:00:00Z\",\"interval\":300}");
        assertEquals(ChargePoint.Registration.ACCEPTED, h.cp.registration());
        assertEquals(300, h.keys.intValue(ConfigurationKeys.HEARTBEAT_INTERVAL));
    }

    @Test
    void heartbeat() throws Exception {
        triggered("{\"requestedMessage\":\"Heartbeat\"}", "Heartbeat");
    }

    @Test
    void statusNotification_ofTheConnectorNamed_evenUnchanged_orOfBothWithoutOne() throws Exception {
        triggered("{\"requestedMessage\":\"StatusNotification\",\"connectorId\":1}", "StatusNotification");
        assertEquals(1, h.last().get(3).get("connectorId").asInt());
        assertEquals("Available", h.last().get(3).get("status").asText());
        h.answerLast("{}");
        triggered("{\"requestedMessage\":\"StatusNotification\",\"connectorId\":0}", "StatusNotification");
        assertEquals(0, h.last().get(3).get("connectorId").asInt());
        h.answerLast("{}");
        int before = h.calls("StatusNotification").size();
        triggered("{\"requestedMessage\":\"StatusNotification\"}", "StatusNotification");
        h.answerLast("{}");
        List<JsonNode> all = h.calls("StatusNotification");
        assertEquals(before + 2, all.size(), "connector 0 and 1");
        assertEquals(0, all.get(before).get("connectorId").asInt());
        assertEquals(1, all.get(before + 1).get("connectorId").asInt());
    }

    @Test
    void meterValues_theMeterNow_withContextTrigger() throws Exception {
        triggered("{\"requestedMessage\":\"MeterValues\",\"connectorId\":1}", "MeterValues");
        JsonNode p = h.last().get(3);
        assertEquals(1, p.get("connectorId").asInt());
        assertFalse(p.has("transactionId"), "no transaction open");
        JsonNode energy = p.get("meterValue").get(0).get("sampledValue").get(0);
        assertEquals("12345", energy.get("value").asText());
        assertEquals("Trigger", energy.get("context").asText());
    }

    @Test
    void meterValues_duringATransaction_carryItsId() throws Exception {
        h.tx.sessionStarted(1_765_000_000_000L, "CARD-1");
        h.answerLast("{\"transactionId\":77,\"idTagInfo\":{\"status\":\"Accepted\"}}");
        h.sessionEnergyWh = 1_000;
        triggered("{\"requestedMessage\":\"MeterValues\"}", "MeterValues");
        JsonNode p = h.last().get(3);
        assertEquals(77, p.get("transactionId").asInt());
        assertEquals("13345", p.get("meterValue").get(0).get("sampledValue").get(0).get("value").asText());
    }

    @Test
    void firmwareAndDiagnosticsStatus_areIdle_whenNothingIsUnderWay() throws Exception {
        triggered("{\"requestedMessage\":\"FirmwareStatusNotification\"}", "FirmwareStatusNotification");
        assertEquals("Idle", h.last().get(3).get("status").asText());
        h.answerLast("{}");
        triggered("{\"requestedMessage\":\"DiagnosticsStatusNotification\"}", "DiagnosticsStatusNotification");
        assertEquals("Idle", h.last().get(3).get("status").asText());
    }

    @Test
    void aConnectorThisChargerDoesNotHave_isRejected_andNothingIsSent() throws Exception {
        int before = h.sent.size();
        assertEquals("Rejected",
                h.ask("TriggerMessage", "{\"requestedMessage\":\"StatusNotification\",\"connectorId\":2}")
                        .get("status").asText());
        assertEquals(before + 1, h.sent.size(), "the answer only");
    }

    @Test
    void withoutFirmwareManagement_itsNotifications_areNotImplemented() throws Exception {
        ChargePoint cp = h.cp;
        new RemoteTrigger(cp, new Frames(), null, null, null);
        assertEquals("NotImplemented",
                h.ask("TriggerMessage", "{\"requestedMessage\":\"FirmwareStatusNotification\"}").get("status")
                        .asText());
        assertEquals("NotImplemented",
                h.ask("TriggerMessage", "{\"requestedMessage\":\"MeterValues\"}").get("status").asText());
        assertEquals("Accepted",
                h.ask("TriggerMessage", "{\"requestedMessage\":\"Heartbeat\"}").get("status").asText());
    }

    @Test
    void supportedFeatureProfiles_nameTheThreeProfiles() {
        String profiles = h.keys.value("SupportedFeatureProfiles");
        assertTrue(profiles.startsWith("Core"), profiles);
        for (String p : List.of("RemoteTrigger", "Reservation", "FirmwareManagement")) {
            assertTrue(List.of(profiles.split(",")).contains(p), profiles);
        }
        assertEquals("false", h.keys.value(ConfigurationKeys.RESERVE_CONNECTOR_ZERO_SUPPORTED));
    }
}
