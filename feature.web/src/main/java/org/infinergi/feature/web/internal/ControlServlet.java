package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.util.Locale;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerControl.Result;
import org.infinergi.feature.green.api.BoostStatus;
import org.infinergi.feature.green.api.GreenCharging;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import org.infinergi.web.json.RequestRejected;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/control} {@code {"action": "pause"|"resume"|"reset"|"outOfService"|"inService"}}: what the
 * multifunction button does (manual §6.2.1) and the reset of manual §9.1, from the web; {@code "boost"|"boostOff"}:
 * Boost of the Green mode (manual §5.5), when the Green bundle is installed.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/control",
        "osgi.http.whiteboard.servlet.name=infinergi-control",
        WebContext.SELECT })
public final class ControlServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Control requests are a few bytes; a larger body is a mistake or an attack. */
    private static final int MAX_BODY_BYTES = 4096;

    private final transient ObjectMapper mapper = new ObjectMapper();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChargerControl control;

    /** Green mode and Boost (feature.green), absent on a charger without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile GreenCharging green;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ControlActions action;
        try {
            String name = ControlActions.actionName(Bodies.read(req, MAX_BODY_BYTES));
            GreenActions greenAction = GreenActions.named(name);
            if (greenAction != null) {
                green(resp, greenAction);
                return;
            }
            action = ControlActions.named(name);
        } catch (RequestRejected e) {
            reject(resp, e);
            return;
        }
        ChargerControl c = control;
        if (c == null) {
            Responses.json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, mapper,
                    JsonViews.error(mapper, "charging core not running"));
            return;
        }
        Result result = action.apply(c);
        Responses.json(resp, HttpServletResponse.SC_OK, mapper,
                mapper.createObjectNode().put("accepted", result.accepted()).put("message", result.message()));
    }

    /** Boost on or off; 400 naming why when there is no Green mode or Boost is refused (not in Green mode …). */
    private void green(HttpServletResponse resp, GreenActions action) throws IOException {
        GreenCharging g = green;
        if (g == null) {
            Responses.json(resp, HttpServletResponse.SC_BAD_REQUEST, mapper,
                    JsonViews.error(mapper, GreenActions.NOT_INSTALLED));
            return;
        }
        BoostStatus s = action.apply(g);
        if (action.refused(s)) {
            Responses.json(resp, HttpServletResponse.SC_BAD_REQUEST, mapper, JsonViews.error(mapper, s.reason()));
            return;
        }
        ObjectNode body = mapper.createObjectNode().put("accepted", true).put("message", boostMessage(s));
        body.putObject("boost").put("active", s.active()).put("deliveredWh", Math.round(s.deliveredWh()))
                .put("targetWh", Math.round(s.targetWh()));
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, body);
    }

    static String boostMessage(BoostStatus s) {
        if (!s.active()) {
            return s.reason().isEmpty() ? "Boost off" : s.reason();
        }
        return s.targetWh() > 0
                ? String.format(Locale.ROOT, "Boost on until %.1f kWh are delivered (%.1f so far)", s.targetWh() / 1000,
                        s.deliveredWh() / 1000)
                : "Boost on until the charge ends or Boost is switched off";
    }

    private void reject(HttpServletResponse resp, RequestRejected e) throws IOException {
        ObjectNode body = JsonViews.error(mapper, e.getMessage());
        if (e.status() == RequestRejected.BAD_REQUEST) {
            ArrayNode allowed = body.putArray("allowedActions");
            ControlActions.NAMES.forEach(allowed::add);
            GreenActions.NAMES.forEach(allowed::add);
        }
        Responses.json(resp, e.status(), mapper, body);
    }
}
