package org.infinergi.feature.web.internal;

import java.util.List;
import java.util.Locale;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerControl.Result;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The requests {@code POST /api/control} accepts, each one of {@link ChargerControl}: the web's
 * counterparts of the multifunction button (manual §6.2.1) and of the reset that manual §9.1 asks for.
 */
enum ControlActions {
    PAUSE("pause") {
        @Override
        Result apply(ChargerControl c) {
            return c.pause();
        }
    },
    RESUME("resume") {
        @Override
        Result apply(ChargerControl c) {
            return c.resume();
        }
    },
    /** Manual §9.1: "press the multifunction button to reset the device" — here from the web. */
    RESET("reset") {
        @Override
        Result apply(ChargerControl c) {
            return c.attemptRecovery();
        }
    },
    OUT_OF_SERVICE("outOfService") {
        @Override
        Result apply(ChargerControl c) {
            return c.setOutOfService(true);
        }
    },
    IN_SERVICE("inService") {
        @Override
        Result apply(ChargerControl c) {
            return c.setOutOfService(false);
        }
    };

    static final List<String> NAMES = List.of("pause", "resume", "reset", "outOfService", "inService");

    private final String wire;

    ControlActions(String wire) {
        this.wire = wire;
    }

    abstract Result apply(ChargerControl control);

    /**
     * The action a request body names. Throws with a message naming what was wrong and the allowed
     * actions, so a client can correct its request.
     */
    static ControlActions parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object like {\"action\": \"reset\"}");
        }
        JsonNode action = body.get("action");
        if (action == null || !action.isTextual()) {
            throw new IllegalArgumentException("field 'action' is missing or not a string");
        }
        for (ControlActions a : values()) {
            if (a.wire.equals(action.asText())) {
                return a;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown action '%s'", action.asText()));
    }
}
