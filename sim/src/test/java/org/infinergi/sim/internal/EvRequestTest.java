package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class EvRequestTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private static final List<String> ALLOWED = List.of("plug", "charge", "pause", "ventilation", "full", "unplug");

    @Test
    void parsesAFullRequest() {
        var p = EvRequest.parse("{\"action\":\"plug\",\"maxCurrentA\":16,\"phases\":1}");
        assertNull(p.error());
        assertEquals(new EvRequest(EvAction.PLUG, 16.0, 1), p.request());
    }

    @Test
    void unknownActionNamesItAndTheAllowedList() {
        var p = EvRequest.parse("{\"action\":\"fly\"}");
        assertNull(p.request());
        assertTrue(p.error().get("error").toString().contains("fly"));
        assertEquals(ALLOWED, p.error().get("allowedActions"));
    }

    @Test
    void badInputIsAnErrorWithTheAllowedList() {
        for (String body : List.of("", "not json", "[]", "{}", "{\"action\":3}", "{\"action\":\"plug\",\"phases\":2}",
                "{\"action\":\"plug\",\"maxCurrentA\":\"x\"}", "{\"action\":\"plug\",\"maxCurrentA\":0}")) {
            var p = EvRequest.parse(body);
            assertNull(p.request(), body);
            assertEquals(ALLOWED, p.error().get("allowedActions"), body);
        }
    }

    @Test
    void worldStateSerialisesWithTheDocumentedFields() throws Exception {
        World w = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3);
        var json = mapper.readTree(mapper.writeValueAsString(w.state()));
        for (String f : List.of("evState", "pilotPositiveV", "evMaxCurrentA", "evPhases", "evCurrentA", "evEnergyWh",
                "contactor", "mainsVoltagesV", "dutyCyclePct")) {
            assertTrue(json.has(f), f);
        }
    }

    @Test
    void shellCommandRejectsUnknownActionsWithTheList() {
        World w = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3);
        SimControl control = new WorldControl(w, java.util.List.of());
        SimEvCommand cmd = new SimEvCommand(control);
        assertTrue(cmd.ev("fly").contains("plug, charge, pause, ventilation, full, unplug"));
        assertTrue(cmd.ev("plug", 16, 1).contains("(IDLE)"));
        assertEquals(16.0, w.state().evMaxCurrentA());
        assertEquals(1, w.state().evPhases());
    }
}
