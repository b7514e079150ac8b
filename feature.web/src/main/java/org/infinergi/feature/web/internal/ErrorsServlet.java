package org.infinergi.feature.web.internal;

import javax.servlet.Servlet;

import org.infinergi.core.charging.api.ErrorHistory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/errors[?limit=N]}: the error history of manual §9.1 with timestamps, newest first. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/errors",
        "osgi.http.whiteboard.servlet.name=infinergi-errors",
        WebContext.SELECT })
public final class ErrorsServlet extends HistoryServlet {

    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ErrorHistory history;

    @Override
    String what() {
        return "error history";
    }

    @Override
    JsonNode newestFirst(int limit) {
        ErrorHistory h = history;
        return h == null ? null : JsonViews.errors(mapper, h.errors(limit));
    }
}
