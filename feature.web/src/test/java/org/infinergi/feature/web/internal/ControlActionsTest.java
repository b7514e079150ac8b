package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.testing.FakeChargerControl;
import org.junit.jupiter.api.Test;

import org.infinergi.web.json.RequestRejected;

class ControlActionsTest {

    private static ControlActions parse(String json) throws RequestRejected {
        return ControlActions.parse(json.getBytes(StandardCharsets.UTF_8));
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
        assertTrue(assertThrows(RequestRejected.class, () -> parse("{\"action\":\"explode\"}"))
                .getMessage().contains("explode"));
        assertTrue(assertThrows(RequestRejected.class, () -> parse("{\"verb\":\"reset\"}"))
                .getMessage().contains("action"));
        assertTrue(assertThrows(RequestRejected.class, () -> parse("{\"action\":3}"))
                .getMessage().contains("action"));
        assertThrows(RequestRejected.class, () -> parse("[\"reset\"]"));
        assertThrows(RequestRejected.class, () -> ControlActions.parse(new byte[0]));
    }

    @Test
    void theAllowedListMatchesTheActions() throws RequestRejected {
        assertEquals(ControlActions.values().length, ControlActions.NAMES.size());
        for (String name : ControlActions.NAMES) {
            List<String> calls = new ArrayList<>();
            parse("{\"action\":\"" + name + "\"}").apply(new FakeChargerControl(calls::add));
            assertEquals(1, calls.size(), name);
        }
    }

    @Test
    void actionsAreCaseSensitiveAndTheBodyIsReadStrictly() {
        assertEquals("action", assertThrows(RequestRejected.class, () -> parse("{\"action\":\"Reset\"}")).field());
        assertEquals("action", assertThrows(RequestRejected.class, () -> parse("{\"action\":\"RESET\"}")).field());
        assertEquals(400, assertThrows(RequestRejected.class,
                () -> parse("{\"action\":\"pause\",\"action\":\"reset\"}")).status());
        assertEquals(400, assertThrows(RequestRejected.class, () -> parse("{\"action\":\"reset\"}xyz")).status());
        assertEquals("force", assertThrows(RequestRejected.class,
                () -> parse("{\"action\":\"reset\",\"force\":true}")).field());
    }
}
