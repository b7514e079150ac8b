package org.infinergi.feature.web.internal;

import java.util.List;

import org.infinergi.core.charging.api.ChargerStatus;
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

    static ArrayNode sessions(ObjectMapper mapper, List<SessionRecord> sessions) {
        ArrayNode a = mapper.createArrayNode();
        for (SessionRecord r : sessions) {
            ObjectNode o = a.addObject();
            o.put("id", r.id());
            o.put("start", r.start().toString());
            o.put("end", r.end().toString());
            o.put("durationS", r.end().getEpochSecond() - r.start().getEpochSecond());
            o.put("energyWh", round(r.energyWh(), 1));
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

    static ObjectNode error(ObjectMapper mapper, String message) {
        return mapper.createObjectNode().put("error", message);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
