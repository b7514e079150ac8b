package org.infinergi.sim.internal.panel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.infinergi.web.json.JsonObject;
import org.infinergi.web.json.RequestRejected;
import org.infinergi.web.json.StrictJson;

/** {@code POST /api/sim/button} body: {@code {"button": "multi"|…|"left+right", "holdMs": n}} (holdMs default 200). */
record ButtonRequest(String button, long holdMs) {

    /** A request or the 400 body explaining why not. */
    record Parsed(ButtonRequest request, Map<String, Object> error) {
    }

    /** Parses strictly (web.json); the button's name exactly as listed (case-sensitive, like every endpoint). */
    static Parsed parse(String body) {
        try {
            JsonObject n = StrictJson.object(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                    Set.of("button", "holdMs"), "{\"button\": \"multi\", \"holdMs\": 200}");
            String b = n.text("button");
            if (!SimPanel.BUTTONS.contains(b)) {
                return error("unknown button \"" + b + "\"");
            }
            Long hold = n.optionalInteger("holdMs", 1, 600_000);
            return new Parsed(new ButtonRequest(b, hold == null ? 200 : hold), null);
        } catch (RequestRejected e) {
            return error(e.getMessage());
        }
    }

    private static Parsed error(String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("error", message);
        e.put("allowedButtons", SimPanel.BUTTONS);
        return new Parsed(null, e);
    }
}
