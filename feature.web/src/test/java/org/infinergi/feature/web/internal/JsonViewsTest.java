package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.ErrorRecord;
import org.infinergi.core.charging.api.PhaseReading;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.api.ReadingStatus;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.config.EmptyValues;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonViewsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void statusCarriesEveryFieldTheApiPromises() throws Exception {
        ChargerStatus s = new ChargerStatus("INFINERGI-3T-DR", ChargerState.CHARGING, PilotState.C, 16.0, 26.6667,
                true, "maximum charge rate", ChargingMode.FAST, 11040.4, 1234.56, null, "", Instant.EPOCH);
        JsonNode json = mapper.readTree(mapper.writeValueAsString(JsonViews.status(mapper, s)));

        assertEquals("INFINERGI-3T-DR", json.get("model").asText());
        assertEquals("CHARGING", json.get("state").asText());
        assertEquals("Charging in progress", json.get("stateText").asText());
        assertEquals("C", json.get("pilot").asText());
        assertEquals(16.0, json.get("offeredCurrentA").asDouble());
        assertEquals(26.7, json.get("dutyCyclePct").asDouble());
        assertTrue(json.get("contactorClosed").asBoolean());
        assertEquals("maximum charge rate", json.get("limitedBy").asText());
        assertEquals("FAST", json.get("mode").asText());
        assertEquals(11040.0, json.get("powerW").asDouble());
        assertEquals(1234.6, json.get("sessionEnergyWh").asDouble());
        assertTrue(json.has("error") && json.get("error").isNull(), "error is present and null when there is none");
        assertTrue(json.get("configurationError").isNull());
        assertEquals(0, json.get("errorCategory").asInt());
        assertEquals(0, json.get("activeErrors").size());
        assertEquals(0, json.get("rejectedConfigurations").size());
        assertTrue(json.has("activeProgram") && json.get("activeProgram").isNull(), "no program outside PROGRAMMED");
    }

    @Test
    void statusNamesTheActiveProgram() throws Exception {
        ChargerStatus s = new ChargerStatus("INFINERGI-3T", ChargerState.CHARGING, PilotState.C, 16.0, 26.7, true,
                null, ChargingMode.PROGRAMMED, 11000, 100, null, "", Instant.EPOCH, null, 0, List.of(), List.of(),
                "P2");
        JsonNode json = mapper.readTree(mapper.writeValueAsString(JsonViews.status(mapper, s)));
        assertEquals("PROGRAMMED", json.get("mode").asText());
        assertEquals("P2", json.get("activeProgram").asText());
    }

    @Test
    void rejectedConfigurationIsShown() throws Exception {
        ChargerStatus s = new ChargerStatus("INFINERGI-3T", ChargerState.VEHICLE_NOT_CONNECTED, PilotState.A, 0, 100,
                false, null, ChargingMode.FAST, 0, 0, null, "", Instant.EPOCH,
                "org.infinergi.installation: wiringLimitA=40 rejected: must be 6..32 A");
        JsonNode json = mapper.readTree(mapper.writeValueAsString(JsonViews.status(mapper, s)));
        assertTrue(json.get("configurationError").asText().contains("wiringLimitA"));
    }

    @Test
    void everyRejectedConfigurationIsListed_pidKeyValueWhy() throws Exception {
        ConfigurationRejection auth = new ConfigurationRejection("org.infinergi.auth", "mode", "\"\"",
                EmptyValues.EMPTY_VALUE + "FREE)");
        ChargerStatus s = new ChargerStatus("INFINERGI-3T", ChargerState.VEHICLE_NOT_CONNECTED, PilotState.A, 0, 100,
                false, null, ChargingMode.FAST, 0, 0, null, "", Instant.EPOCH, auth.message(), 0, List.of(),
                List.of(auth));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(JsonViews.status(mapper, s)));
        JsonNode listed = json.get("rejectedConfigurations");
        assertEquals(1, listed.size());
        assertEquals("org.infinergi.auth", listed.get(0).get("pid").asText());
        assertEquals("mode", listed.get(0).get("key").asText());
        assertEquals("\"\"", listed.get(0).get("value").asText());
        assertTrue(listed.get(0).get("reason").asText().startsWith("empty value"));
    }

    @Test
    void pilotOutsideEveryBandIsNull() throws Exception {
        ChargerStatus s = new ChargerStatus("INFINERGI-1T", ChargerState.ERROR, null, 0, 100, false, null,
                ChargingMode.FAST, 0, 0, "V4", "pilot voltage outside every band", Instant.EPOCH);
        JsonNode json = mapper.readTree(mapper.writeValueAsString(JsonViews.status(mapper, s)));
        assertTrue(json.get("pilot").isNull());
        assertEquals("V4", json.get("error").asText());
        assertEquals(2, json.get("errorCategory").asInt(), "V4 is a vehicle error, category 2");
        assertEquals("V4", json.get("activeErrors").get(0).asText());
    }

    @Test
    void sessionsKeepTheOrderGivenNewestFirst() throws Exception {
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        List<SessionRecord> rows = List.of(
                new SessionRecord(2, t0.plusSeconds(7200), t0.plusSeconds(9000), 5000, 11000, ChargingMode.FAST,
                        "VEHICLE_DISCONNECTED"),
                new SessionRecord(1, t0, t0.plusSeconds(3600), 7400, 7360, ChargingMode.FAST, "VEHICLE_DISCONNECTED"));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(JsonViews.sessions(mapper, rows)));
        assertEquals(2, json.size());
        assertEquals(2, json.get(0).get("id").asLong());
        assertEquals(1800, json.get(0).get("durationS").asLong());
        assertEquals(7400.0, json.get(1).get("energyWh").asDouble());
        assertEquals("2026-11-25T08:00:00Z", json.get(1).get("start").asText());
    }

    @Test
    void sessionsShowWhoCharged_idTagNullWhenNobodyAuthenticated() throws Exception {
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        List<SessionRecord> rows = List.of(
                new SessionRecord(2, t0.plusSeconds(7200), t0.plusSeconds(9000), 5000, 11000, ChargingMode.FAST,
                        "VEHICLE_DISCONNECTED", "04A2B3C4"),
                new SessionRecord(1, t0, t0.plusSeconds(3600), 7400, 7360, ChargingMode.FAST, "VEHICLE_DISCONNECTED"));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(JsonViews.sessions(mapper, rows)));
        assertEquals("04A2B3C4", json.get(0).get("idTag").asText());
        assertTrue(json.get(1).has("idTag"), "the field is there even when nobody authenticated");
        assertTrue(json.get(1).get("idTag").isNull());
    }

    @Test
    void sessionsShowTheirEnergySplitIntoGreenAndGrid_anOldSessionAllGrid() throws Exception {
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        List<SessionRecord> rows = List.of(
                new SessionRecord(2, t0.plusSeconds(7200), t0.plusSeconds(9000), 5000, 11000, ChargingMode.GREEN,
                        "VEHICLE_DISCONNECTED", null, 3750.04),
                new SessionRecord(1, t0, t0.plusSeconds(3600), 7400, 7360, ChargingMode.FAST, "VEHICLE_DISCONNECTED"));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(JsonViews.sessions(mapper, rows)));
        assertEquals(3750.0, json.get(0).get("greenEnergyWh").asDouble());
        assertEquals(1250.0, json.get(0).get("gridEnergyWh").asDouble());
        assertEquals(0.0, json.get(1).get("greenEnergyWh").asDouble(), "a session without a green share");
        assertEquals(7400.0, json.get(1).get("gridEnergyWh").asDouble());
    }

    @Test
    void errorHistoryShowsCodeCategoryAndBothTimestamps() throws Exception {
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        List<ErrorRecord> rows = List.of(
                new ErrorRecord(2, ErrorCode.D7, t0.plusSeconds(60), null, "enclosure at 90.0 °C"),
                new ErrorRecord(1, ErrorCode.V2, t0, t0.plusSeconds(30), "DC leakage detected during charge"));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(JsonViews.errors(mapper, rows)));
        assertEquals("D7", json.get(0).get("code").asText());
        assertEquals(3, json.get(0).get("category").asInt());
        assertEquals("Overheating", json.get(0).get("title").asText());
        assertTrue(json.get(0).get("cleared").isNull(), "an active error has no cleared time");
        assertEquals("2026-11-25T08:00:30Z", json.get(1).get("cleared").asText());
        assertEquals(2, json.get(1).get("category").asInt());
    }

    @Test
    void sessionLimitIsValidatedWithAClearMessage() {
        assertEquals(Limits.DEFAULT, Limits.parseLimit(null));
        assertEquals(5, Limits.parseLimit("5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Limits.parseLimit("abc"));
        assertTrue(e.getMessage().contains("limit") && e.getMessage().contains("abc"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Limits.parseLimit("0"));
        assertThrows(IllegalArgumentException.class, () -> Limits.parseLimit("1001"));
    }

    @Test
    void readingsShowTheGridSignedPerPhase_andEveryMeter_aStaleOneWithoutValues() throws Exception {
        Instant at = Instant.parse("2026-06-21T12:00:00Z");
        ElectricalReading grid = new ElectricalReading("GRID", "CT", null, true, ReadingStatus.FRESH, at, 400L,
                List.of(new PhaseReading(230.04, -10.004, -2300.4), new PhaseReading(231, 4, 924),
                        new PhaseReading(229, 2, 458)), -918.4, null);
        ElectricalReading mid = new ElectricalReading("VEHICLE", "MID", "SDM72D", false, ReadingStatus.STALE,
                at.minusSeconds(9), 9400L, List.of(), null, null);
        ElectricalReading internal = new ElectricalReading("VEHICLE", "INTERNAL", null, true, ReadingStatus.FRESH, at,
                80L, List.of(new PhaseReading(230, 16, 3680), new PhaseReading(Double.NaN, 0, Double.NaN)), 3680.0,
                1234.56);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(
                JsonViews.readings(mapper, grid, List.of(internal, mid, grid))));

        JsonNode g = json.get("grid");
        assertEquals("GRID", g.get("role").asText());
        assertEquals("CT", g.get("source").asText());
        assertEquals("FRESH", g.get("status").asText());
        assertEquals("2026-06-21T12:00:00Z", g.get("at").asText());
        assertEquals(400, g.get("ageMs").asLong());
        assertEquals(-10.0, g.get("phases").get(0).get("currentA").asDouble());
        assertEquals(-2300.0, g.get("phases").get(0).get("powerW").asDouble());
        assertEquals(230.0, g.get("phases").get(0).get("voltageV").asDouble());
        assertEquals(4.0, g.get("phases").get(1).get("currentA").asDouble());
        assertEquals(-918.0, g.get("powerW").asDouble());
        assertTrue(g.get("energyWh").isNull(), "the CTs count no energy");
        assertEquals(3, json.get("meters").size());
        JsonNode stale = json.get("meters").get(1);
        assertEquals("STALE", stale.get("status").asText());
        assertEquals("SDM72D", stale.get("model").asText());
        assertEquals(0, stale.get("phases").size(), "no values from a silent meter");
        assertTrue(stale.get("powerW").isNull());
        assertEquals(9400, stale.get("ageMs").asLong());
        JsonNode vehicle = json.get("meters").get(0);
        assertEquals(1234.6, vehicle.get("energyWh").asDouble());
        assertTrue(vehicle.get("phases").get(1).get("voltageV").isNull(), "NaN is no JSON number");
    }
}
