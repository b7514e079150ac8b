package org.infinergi.sim.internal.panel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.infinergi.web.json.RequestBodies;
import org.infinergi.web.json.RequestRejected;
import org.infinergi.web.json.StrictJson;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /api/sim/button} {@code {"button": "multi"|"center"|"up"|"down"|"left"|"right"|"left+right",
 * "holdMs": n}} → presses and returns at once (the key is released holdMs later); unknown button → 400 with
 * the allowed list. {@code POST /api/sim/panel} {@code {"silent": true|false}} → the panel board stops / resumes
 * answering (D1 cause); {@code GET /api/sim/panel} → {@code {"silent": …, "led": …}}.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/sim/button",
        "osgi.http.whiteboard.servlet.pattern=/api/sim/panel",
        "osgi.http.whiteboard.servlet.name=infinergi-sim-panel"})
public final class SimButtonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Button and panel requests are a few bytes; a larger body is refused before it is read (issue 15). */
    static final int MAX_BODY_BYTES = 4096;

    private final transient SimPanel panel;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public SimButtonServlet(@Reference SimPanel panel) {
        this.panel = panel;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/api/sim/panel".equals(req.getServletPath())) {
            write(resp, 200, Map.of("silent", panel.silent(), "led", panel.led()));
        } else {
            write(resp, 405, Map.of("error", "POST /api/sim/button"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String body;
        try {
            body = new String(RequestBodies.read(req, MAX_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (RequestRejected e) {
            write(resp, e.status(), Map.of("error", e.getMessage()));
            return;
        }
        Answer a = "/api/sim/panel".equals(req.getServletPath()) ? silent(body) : press(body);
        write(resp, a.status(), a.body());
    }

    /** Status and body of an answer. */
    record Answer(int status, Object body) {
    }

    Answer silent(String body) {
        try {
            boolean silent = StrictJson.object(body.getBytes(StandardCharsets.UTF_8), Set.of("silent"),
                    "{\"silent\": true}").bool("silent");
            panel.setSilent(silent);
            return new Answer(200, Map.of("silent", panel.silent()));
        } catch (RequestRejected e) {
            return new Answer(400, Map.of("error", e.getMessage()));
        }
    }

    Answer press(String body) {
        ButtonRequest.Parsed parsed = ButtonRequest.parse(body);
        if (parsed.error() != null) {
            return new Answer(400, parsed.error());
        }
        return new Answer(200, panel.press(parsed.request().button(), parsed.request().holdMs()));
    }

    private void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(mapper.writeValueAsBytes(body));
    }
}
