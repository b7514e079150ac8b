package org.infinergi.feature.web.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerControl.Result;

import org.infinergi.web.json.JsonObject;
import org.infinergi.web.json.RequestRejected;
import org.infinergi.web.json.StrictJson;

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
     * The action a request body names, read strictly (one object, no other field, the name exactly as listed: the
     * same case-sensitive reading as every other endpoint). Throws with a message naming what was wrong, so a client
     * can correct its request.
     */
    static ControlActions parse(byte[] body) throws RequestRejected {
        return named(actionName(body));
    }

    /** The {@code action} of a request body, read strictly. */
    static String actionName(byte[] body) throws RequestRejected {
        JsonObject json = StrictJson.object(body, Set.of("action"), "{\"action\": \"reset\"}");
        return json.text("action");
    }

    /** The core's action of that name; an unknown one is refused naming it. */
    static ControlActions named(String action) throws RequestRejected {
        for (ControlActions a : values()) {
            if (a.wire.equals(action)) {
                return a;
            }
        }
        throw RequestRejected.badRequest("action", String.format(Locale.ROOT, "unknown action '%s'", action));
    }
}
