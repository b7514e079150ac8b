package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The servlet's POST validation and GET output, called without a servlet container. */
class SimServletTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final World world = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3, false, 0.2);
    private final List<SimFaultInjector> injectors = new CopyOnWriteArrayList<>();
    private final SimServlet servlet = new SimServlet(new WorldControl(world, injectors));

    @SuppressWarnings("unchecked")
    private Map<String, Object> error(SimServlet.Answer a) {
        return (Map<String, Object>) a.body();
    }

    private void assertBadRequest(String path, String body, String mentions) {
        SimServlet.Answer a = servlet.post(path, body);
        assertEquals(400, a.status(), body);
        String msg = error(a).get("error").toString();
        assertTrue(msg.contains(mentions), body + " → " + msg);
    }

    @Test
    void injectsAndRemovesAFault() {
        SimServlet.Answer a = servlet.post("/fault", "{\"fault\": \"V2\", \"active\": true}");
        assertEquals(200, a.status());
        assertTrue(world.faultActive(SimFault.V2));
        assertEquals("V2", ((WorldState) a.body()).faults().get(0).fault());
        assertEquals(400, servlet.post("/fault", "{\"fault\": \"v2\", \"active\": false}").status(), "case-sensitive");
        assertEquals(200, servlet.post("/fault", "{\"fault\": \"V2\", \"active\": false}").status());
        assertTrue(world.state().faults().isEmpty());
        assertEquals(400, servlet.post("/fault", "{\"fault\": \"D4\", \"active\": true, \"variant\": \"OPEN\"}").status(),
                "variants are case-sensitive too");
        assertEquals(200, servlet.post("/fault", "{\"fault\": \"D4\", \"active\": true, \"variant\": \"open\"}").status());
        assertEquals("open", world.state().faults().get(0).variant());
    }

    @Test
    void unknownFaultIs400WithTheAllowedList() {
        SimServlet.Answer a = servlet.post("/fault", "{\"fault\": \"X9\", \"active\": true}");
        assertEquals(400, a.status());
        assertTrue(error(a).get("error").toString().contains("X9"));
        assertEquals(SimFault.names(), error(a).get("allowedFaults"));
        assertEquals(18, SimFault.names().size(), "every manual §9.1 code");
    }

    @Test
    void badFaultBodiesAre400NamingWhatIsWrong() {
        assertBadRequest("/fault", "", "empty body");
        assertBadRequest("/fault", "{\"fault\": ", "not valid JSON");
        assertBadRequest("/fault", "[1]", "JSON object");
        assertBadRequest("/fault", "{\"active\": true}", "missing 'fault'");
        assertBadRequest("/fault", "{\"fault\": 2, \"active\": true}", "'fault' must be a string");
        assertBadRequest("/fault", "{\"fault\": \"V2\"}", "missing 'active'");
        assertBadRequest("/fault", "{\"fault\": \"V2\", \"active\": \"yes\"}", "'active' must be true or false");
        assertBadRequest("/fault", "{\"fault\": \"V4\", \"active\": true, \"variant\": \"banana\"}", "no variant 'banana'");
        assertEquals(List.of("diode", "short"),
                error(servlet.post("/fault", "{\"fault\": \"V4\", \"active\": true, \"variant\": \"banana\"}")).get("allowedVariants"));
        assertTrue(world.state().faults().isEmpty(), "nothing injected by a bad request");
    }

    @Test
    void meterCodesWithoutTheSimulatedModbusDevicesSaySo() {
        SimServlet.Answer d2 = servlet.post("/fault", "{\"fault\": \"D2\", \"active\": true}");
        assertEquals(409, d2.status());
        assertTrue(error(d2).get("error").toString().contains("CT remote device silent: the radio link is lost; injected by the simulated Modbus"));
        SimServlet.Answer d9 = servlet.post("/fault", "{\"fault\": \"D9\", \"active\": true}");
        assertEquals(409, d9.status());
        assertTrue(error(d9).get("error").toString().contains("MID meter silent: injected by the simulated Modbus"));
        assertEquals(409, servlet.post("/fault", "{\"fault\": \"D1\", \"active\": true}").status(), "no panel sim here");
    }

    @Test
    void anotherSimulationPartInjectsTheCodesItClaims() {
        List<String> calls = new ArrayList<>();
        injectors.add(new SimFaultInjector() {
            @Override
            public Set<SimFault> faults() {
                return Set.of(SimFault.D1);
            }

            @Override
            public void inject(SimFault fault, String variant, boolean active) {
                calls.add(fault + "=" + active);
            }

            @Override
            public boolean active(SimFault fault) {
                return false;
            }
        });
        assertEquals(200, servlet.post("/fault", "{\"fault\": \"D1\", \"active\": true}").status());
        assertEquals(List.of("D1=true"), calls);
    }

    @Test
    void tetheredModelsRefuseCableAndLockCausesWith409() {
        World t = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3, true, 0.2);
        SimServlet s = new SimServlet(new WorldControl(t, List.of()));
        assertEquals(409, s.post("/fault", "{\"fault\": \"V5\", \"active\": true}").status());
        assertEquals(409, s.post("/fault", "{\"fault\": \"D5\", \"active\": true}").status());
        assertEquals(409, s.post("/cable", "{\"resistanceOhm\": 680}").status());
    }

    @Test
    void cableAndTemperature() {
        assertEquals(200, servlet.post("/cable", "{\"resistanceOhm\": 680}").status());
        assertEquals(680.0, world.proximityResistanceOhm());
        assertEquals(200, servlet.post("/cable", "{\"resistanceOhm\": null}").status());
        assertEquals(null, world.proximityResistanceOhm());
        assertBadRequest("/cable", "{}", "missing 'resistanceOhm'");
        assertBadRequest("/cable", "{\"resistanceOhm\": -5}", "above 0");
        assertBadRequest("/cable", "{\"resistanceOhm\": \"220\"}", "above 0");
        assertBadRequest("/cable", "nope", "not valid JSON");

        assertEquals(200, servlet.post("/temperature", "{\"celsius\": 72.5}").status());
        assertEquals(72.5, world.sensorTemperatureC());
        assertBadRequest("/temperature", "{}", "missing 'celsius'");
        assertBadRequest("/temperature", "{\"celsius\": 500}", "from -40.0 to 150.0");
        assertBadRequest("/temperature", "{\"celsius\": \"hot\"}", "'celsius' must be a number");
    }

    @Test
    void unknownPostPathIs404AndEvStillWorks() {
        assertEquals(404, servlet.post("/nope", "{}").status());
        assertEquals(200, servlet.post("/ev", "{\"action\": \"plug\"}").status());
        assertEquals(400, servlet.post("/ev", "{\"action\": \"fly\"}").status());
    }

    @Test
    void getShowsFaultsCableTemperatureLockRcdAndWhatOtherPartsAdd() throws Exception {
        world.setFault(SimFault.D7, null, true);
        servlet.contributors.add(json -> json.put("led", Map.of("colour", "red", "pattern", "blink")));
        var json = mapper.readTree(mapper.writeValueAsString(servlet.stateJson()));
        for (String f : List.of("faults", "tethered", "cableResistanceOhm", "ppResistanceOhm", "temperatureC",
                "temperatureSetC", "lock", "rcd", "earthPresent", "phaseNeutralReversed", "pilotAdcAnswering",
                "evState", "evEnergyWh")) {
            assertTrue(json.has(f), f);
        }
        assertEquals("D7", json.get("faults").get(0).get("fault").asText());
        assertTrue(json.get("faults").get(0).get("cause").asText().contains("90"));
        assertEquals(90.0, json.get("temperatureC").asDouble());
        assertTrue(json.get("lock").has("locked"));
        assertTrue(json.get("rcd").has("tripped"));
        assertEquals("red", json.get("led").get("colour").asText());
    }

    @Test
    void shellCommands() {
        SimWorldCommand cmd = new SimWorldCommand(new WorldControl(world, injectors));
        assertTrue(cmd.fault().contains("D9: MID meter silent"));
        assertTrue(cmd.fault("X1", "true").contains("allowed faults: I1, I2"));
        assertTrue(cmd.fault("I1", "maybe").contains("'active' must be true or false"));
        assertTrue(cmd.fault("I1", "true").contains("[I1]"));
        assertFalse(world.earthPresent());
        assertTrue(cmd.fault("V4", "true", "short").contains("EV E"));
        assertTrue(cmd.fault("D2", "true").startsWith("Error: D2: CT remote device silent"));
        assertTrue(cmd.cable("none").contains("PP sees open"));
        assertTrue(cmd.cable("abc").startsWith("Error"));
        assertTrue(cmd.temperature("80").contains("80.0 °C"));
        assertTrue(cmd.temperature("-300").startsWith("Error"));
    }
}
