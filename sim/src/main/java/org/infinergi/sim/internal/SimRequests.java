package org.infinergi.sim.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Validation of the world's request bodies besides the EV's: {@code POST /api/sim/fault}, {@code /cable},
 * {@code /temperature}. Each parse yields a value or an error body naming what was wrong (→ HTTP 400).
 */
public final class SimRequests {

    /** Lowest and highest enclosure temperature accepted, °C (the NTC's useful range). */
    public static final double MIN_CELSIUS = -40.0;
    public static final double MAX_CELSIUS = 150.0;

    private SimRequests() {
    }

    /** Outcome of parsing: exactly one of value and error is non-null. */
    public record Parsed<T>(T value, Map<String, Object> error) {
    }

    /** A fault request: {@code {"fault": "V2", "active": true, "variant": "…"}}. */
    public record FaultRequest(SimFault fault, String variant, boolean active) {
    }

    /** A cable request: the PP resistor, ohms, or null for no cable. */
    public record CableRequest(Double resistanceOhm) {
    }

    /** Validates loose arguments (shell). */
    public static Parsed<FaultRequest> fault(String code, String active, String variant) {
        var f = SimFault.parse(code);
        if (f.isEmpty()) {
            return faultError(code == null ? "missing 'fault'" : "unknown fault '" + code + "'");
        }
        Boolean on = active == null ? null : switch (active.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "1" -> Boolean.TRUE;
            case "false", "off", "0" -> Boolean.FALSE;
            default -> null;
        };
        if (on == null) {
            return faultError(active == null ? "missing 'active' (true or false)"
                    : "'active' must be true or false, was '" + active + "'");
        }
        return fault(f.get(), variant, on);
    }

    private static Parsed<FaultRequest> fault(SimFault f, String variant, boolean active) {
        String v = SimFault.normalise(variant);
        if (v != null && f.simulated() && !f.variants().contains(v)) {
            Map<String, Object> body = error("fault " + f + " has no variant '" + variant + "'");
            body.put("allowedVariants", f.variants());
            return new Parsed<>(null, body);
        }
        return new Parsed<>(new FaultRequest(f, v, active), null);
    }

    /** Parses a fault JSON body. */
    public static Parsed<FaultRequest> fault(ObjectMapper mapper, String body) {
        JsonNode root = object(mapper, body);
        if (root == null) {
            return faultError(notAnObject(mapper, body, "{\"fault\": \"V2\", \"active\": true}"));
        }
        JsonNode fault = root.get("fault");
        if (fault == null || fault.isNull()) {
            return faultError("missing 'fault'");
        }
        if (!fault.isTextual()) {
            return faultError("'fault' must be a string (a manual §9.1 code such as \"V2\")");
        }
        var f = SimFault.parse(fault.asText());
        if (f.isEmpty()) {
            return faultError("unknown fault '" + fault.asText() + "'");
        }
        JsonNode active = root.get("active");
        if (active == null || active.isNull()) {
            return faultError("missing 'active' (true or false)");
        }
        if (!active.isBoolean()) {
            return faultError("'active' must be true or false, was " + active);
        }
        JsonNode variant = root.get("variant");
        if (variant != null && !variant.isNull() && !variant.isTextual()) {
            return faultError("'variant' must be a string");
        }
        return fault(f.get(), variant == null || variant.isNull() ? null : variant.asText(), active.asBoolean());
    }

    /** Parses a cable JSON body: {@code {"resistanceOhm": 220}} or {@code {"resistanceOhm": null}} (no cable). */
    public static Parsed<CableRequest> cable(ObjectMapper mapper, String body) {
        JsonNode root = object(mapper, body);
        if (root == null) {
            return new Parsed<>(null, error(notAnObject(mapper, body, "{\"resistanceOhm\": 220}")));
        }
        if (!root.has("resistanceOhm")) {
            return new Parsed<>(null, error("missing 'resistanceOhm' (ohms, or null for no cable in the socket)"));
        }
        JsonNode r = root.get("resistanceOhm");
        if (r.isNull()) {
            return new Parsed<>(new CableRequest(null), null);
        }
        return cable(r.isNumber() ? r.asDouble() : Double.NaN, r.toString());
    }

    /** Validates a cable resistance (shell). */
    public static Parsed<CableRequest> cable(double ohm, String given) {
        if (!(ohm > 0.0) || !Double.isFinite(ohm)) {
            return new Parsed<>(null, error("'resistanceOhm' must be a number above 0 (or null for no cable), was " + given));
        }
        return new Parsed<>(new CableRequest(ohm), null);
    }

    /** Parses a temperature JSON body: {@code {"celsius": 25}}. */
    public static Parsed<Double> temperature(ObjectMapper mapper, String body) {
        JsonNode root = object(mapper, body);
        if (root == null) {
            return new Parsed<>(null, error(notAnObject(mapper, body, "{\"celsius\": 25}")));
        }
        JsonNode c = root.get("celsius");
        if (c == null || c.isNull()) {
            return new Parsed<>(null, error("missing 'celsius'"));
        }
        return temperature(c.isNumber() ? c.asDouble() : Double.NaN, c.toString());
    }

    /** Validates a temperature (shell). */
    public static Parsed<Double> temperature(double celsius, String given) {
        if (!(celsius >= MIN_CELSIUS && celsius <= MAX_CELSIUS)) {
            return new Parsed<>(null, error("'celsius' must be a number from " + MIN_CELSIUS + " to " + MAX_CELSIUS
                    + ", was " + given));
        }
        return new Parsed<>(celsius, null);
    }

    private static JsonNode object(ObjectMapper mapper, String body) {
        try {
            JsonNode root = mapper.readTree(body == null ? "" : body);
            return root != null && root.isObject() ? root : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String notAnObject(ObjectMapper mapper, String body, String example) {
        if (body == null || body.isBlank()) {
            return "empty body: expected a JSON object like " + example;
        }
        try {
            mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return "body is not valid JSON: " + e.getOriginalMessage();
        }
        return "body must be a JSON object like " + example;
    }

    private static <T> Parsed<T> faultError(String message) {
        Map<String, Object> body = error(message);
        body.put("allowedFaults", SimFault.names());
        return new Parsed<>(null, body);
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return body;
    }
}
