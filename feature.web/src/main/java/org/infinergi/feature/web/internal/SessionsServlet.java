package org.infinergi.feature.web.internal;

import javax.servlet.Servlet;

import org.infinergi.core.charging.api.SessionHistory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/sessions[?limit=N]}: the stored charging sessions, newest first. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/sessions",
        "osgi.http.whiteboard.servlet.name=infinergi-sessions",
        WebContext.SELECT })
public final class SessionsServlet extends HistoryServlet {

    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionHistory history;

    @Override
    String what() {
        return "session history";
    }

    @Override
    JsonNode newestFirst(int limit) {
        SessionHistory h = history;
        return h == null ? null : JsonViews.sessions(mapper, h.sessions(limit));
    }
}
