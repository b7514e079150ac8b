package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerControl.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import org.infinergi.web.json.RequestBodies;
import org.infinergi.web.json.RequestRejected;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/control} {@code {"action": "pause"|"resume"|"reset"|"outOfService"|"inService"}}: what the
 * multifunction button does (manual §6.2.1) and the reset of manual §9.1, from the web.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/control",
        "osgi.http.whiteboard.servlet.name=infinergi-control" })
public final class ControlServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Control requests are a few bytes; a larger body is a mistake or an attack. */
    private static final int MAX_BODY_BYTES = 4096;

    private final transient ObjectMapper mapper = new ObjectMapper();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChargerControl control;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ControlActions action;
        try {
            action = ControlActions.parse(RequestBodies.read(req, MAX_BODY_BYTES));
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

    private void reject(HttpServletResponse resp, RequestRejected e) throws IOException {
        ObjectNode body = JsonViews.error(mapper, e.getMessage());
        if (e.status() == RequestRejected.BAD_REQUEST) {
            ControlActions.NAMES.forEach(body.putArray("allowedActions")::add);
        }
        Responses.json(resp, e.status(), mapper, body);
    }
}
