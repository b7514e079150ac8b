package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/sessions/power?id=N}: the power of session N over time (History's chart): {@code sessionId},
 * {@code samples} [{@code at}, {@code powerW}] oldest first. 404 when this firmware holds no samples of it (a session
 * older than the last {@value SessionPower#MAX_SESSIONS}); a missing or malformed {@code id} → 400 naming it.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + SessionPowerServlet.PATH,
        "osgi.http.whiteboard.servlet.name=infinergi-session-power",
        WebContext.SELECT })
public final class SessionPowerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PATH = "/api/sessions/power";

    private final transient SessionPower power;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public SessionPowerServlet(@Reference SessionPower power) {
        this.power = power;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long id;
        try {
            id = Long.parseLong(String.valueOf(req.getParameter("id")).trim());
        } catch (NumberFormatException e) {
            ObjectNode error = JsonViews.error(mapper, "parameter 'id' must be a session id (see /api/sessions)");
            error.put("field", "id");
            Responses.json(resp, HttpServletResponse.SC_BAD_REQUEST, mapper, error);
            return;
        }
        Optional<SessionPower.Series> series = power.series(id);
        if (series.isEmpty()) {
            Responses.json(resp, HttpServletResponse.SC_NOT_FOUND, mapper, JsonViews.error(mapper,
                    "no power samples of session " + id + " (kept for the last " + SessionPower.MAX_SESSIONS
                            + " sessions)"));
            return;
        }
        ObjectNode body = mapper.createObjectNode().put("sessionId", id);
        ArrayNode samples = body.putArray("samples");
        series.get().points().forEach(p -> samples.addObject().put("at", Instant.ofEpochMilli(p.at()).toString())
                .put("powerW", Math.round(p.powerW())));
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, body);
    }
}
