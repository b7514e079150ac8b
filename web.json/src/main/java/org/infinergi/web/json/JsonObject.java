package org.infinergi.web.json;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request's JSON object, read field by field with the type and range each field must have. Every refusal is an
 * HTTP 400 whose message names the field and what it was; a number is never truncated or rounded into range
 * ({@code "phases": 4294967299} is refused, not read as 3).
 */
public final class JsonObject {

    private final ObjectNode node;

    JsonObject(ObjectNode node) {
        this.node = node;
    }

    /** Whether the field is present (null included). */
    public boolean has(String field) {
        return node.has(field);
    }

    /** Whether the field is absent or JSON null. */
    public boolean absent(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull();
    }

    /** A string field that must be present. */
    public String text(String field) throws RequestRejected {
        JsonNode v = required(field, "a string");
        if (!v.isTextual()) {
            throw wrong(field, "a string", v);
        }
        return v.textValue();
    }

    /** An optional string field: null when absent or null. */
    public String optionalText(String field) throws RequestRejected {
        return absent(field) ? null : text(field);
    }

    /** A boolean field that must be present. */
    public boolean bool(String field) throws RequestRejected {
        JsonNode v = required(field, "true or false");
        if (!v.isBoolean()) {
            throw wrong(field, "true or false", v);
        }
        return v.booleanValue();
    }

    /** An optional integer field within [{@code min}, {@code max}]: null when absent or null. */
    public Long optionalInteger(String field, long min, long max) throws RequestRejected {
        return absent(field) ? null : integer(field, min, max);
    }

    /** An integer field within [{@code min}, {@code max}] that must be present. */
    public long integer(String field, long min, long max) throws RequestRejected {
        String expected = "an integer from " + min + " to " + max;
        JsonNode v = required(field, expected);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw wrong(field, expected, v);
        }
        return v.longValue();
    }

    /** A finite number field that must be present, for a caller that checks the range with its own words. */
    public double number(String field) throws RequestRejected {
        JsonNode v = required(field, "a number");
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw wrong(field, "a number", v);
        }
        return v.doubleValue();
    }

    /** The field's value as JSON text (for a message quoting what the client sent), or null when absent. */
    public String json(String field) {
        JsonNode v = node.get(field);
        return v == null ? null : v.toString();
    }

    /** An optional number field within [{@code min}, {@code max}]: null when absent or null. */
    public Double optionalNumber(String field, double min, double max) throws RequestRejected {
        return absent(field) ? null : number(field, min, max);
    }

    /** A number field within [{@code min}, {@code max}] that must be present. */
    public double number(String field, double min, double max) throws RequestRejected {
        String expected = "a number from " + plain(min) + " to " + plain(max);
        JsonNode v = required(field, expected);
        if (!v.isNumber()) {
            throw wrong(field, expected, v);
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d) || d < min || d > max) {
            throw wrong(field, expected, v);
        }
        return d;
    }

    private JsonNode required(String field, String expected) throws RequestRejected {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw RequestRejected.badRequest(field, "missing '" + field + "' (" + expected + ")");
        }
        return v;
    }

    private static RequestRejected wrong(String field, String expected, JsonNode was) {
        return RequestRejected.badRequest(field, "'" + field + "' must be " + expected + ", was " + was);
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
