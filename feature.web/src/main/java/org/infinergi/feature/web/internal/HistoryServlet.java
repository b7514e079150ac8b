package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A durable history read newest first, at most {@code ?limit=N} entries (sessions, errors). */
abstract class HistoryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    final transient ObjectMapper mapper = new ObjectMapper();

    /** What the history is, for the 503 answer ("session history"). */
    abstract String what();

    /** At most {@code limit} entries as JSON, newest first; null when the history service is not there. */
    abstract JsonNode newestFirst(int limit);

    @Override
    protected final void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int limit;
        try {
            limit = Limits.parseLimit(req.getParameter("limit"));
        } catch (IllegalArgumentException e) {
            Responses.json(resp, HttpServletResponse.SC_BAD_REQUEST, mapper, JsonViews.error(mapper, e.getMessage()));
            return;
        }
        JsonNode body = newestFirst(limit);
        if (body == null) {
            Responses.json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, mapper,
                    JsonViews.error(mapper, what() + " not available"));
            return;
        }
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, body);
    }
}
