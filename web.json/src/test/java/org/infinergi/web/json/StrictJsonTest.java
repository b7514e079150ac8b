package org.infinergi.web.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static final Set<String> EV = Set.of("action", "maxCurrentA", "phases");
    private static final String EXAMPLE = "{\"action\": \"plug\"}";

    private static JsonObject ev(String body) throws RequestRejected {
        return StrictJson.object(body.getBytes(UTF_8), EV, EXAMPLE);
    }

    private static RequestRejected refused(String body) {
        return assertThrows(RequestRejected.class, () -> ev(body));
    }

    @Test
    void aWellFormedObjectIsRead() throws RequestRejected {
        JsonObject o = ev("{\"action\": \"plug\", \"maxCurrentA\": 16.5, \"phases\": 3}");
        assertEquals("plug", o.text("action"));
        assertEquals(16.5, o.number("maxCurrentA", 0, 80));
        assertEquals(3L, o.integer("phases", 1, 3));
    }

    @Test
    void trailingDataAfterTheObjectIsRefused() {
        RequestRejected e = refused("{\"action\": \"plug\"} {\"action\": \"unplug\"}");
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("body is not valid JSON"), e.getMessage());
        assertEquals(400, refused("{\"action\": \"plug\"}garbage").status());
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        RequestRejected e = refused("{\"action\": \"plug\", \"action\": \"unplug\"}");
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'action'"), e.getMessage());
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() {
        RequestRejected e = refused("{\"action\": \"plug\", \"maxCurentA\": 16}");
        assertEquals("maxCurentA", e.field());
        assertTrue(e.getMessage().contains("unknown field 'maxCurentA'"), e.getMessage());
        assertTrue(e.getMessage().contains("action, maxCurrentA, phases"), e.getMessage());
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertTrue(refused("[1]").getMessage().contains("must be a JSON object like " + EXAMPLE));
        assertTrue(refused("").getMessage().startsWith("empty body"));
        assertTrue(refused("   ").getMessage().startsWith("empty body"));
        assertTrue(refused("{\"action\": ").getMessage().startsWith("body is not valid JSON"));
    }

    @Test
    void anIntegerOutOfRangeIsRefusedNotTruncated() throws RequestRejected {
        JsonObject o = ev("{\"action\": \"plug\", \"phases\": 4294967299}");
        RequestRejected e = assertThrows(RequestRejected.class, () -> o.integer("phases", 1, 3));
        assertEquals("phases", e.field());
        assertEquals("'phases' must be an integer from 1 to 3, was 4294967299", e.getMessage());
        JsonObject big = ev("{\"action\": \"plug\", \"phases\": 99999999999999999999999}");
        assertThrows(RequestRejected.class, () -> big.integer("phases", 1, 3));
    }

    @Test
    void wrongTypesAreRefusedNamingTheField() throws RequestRejected {
        JsonObject o = ev("{\"action\": 7, \"maxCurrentA\": \"16\", \"phases\": 3.0}");
        assertEquals("'action' must be a string, was 7", assertThrows(RequestRejected.class,
                () -> o.text("action")).getMessage());
        assertEquals("'maxCurrentA' must be a number from 0 to 80, was \"16\"", assertThrows(RequestRejected.class,
                () -> o.number("maxCurrentA", 0, 80)).getMessage());
        assertEquals("phases", assertThrows(RequestRejected.class, () -> o.integer("phases", 1, 3)).field());
    }

    @Test
    void aNumberOutOfRangeIsRefused() throws RequestRejected {
        JsonObject o = ev("{\"action\": \"plug\", \"maxCurrentA\": 1e400}");
        assertEquals("maxCurrentA", assertThrows(RequestRejected.class,
                () -> o.number("maxCurrentA", 0, 80)).field());
        JsonObject high = ev("{\"action\": \"plug\", \"maxCurrentA\": 80.5}");
        assertThrows(RequestRejected.class, () -> high.number("maxCurrentA", 0, 80));
    }

    @Test
    void missingAndNullFieldsAreAbsentForOptionalReadsAndRefusedForRequiredOnes() throws RequestRejected {
        JsonObject o = ev("{\"maxCurrentA\": null}");
        assertNull(o.optionalNumber("maxCurrentA", 0, 80));
        assertNull(o.optionalInteger("phases", 1, 3));
        assertNull(o.optionalText("action"));
        RequestRejected e = assertThrows(RequestRejected.class, () -> o.text("action"));
        assertEquals("missing 'action' (a string)", e.getMessage());
        assertTrue(o.has("maxCurrentA"));
    }

    @Test
    void booleansAreNotCoercedFromStringsOrNumbers() throws RequestRejected {
        JsonObject o = StrictJson.object("{\"a\": \"true\", \"b\": 1, \"c\": false}".getBytes(UTF_8),
                Set.of("a", "b", "c"), "{}");
        assertThrows(RequestRejected.class, () -> o.bool("a"));
        assertThrows(RequestRejected.class, () -> o.bool("b"));
        assertEquals(false, o.bool("c"));
    }

    @Test
    void anUnrangedNumberIsFiniteAndItsJsonCanBeQuoted() throws RequestRejected {
        JsonObject o = StrictJson.object("{\"a\": -5, \"b\": \"x\", \"c\": 1e999}".getBytes(UTF_8),
                Set.of("a", "b", "c"), "{}");
        assertEquals(-5.0, o.number("a"));
        assertEquals("'b' must be a number, was \"x\"", assertThrows(RequestRejected.class, () -> o.number("b"))
                .getMessage());
        assertThrows(RequestRejected.class, () -> o.number("c"));
        assertEquals("\"x\"", o.json("b"));
        assertNull(o.json("d"));
    }
}
