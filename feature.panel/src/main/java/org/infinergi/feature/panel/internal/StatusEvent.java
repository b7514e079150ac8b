package org.infinergi.feature.panel.internal;

import java.time.Instant;
import java.util.Locale;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.PilotState;
import org.osgi.service.event.Event;

/**
 * The core's {@link ChargerEvents#STATUS_CHANGED} read back as the status the logo needs (docs/events.md): state,
 * error, detail, pilot state, mode, offered current and contactor come from the event; what the event does not
 * carry (model, duty cycle, power, energy, limit) is left empty, and the panel reads none of it.
 */
final class StatusEvent {

    private StatusEvent() {
    }

    /** The status {@code e} tells, or null when it is no readable STATUS_CHANGED (no or an unknown state). */
    static ChargerStatus parse(Event e) {
        ChargerState state = parseEnum(ChargerState.class, e.getProperty(ChargerEvents.STATE));
        if (state == null) {
            return null;
        }
        PilotState pilot = parseEnum(PilotState.class, e.getProperty(ChargerEvents.PILOT_STATE));
        ChargingMode mode = parseEnum(ChargingMode.class, e.getProperty(ChargerEvents.MODE));
        double offered = e.getProperty(ChargerEvents.OFFERED_CURRENT_A) instanceof Number n ? n.doubleValue() : 0;
        boolean contactor = Boolean.TRUE.equals(e.getProperty(ChargerEvents.CONTACTOR_CLOSED));
        String error = e.getProperty(ChargerEvents.ERROR_CODE) instanceof String s ? s : null;
        String detail = e.getProperty(ChargerEvents.DETAIL) instanceof String s ? s : "";
        Instant at = e.getProperty(ChargerEvents.TIMESTAMP) instanceof Long t
                ? Instant.ofEpochMilli(t) : Instant.EPOCH;
        return new ChargerStatus(null, state, pilot, offered, 0, contactor, null, mode, 0, 0, error, detail, at);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
