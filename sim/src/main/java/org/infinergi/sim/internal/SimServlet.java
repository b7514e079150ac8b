package org.infinergi.sim.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/sim} → the world state; {@code POST /api/sim/ev} → moves the simulated EV (sim images
 * only: this bundle is only in sim images).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/sim",
        "osgi.http.whiteboard.servlet.pattern=/api/sim/*",
        "osgi.http.whiteboard.servlet.name=infinergi-sim"})
public final class SimServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SimControl sim;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public SimServlet(@Reference SimControl sim) {
        this.sim = sim;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null || path.equals("/")) {
            write(resp, 200, sim.state());
        } else {
            write(resp, 404, Map.of("error", "no such resource: /api/sim" + path));
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/ev".equals(req.getPathInfo())) {
            write(resp, 404, Map.of("error", "POST /api/sim/ev only"));
            return;
        }
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        EvRequest.Parsed parsed = EvRequest.parse(mapper, body);
        if (parsed.error() != null) {
            write(resp, 400, parsed.error());
            return;
        }
        EvRequest r = parsed.request();
        write(resp, 200, sim.act(r.action(), r.maxCurrentA(), r.phases()));
    }

    private void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(mapper.writeValueAsBytes(body));
    }
}
