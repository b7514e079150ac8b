package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.testing.FakeChargerControl;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ControlActionsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private ControlActions parse(String json) throws Exception {
        return ControlActions.parse(mapper.readTree(json));
    }

    @Test
    void eachActionReachesItsCoreRequest() throws Exception {
        List<String> calls = new ArrayList<>();
        FakeChargerControl core = new FakeChargerControl(calls::add);
        parse("{\"action\":\"pause\"}").apply(core);
        parse("{\"action\":\"resume\"}").apply(core);
        parse("{\"action\":\"reset\"}").apply(core);
        parse("{\"action\":\"outOfService\"}").apply(core);
        parse("{\"action\":\"inService\"}").apply(core);
        assertEquals(List.of("pause", "resume", "recovery", "outOfService=true", "outOfService=false"), calls);
    }

    @Test
    void aRefusedResetIsPassedOnWithTheCoresReason() throws Exception {
        ChargerControl.Result r = parse("{\"action\":\"reset\"}")
                .apply(new FakeChargerControl(c -> { }).refuseRecovery("V2 Ground fault: cause still present"));
        assertEquals(false, r.accepted());
        assertTrue(r.message().contains("V2"));
    }

    @Test
    void badRequestsNameWhatWasWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"action\":\"explode\"}"))
                .getMessage().contains("explode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"verb\":\"reset\"}"))
                .getMessage().contains("action"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"action\":3}"))
                .getMessage().contains("action"));
        assertThrows(IllegalArgumentException.class, () -> parse("[\"reset\"]"));
        assertThrows(IllegalArgumentException.class, () -> ControlActions.parse(null));
    }

    @Test
    void theAllowedListMatchesTheActions() {
        assertEquals(ControlActions.values().length, ControlActions.NAMES.size());
        for (String name : ControlActions.NAMES) {
            List<String> calls = new ArrayList<>();
            ControlActions.parse(mapper.createObjectNode().put("action", name)).apply(new FakeChargerControl(calls::add));
            assertEquals(1, calls.size(), name);
        }
    }
}
