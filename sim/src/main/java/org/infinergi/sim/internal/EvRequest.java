package org.infinergi.sim.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.infinergi.web.json.JsonObject;
import org.infinergi.web.json.RequestRejected;
import org.infinergi.web.json.StrictJson;

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

    /** Parses a JSON body strictly (web.json: one object, these fields only, no number truncated). */
    public static Parsed parse(String body) {
        try {
            JsonObject o = StrictJson.object(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                    Set.of("action", "maxCurrentA", "phases"),
                    "{\"action\": \"plug\", \"maxCurrentA\": 32, \"phases\": 3}");
            String action = o.text("action");
            Double max = o.optionalNumber("maxCurrentA", 0.0, MAX_CURRENT_A);
            Long phases = o.optionalInteger("phases", 1, 3);
            return of(action, max, phases == null ? null : phases.intValue());
        } catch (RequestRejected e) {
            return error(e.getMessage());
        }
    }

    private static Parsed error(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("allowedActions", EvAction.names());
        return new Parsed(null, body);
    }
}
