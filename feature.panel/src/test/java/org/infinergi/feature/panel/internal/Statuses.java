package org.infinergi.feature.panel.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.PilotState;
import org.osgi.service.event.Event;

/** Charger snapshots for tests, and the core's STATUS_CHANGED event that tells one (docs/events.md). */
final class Statuses {

    private Statuses() {
    }

    static ChargerStatus of(ChargerState state, PilotState pilot, double offeredA, boolean contactor, String error,
            ChargingMode mode) {
        return new ChargerStatus("INFINERGI-3T", state, pilot, offeredA, 0, contactor, null, mode, 0, 0, error, "",
                Instant.EPOCH);
    }

    static ChargerStatus withDetail(ChargerState state, PilotState pilot, double offeredA, String detail) {
        return new ChargerStatus("INFINERGI-3T", state, pilot, offeredA, 0, false, null, ChargingMode.FAST, 0, 0,
                null, detail, Instant.EPOCH);
    }

    static ChargerStatus of(ChargerState state, PilotState pilot, double offeredA, boolean contactor) {
        return of(state, pilot, offeredA, contactor, null, ChargingMode.FAST);
    }

    static ChargerStatus of(ChargerState state) {
        return of(state, PilotState.A, 0, false);
    }

    static ChargerStatus error(String code) {
        return of(ChargerState.ERROR, PilotState.B, 0, false, code, ChargingMode.FAST);
    }

    /** The core's {@code STATUS_CHANGED} for {@code s}, its properties as docs/events.md lists them. */
    static Event event(ChargerStatus s) {
        Map<String, Object> p = new HashMap<>();
        p.put(ChargerEvents.STATE, s.state().name());
        if (s.error() != null) {
            p.put(ChargerEvents.ERROR_CODE, s.error());
        }
        if (s.detail() != null && !s.detail().isEmpty()) {
            p.put(ChargerEvents.DETAIL, s.detail());
        }
        if (s.pilot() != null) {
            p.put(ChargerEvents.PILOT_STATE, s.pilot().name());
        }
        p.put(ChargerEvents.OFFERED_CURRENT_A, s.offeredCurrentA());
        p.put(ChargerEvents.CONTACTOR_CLOSED, s.contactorClosed());
        if (s.mode() != null) {
            p.put(ChargerEvents.MODE, s.mode().name());
        }
        p.put(ChargerEvents.TIMESTAMP, s.at().toEpochMilli());
        return new Event(ChargerEvents.STATUS_CHANGED, p);
    }
}
