package org.infinergi.sim.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A validated sim action: {@code {"action": "plug"|…, "maxCurrentA": n, "phases": 1|3}}. Parsing either
 * yields a request or an error body naming what was wrong and the allowed actions (→ HTTP 400).
 *
 * @param action      the action
 * @param maxCurrentA EV maximum current, or null
 * @param phases      EV phases, or null
 */
public record EvRequest(EvAction action, Double maxCurrentA, Integer phases) {

    /** Highest EV current accepted, amperes (IEC 61851-1 duty-cycle range ends at 80 A). */
    public static final double MAX_CURRENT_A = 80.0;

    /** Outcome of parsing: exactly one of request and error is non-null. */
    public record Parsed(EvRequest request, Map<String, Object> error) {
    }

    /** Validates loose arguments (shell): action name, optional max current and phases. */
    public static Parsed of(String action, Double maxCurrentA, Integer phases) {
        var a = EvAction.parse(action);
        if (a.isEmpty()) {
            return error(action == null ? "missing 'action'" : "unknown action '" + action + "'");
        }
        if (maxCurrentA != null && (!(maxCurrentA > 0.0) || maxCurrentA > MAX_CURRENT_A)) {
            return error("'maxCurrentA' must be a number above 0 and at most " + MAX_CURRENT_A + ", was " + maxCurrentA);
        }
        if (phases != null && phases != 1 && phases != 3) {
            return error("'phases' must be 1 or 3, was " + phases);
        }
        return new Parsed(new EvRequest(a.get(), maxCurrentA, phases), null);
    }

    /** Parses a JSON body. */
    public static Parsed parse(ObjectMapper mapper, String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return error("body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return error("body must be a JSON object like {\"action\": \"plug\", \"maxCurrentA\": 32, \"phases\": 3}");
        }
        JsonNode action = root.get("action");
        if (action == null || action.isNull()) {
            return error("missing 'action'");
        }
        if (!action.isTextual()) {
            return error("'action' must be a string");
        }
        Double max = null;
        JsonNode m = root.get("maxCurrentA");
        if (m != null && !m.isNull()) {
            if (!m.isNumber()) {
                return error("'maxCurrentA' must be a number");
            }
            max = m.asDouble();
        }
        Integer phases = null;
        JsonNode p = root.get("phases");
        if (p != null && !p.isNull()) {
            if (!p.isIntegralNumber()) {
                return error("'phases' must be 1 or 3");
            }
            phases = p.asInt();
        }
        return of(action.asText(), max, phases);
    }

    private static Parsed error(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("allowedActions", EvAction.names());
        return new Parsed(null, body);
    }
}
