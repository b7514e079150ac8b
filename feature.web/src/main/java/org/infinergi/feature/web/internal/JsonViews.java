package org.infinergi.feature.web.internal;

import java.time.Duration;
import java.util.List;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.PhaseReading;
import org.infinergi.core.charging.api.ErrorRecord;
import org.infinergi.core.charging.api.SessionRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of the REST API. Field names are a public contract (web page, installers' scripts,
 * tests), so they are spelled out here rather than derived from Java names that may be refactored.
 */
final class JsonViews {

    private JsonViews() {
    }

    static ObjectNode status(ObjectMapper mapper, ChargerStatus s) {
        ObjectNode o = mapper.createObjectNode();
        o.put("model", s.model());
        o.put("state", s.state().name());
        o.put("stateText", s.state().text());
        o.put("pilot", s.pilot() == null ? null : s.pilot().name());
        o.put("offeredCurrentA", round(s.offeredCurrentA(), 1));
        o.put("dutyCyclePct", round(s.dutyCyclePct(), 1));
        o.put("contactorClosed", s.contactorClosed());
        o.put("limitedBy", s.limitedBy());
        o.put("mode", s.mode() == null ? null : s.mode().name());
        o.put("activeProgram", s.activeProgram());
        o.put("powerW", round(s.powerW(), 0));
        o.put("sessionEnergyWh", round(s.sessionEnergyWh(), 1));
        o.put("error", s.error());
        o.put("errorCategory", s.errorCategory());
        s.activeErrors().forEach(o.putArray("activeErrors")::add);
        o.put("detail", s.detail());
        o.put("configurationError", s.configurationError());
        ArrayNode rejected = o.putArray("rejectedConfigurations");
        s.rejectedConfigurations().forEach(r -> rejected.addObject().put("pid", r.pid()).put("key", r.key())
                .put("value", r.value()).put("reason", r.reason()));
        o.put("at", s.at() == null ? null : s.at().toString());
        return o;
    }

    /**
     * Manual §6.1.1 G and H on the Home page: {@code sessionStart}, {@code sessionEnd} (null while it lasts) and
     * {@code sessionDurationS} of the current or last session; all null when this bundle has seen no session.
     */
    static void sessionTimes(ObjectNode o, SessionClock clock) {
        SessionClock.Times t = clock == null ? null : clock.times();
        o.put("sessionStart", t == null ? null : t.start().toString());
        o.put("sessionEnd", t == null || t.end() == null ? null : t.end().toString());
        if (t == null) {
            o.putNull("sessionDurationS");
        } else {
            o.put("sessionDurationS", t.duration(clock.now()).toSeconds());
        }
    }

    static ArrayNode sessions(ObjectMapper mapper, List<SessionRecord> sessions) {
        ArrayNode a = mapper.createArrayNode();
        for (SessionRecord r : sessions) {
            ObjectNode o = a.addObject();
            o.put("id", r.id());
            o.put("start", r.start().toString());
            o.put("end", r.end().toString());
            o.put("durationS", r.end().getEpochSecond() - r.start().getEpochSecond());
            o.put("energyWh", round(r.energyWh(), 1));
            // Manual §9.2: the session's energy split into green (the site's surplus) and grid.
            o.put("greenEnergyWh", round(r.greenEnergyWh(), 1));
            o.put("gridEnergyWh", round(r.gridEnergyWh(), 1));
            o.put("peakPowerW", round(r.peakPowerW(), 0));
            o.put("mode", r.mode() == null ? null : r.mode().name());
            o.put("endReason", r.endReason());
            o.put("idTag", r.idTag());
        }
        return a;
    }

    static ArrayNode errors(ObjectMapper mapper, List<ErrorRecord> errors) {
        ArrayNode a = mapper.createArrayNode();
        for (ErrorRecord r : errors) {
            ObjectNode o = a.addObject();
            o.put("id", r.id());
            o.put("code", r.code().name());
            o.put("category", r.code().category().number());
            o.put("title", r.code().title());
            o.put("raised", r.raised().toString());
            o.put("cleared", r.cleared() == null ? null : r.cleared().toString());
            o.put("detail", r.detail());
        }
        return a;
    }

    /**
     * {@code GET /api/readings} (manual §5.2 "Info → Electrical readings"): {@code grid}, the reading features use
     * (+ import, − export), and {@code meters}, every meter the charger reads. A value the meter does not give (a
     * stale meter's, the CTs' energy) is null, never NaN or the last good value.
     */
    static ObjectNode readings(ObjectMapper mapper, ElectricalReading grid, List<ElectricalReading> meters) {
        ObjectNode o = mapper.createObjectNode();
        reading(o.putObject("grid"), grid);
        ArrayNode a = o.putArray("meters");
        meters.forEach(m -> reading(a.addObject(), m));
        return o;
    }

    private static void reading(ObjectNode o, ElectricalReading r) {
        o.put("role", r.role());
        o.put("source", r.source());
        o.put("model", r.model());
        o.put("inUse", r.inUse());
        o.put("status", r.status().name());
        o.put("at", r.at() == null ? null : r.at().toString());
        o.put("ageMs", r.ageMs());
        ArrayNode phases = o.putArray("phases");
        for (PhaseReading p : r.phases()) {
            ObjectNode ph = phases.addObject();
            number(ph, "voltageV", p.voltageV(), 1);
            number(ph, "currentA", p.currentA(), 2);
            number(ph, "powerW", p.powerW(), 0);
        }
        number(o, "powerW", r.powerW(), 0);
        number(o, "energyWh", r.energyWh(), 1);
    }

    /** A measured value, rounded; null when absent or not a number (a meter without per-phase values). */
    private static void number(ObjectNode o, String name, Double v, int decimals) {
        if (v == null || !Double.isFinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, round(v, decimals));
        }
    }

    /**
     * {@code GET /api/session}: who is logged in ({@code user}, {@code role}) and, for a session, its {@code csrfToken}
     * and {@code idleExpiryS}; with {@code include=status} also {@code status} (null while the core is not running).
     * Also what index.html holds for a browser that comes with a session ({@link PagesServlet}).
     */
    static ObjectNode session(ObjectMapper mapper, WebLogins.Login login, Session session, Duration idleExpiry,
            CurrentStatus status) {
        ObjectNode o = mapper.createObjectNode().put("user", login.userName).put("role", login.level.name());
        if (session != null) {
            o.put("csrfToken", session.csrfToken);
            o.put("idleExpiryS", idleExpiry.toSeconds());
        }
        if (status != null) {
            o.set("status", status.json(mapper));
        }
        return o;
    }

    static ObjectNode error(ObjectMapper mapper, String message) {
        return mapper.createObjectNode().put("error", message);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
