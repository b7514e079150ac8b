package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * {@code GET /api/sessions/power?start=T}: the power over time of the session that began at {@code T} (its
 * {@code start} as {@code /api/sessions} lists it; the core's session events name a session by that instant), for
 * History's chart: {@code start}, {@code samples} [{@code at}, {@code powerW}] oldest first. 404 when this firmware
 * holds no samples of it (a session older than the last {@value SessionPower#MAX_SESSIONS}); a missing or malformed
 * {@code start} → 400 naming it.
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
            id = Instant.parse(String.valueOf(req.getParameter("start")).trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            ObjectNode error = JsonViews.error(mapper, "parameter 'start' must be a session's start as /api/sessions "
                    + "lists it (e.g. 2026-03-01T10:00:00Z)");
            error.put("field", "start");
            Responses.json(resp, HttpServletResponse.SC_BAD_REQUEST, mapper, error);
            return;
        }
        Optional<SessionPower.Series> series = power.series(id);
        if (series.isEmpty()) {
            Responses.json(resp, HttpServletResponse.SC_NOT_FOUND, mapper, JsonViews.error(mapper,
                    "no power samples of the session that began at " + Instant.ofEpochMilli(id) + " (kept for the last " + SessionPower.MAX_SESSIONS
                            + " sessions)"));
            return;
        }
        ObjectNode body = mapper.createObjectNode().put("start", Instant.ofEpochMilli(id).toString());
        ArrayNode samples = body.putArray("samples");
        series.get().points().forEach(p -> samples.addObject().put("at", Instant.ofEpochMilli(p.at()).toString())
                .put("powerW", Math.round(p.powerW())));
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, body);
    }
}
