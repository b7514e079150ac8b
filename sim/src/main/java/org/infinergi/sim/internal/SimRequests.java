package org.infinergi.sim.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.infinergi.web.json.JsonObject;
import org.infinergi.web.json.RequestRejected;
import org.infinergi.web.json.StrictJson;

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
        String v = variant; // case-sensitive, exactly as the fault's variants are listed
        if (v != null && f.simulated() && !f.variants().contains(v)) {
            Map<String, Object> body = error("fault " + f + " has no variant '" + variant + "'");
            body.put("allowedVariants", f.variants());
            return new Parsed<>(null, body);
        }
        return new Parsed<>(new FaultRequest(f, v, active), null);
    }

    /** Parses a fault JSON body strictly (web.json). */
    public static Parsed<FaultRequest> fault(String body) {
        try {
            JsonObject o = object(body, Set.of("fault", "active", "variant"), "{\"fault\": \"V2\", \"active\": true}");
            String code = o.text("fault");
            var f = SimFault.parse(code);
            if (f.isEmpty()) {
                return faultError("unknown fault '" + code + "'");
            }
            boolean active = o.bool("active");
            return fault(f.get(), o.optionalText("variant"), active);
        } catch (RequestRejected e) {
            return faultError(e.getMessage());
        }
    }

    /** Parses a cable JSON body: {@code {"resistanceOhm": 220}} or {@code {"resistanceOhm": null}} (no cable). */
    public static Parsed<CableRequest> cable(String body) {
        JsonObject o;
        try {
            o = object(body, Set.of("resistanceOhm"), "{\"resistanceOhm\": 220}");
        } catch (RequestRejected e) {
            return new Parsed<>(null, error(e.getMessage()));
        }
        if (!o.has("resistanceOhm")) {
            return new Parsed<>(null, error("missing 'resistanceOhm' (ohms, or null for no cable in the socket)"));
        }
        if (o.absent("resistanceOhm")) {
            return new Parsed<>(new CableRequest(null), null);
        }
        try {
            return cable(o.number("resistanceOhm"), o.json("resistanceOhm"));
        } catch (RequestRejected e) {
            return cable(Double.NaN, o.json("resistanceOhm"));
        }
    }

    /** Validates a cable resistance (shell). */
    public static Parsed<CableRequest> cable(double ohm, String given) {
        if (!(ohm > 0.0) || !Double.isFinite(ohm)) {
            return new Parsed<>(null, error("'resistanceOhm' must be a number above 0 (or null for no cable), was " + given));
        }
        return new Parsed<>(new CableRequest(ohm), null);
    }

    /** Parses a temperature JSON body: {@code {"celsius": 25}}. */
    public static Parsed<Double> temperature(String body) {
        try {
            JsonObject o = object(body, Set.of("celsius"), "{\"celsius\": 25}");
            return temperature(o.number("celsius"), o.json("celsius"));
        } catch (RequestRejected e) {
            return new Parsed<>(null, error(e.getMessage()));
        }
    }

    /** Validates a temperature (shell). */
    public static Parsed<Double> temperature(double celsius, String given) {
        if (!(celsius >= MIN_CELSIUS && celsius <= MAX_CELSIUS)) {
            return new Parsed<>(null, error("'celsius' must be a number from " + MIN_CELSIUS + " to " + MAX_CELSIUS
                    + ", was " + given));
        }
        return new Parsed<>(celsius, null);
    }

    private static JsonObject object(String body, Set<String> fields, String example) throws RequestRejected {
        return StrictJson.object(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), fields, example);
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
