package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.SessionRecord;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the core tells Event Admin after a cycle (docs/events.md): a pure function of the state the cycle started
 * from and what it decided, so the events are exactly the changes the status and the history show.
 */
final class CoreEvents {

    private static final Logger LOG = LoggerFactory.getLogger(CoreEvents.class);

    private CoreEvents() {
    }

    /** The events of the control cycle at {@code now} that started from {@code before} and decided {@code d}. */
    static List<Event> of(CoreState before, ControlDecision d, Instant now) {
        List<Event> out = new ArrayList<>(2);
        if (before.state() != d.state()) {
            out.add(stateChanged(before.state(), d.state(), d.detail(), d.error(), now));
        }
        for (ErrorEvent e : d.errorEvents()) {
            out.add(error(e));
        }
        for (SessionEvent e : d.events()) {
            // A session's end is told once the store holds it (ChargingCore.recordEnded), not here.
            if (e.kind() == SessionEvent.Kind.STARTED) {
                out.add(session(true, e.record(), d.next().access().authorizedBy()));
            }
        }
        return out;
    }

    /**
     * The events of a cycle that failed: the core raised {@code code} itself and shows ERROR (ChargingCore's fault
     * path, outside the control logic).
     */
    static List<Event> fault(CoreState before, ErrorCode code, String detail, Instant at) {
        List<Event> out = new ArrayList<>(2);
        if (before.state() != ChargerState.ERROR) {
            out.add(stateChanged(before.state(), ChargerState.ERROR, detail, code.name(), at));
        }
        if (!before.errors().containsKey(code)) {
            out.add(error(new ErrorEvent(ErrorEvent.Kind.RAISED, code, at, detail)));
        }
        return out;
    }

    /**
     * What a display shows, after a cycle (or a failed cycle) that turned {@code before} into {@code after}: one
     * {@link ChargerEvents#STATUS_CHANGED} when a field a display shows differs (state, error, pilot state, mode,
     * offered current, contactor, detail), none when only the power, the energy or the time moved, so that the
     * panel and the web page follow the charger without reading the status at every tick.
     *
     * @param before the status before the cycle, or null when there was none
     */
    static List<Event> statusChanged(ChargerStatus before, ChargerStatus after) {
        if (after == null || (before != null && sameDisplay(before, after))) {
            return List.of();
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ChargerEvents.STATE, after.state().name());
        if (before != null) {
            p.put(ChargerEvents.PREVIOUS_STATE, before.state().name());
        }
        putIf(p, ChargerEvents.ERROR_CODE, after.error());
        if (after.error() != null && after.errorCategory() > 0) {
            p.put(ChargerEvents.ERROR_CATEGORY, after.errorCategory());
        }
        putIf(p, ChargerEvents.DETAIL, after.detail());
        putIf(p, ChargerEvents.PILOT_STATE, after.pilot() == null ? null : after.pilot().name());
        p.put(ChargerEvents.OFFERED_CURRENT_A, after.offeredCurrentA());
        p.put(ChargerEvents.CONTACTOR_CLOSED, after.contactorClosed());
        putIf(p, ChargerEvents.MODE, after.mode() == null ? null : after.mode().name());
        return List.of(event(ChargerEvents.STATUS_CHANGED, p, after.at()));
    }

    private static boolean sameDisplay(ChargerStatus a, ChargerStatus b) {
        return a.state() == b.state() && Objects.equals(a.error(), b.error()) && a.pilot() == b.pilot()
                && a.mode() == b.mode() && a.offeredCurrentA() == b.offeredCurrentA()
                && a.contactorClosed() == b.contactorClosed() && Objects.equals(a.detail(), b.detail());
    }

    /** A session the core ends itself (it stops while a vehicle is connected). */
    static List<Event> stopped(SessionRecord record, String idTag) {
        return List.of(session(false, record, idTag));
    }

    /**
     * Hands {@code events} to Event Admin, asynchronously: the control loop never waits for a listener, and a
     * failing or vanishing Event Admin never fails a cycle.
     */
    static void post(EventAdmin admin, List<Event> events) {
        if (admin == null || events.isEmpty()) {
            return;
        }
        for (Event e : events) {
            try {
                admin.postEvent(e);
            } catch (RuntimeException ex) {
                LOG.debug("Event {} not posted: {}", e.getTopic(), ex.toString());
            }
        }
    }

    private static Event stateChanged(ChargerState from, ChargerState to, String detail, String error, Instant at) {
        Map<String, Object> p = new HashMap<>();
        p.put(ChargerEvents.STATE, to.name());
        p.put(ChargerEvents.PREVIOUS_STATE, from.name());
        putIf(p, ChargerEvents.DETAIL, detail);
        putIf(p, ChargerEvents.ERROR_CODE, error);
        return event(ChargerEvents.STATE_CHANGED, p, at);
    }

    private static Event error(ErrorEvent e) {
        Map<String, Object> p = new HashMap<>();
        p.put(ChargerEvents.ERROR_CODE, e.code().name());
        p.put(ChargerEvents.ERROR_CATEGORY, e.code().category().number());
        p.put(ChargerEvents.ERROR_TITLE, e.code().title());
        putIf(p, ChargerEvents.DETAIL, e.detail());
        return event(e.kind() == ErrorEvent.Kind.RAISED ? ChargerEvents.ERROR_RAISED : ChargerEvents.ERROR_CLEARED,
                p, e.at());
    }

    private static Event session(boolean started, SessionRecord r, String idTag) {
        Map<String, Object> p = new HashMap<>();
        p.put(ChargerEvents.SESSION_ID, r.start().toEpochMilli());
        putIf(p, ChargerEvents.MODE, r.mode() == null ? null : r.mode().name());
        putIf(p, ChargerEvents.ID_TAG, idTag);
        if (!started) {
            p.put(ChargerEvents.ENERGY_WH, r.energyWh());
            p.put(ChargerEvents.PEAK_POWER_W, r.peakPowerW());
            putIf(p, ChargerEvents.END_REASON, r.endReason());
        }
        return event(started ? ChargerEvents.SESSION_STARTED : ChargerEvents.SESSION_STOPPED, p,
                started ? r.start() : r.end());
    }

    private static Event event(String topic, Map<String, Object> p, Instant at) {
        if (at != null) {
            p.put(ChargerEvents.TIMESTAMP, at.toEpochMilli());
        }
        return new Event(topic, p);
    }

    private static void putIf(Map<String, Object> p, String key, String value) {
        if (value != null && !value.isEmpty()) {
            p.put(key, value);
        }
    }
}
