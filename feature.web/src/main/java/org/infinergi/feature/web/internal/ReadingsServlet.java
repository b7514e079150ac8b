package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.core.charging.api.ElectricalReadings;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/readings}: every meter the charger reads — vehicle and grid: V, I, P per phase, energy, age,
 * source — and the grid reading in use (manual §5.2, §5.2.2 "Info → Electrical readings").
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/readings",
        "osgi.http.whiteboard.servlet.name=infinergi-readings",
        WebContext.SELECT })
public final class ReadingsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ObjectMapper mapper = new ObjectMapper();

    // Optional so the API can say "core not running" (503) instead of vanishing with a 404.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ElectricalReadings readings;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ElectricalReadings r = readings;
        if (r == null) {
            Responses.json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, mapper,
                    JsonViews.error(mapper, "charging core not running"));
            return;
        }
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, JsonViews.readings(mapper, r.grid(), r.all()));
    }
}
