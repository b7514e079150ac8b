package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.core.charging.api.ChargerStatusService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /api/status}: what the charger is doing now (manual §6.1.1 home screen, as JSON). */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/status",
        "osgi.http.whiteboard.servlet.name=infinergi-status",
        WebContext.SELECT })
public final class StatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ObjectMapper mapper = new ObjectMapper();

    // Optional so the API can say "core not running" (503) instead of vanishing with a 404.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChargerStatusService statusService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionClock sessionClock;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ChargerStatusService service = statusService;
        if (service == null) {
            Responses.json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, mapper,
                    JsonViews.error(mapper, "charging core not running"));
            return;
        }
        ObjectNode status = JsonViews.status(mapper, service.status());
        JsonViews.sessionTimes(status, sessionClock);
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, status);
    }
}
