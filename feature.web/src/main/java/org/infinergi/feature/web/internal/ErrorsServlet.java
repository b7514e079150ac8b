package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.core.charging.api.ErrorHistory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code GET /api/errors[?limit=N]}: the error history of manual §9.1 with timestamps, newest first. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/errors",
        "osgi.http.whiteboard.servlet.name=infinergi-errors" })
public final class ErrorsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ObjectMapper mapper = new ObjectMapper();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ErrorHistory history;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int limit;
        try {
            limit = Limits.parseLimit(req.getParameter("limit"));
        } catch (IllegalArgumentException e) {
            Responses.json(resp, HttpServletResponse.SC_BAD_REQUEST, mapper, JsonViews.error(mapper, e.getMessage()));
            return;
        }
        ErrorHistory h = history;
        if (h == null) {
            Responses.json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, mapper,
                    JsonViews.error(mapper, "error history not available"));
            return;
        }
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, JsonViews.errors(mapper, h.errors(limit)));
    }
}
