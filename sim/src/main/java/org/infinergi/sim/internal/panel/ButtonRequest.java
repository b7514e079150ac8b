package org.infinergi.sim.internal.panel;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code POST /api/sim/button} body: {@code {"button": "multi"|…|"left+right", "holdMs": n}} (holdMs default 200). */
record ButtonRequest(String button, long holdMs) {

    /** A request or the 400 body explaining why not. */
    record Parsed(ButtonRequest request, Map<String, Object> error) {
    }

    static Parsed parse(ObjectMapper mapper, String body) {
        JsonNode n;
        try {
            n = mapper.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return error("body is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            return error("body must be a JSON object");
        }
        JsonNode b = n.get("button");
        if (b == null || !b.isTextual() || !SimPanel.BUTTONS.contains(b.asText().trim().toLowerCase(java.util.Locale.ROOT))) {
            return error("unknown button " + (b == null ? "(missing)" : b.toString()));
        }
        long hold = 200;
        JsonNode h = n.get("holdMs");
        if (h != null) {
            if (!h.isNumber() || h.asLong() < 1 || h.asLong() > 600_000) {
                return error("holdMs must be a number in [1, 600000], was " + h);
            }
            hold = h.asLong();
        }
        return new Parsed(new ButtonRequest(b.asText(), hold), null);
    }

    private static Parsed error(String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("error", message);
        e.put("allowedButtons", SimPanel.BUTTONS);
        return new Parsed(null, e);
    }
}
