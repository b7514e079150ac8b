package org.infinergi.sim.internal.panel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if ("/api/sim/panel".equals(req.getServletPath())) {
            JsonNode n;
            try {
                n = mapper.readTree(body);
            } catch (IOException e) {
                n = null;
            }
            if (n == null || !n.has("silent") || !n.get("silent").isBoolean()) {
                write(resp, 400, Map.of("error", "body must be {\"silent\": true|false}"));
                return;
            }
            panel.setSilent(n.get("silent").asBoolean());
            write(resp, 200, Map.of("silent", panel.silent()));
            return;
        }
        ButtonRequest.Parsed parsed = ButtonRequest.parse(mapper, body);
        if (parsed.error() != null) {
            write(resp, 400, parsed.error());
            return;
        }
        write(resp, 200, panel.press(parsed.request().button(), parsed.request().holdMs()));
    }

    private void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(mapper.writeValueAsBytes(body));
    }
}
