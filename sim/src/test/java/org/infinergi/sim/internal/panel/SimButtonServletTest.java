package org.infinergi.sim.internal.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Issue 15: the panel's and the buttons' bodies are read as strictly as every other endpoint's. */
class SimButtonServletTest {

    private final List<String> calls = new ArrayList<>();
    private final SimButtonServlet servlet = new SimButtonServlet((SimPanel) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {SimPanel.class}, (p, m, a) -> {
                calls.add(m.getName() + (a == null ? "" : List.of(a)));
                return m.getReturnType() == boolean.class ? Boolean.FALSE : null;
            }));

    @SuppressWarnings("unchecked")
    private static String error(SimButtonServlet.Answer a) {
        assertEquals(400, a.status());
        return ((Map<String, Object>) a.body()).get("error").toString();
    }

    @Test
    void silentMustBeOneBooleanAndNothingElse() {
        assertTrue(error(servlet.silent("{\"silent\": \"true\"}")).contains("'silent' must be true or false"));
        assertTrue(error(servlet.silent("{\"silent\": true, \"silent\": false}")).contains("'silent'"));
        assertTrue(error(servlet.silent("{\"silent\": true} x")).startsWith("body is not valid JSON"));
        assertTrue(error(servlet.silent("{\"silent\": true, \"loud\": 1}")).contains("unknown field 'loud'"));
        assertEquals(List.of(), calls, "the panel was not touched by a bad request");
        assertEquals(200, servlet.silent("{\"silent\": true}").status());
        assertEquals("setSilent[true]", calls.get(0));
    }

    @Test
    void buttonNamesAreCaseSensitive() {
        assertTrue(error(servlet.press("{\"button\": \"Multi\"}")).contains("unknown button \"Multi\""));
        assertTrue(error(servlet.press("{\"button\": \"multi\", \"holdMs\": 4294967299}")).contains("'holdMs'"));
        assertEquals(List.of(), calls);
    }
}
