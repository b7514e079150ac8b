package org.infinergi.sim.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.infinergi.web.json.RequestBodies;
import org.infinergi.web.json.RequestRejected;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/sim} → the world state; {@code POST /api/sim/ev} → moves the simulated EV;
 * {@code POST /api/sim/fault}, {@code /cable}, {@code /temperature} → the world's physics (sim images
 * only: this bundle is only in sim images). {@code /api/sim/button} is the panel simulation's own servlet.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/sim",
        "osgi.http.whiteboard.servlet.pattern=/api/sim/*",
        "osgi.http.whiteboard.servlet.name=infinergi-sim"})
public final class SimServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SimServlet.class);
    private static final List<String> POSTS = List.of("/api/sim/ev", "/api/sim/fault", "/api/sim/cable",
            "/api/sim/temperature");

    /** The world's requests are a few bytes; a larger body is refused before it is read (issue 15: 32 MB heap). */
    static final int MAX_BODY_BYTES = 4096;

    private final transient SimControl sim;
    private final transient ObjectMapper mapper = new ObjectMapper();

    /** Other parts of the simulation that add to GET /api/sim (e.g. the panel's {@code led}). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final transient List<SimStateContributor> contributors = new CopyOnWriteArrayList<>();

    @Activate
    public SimServlet(@Reference SimControl sim) {
        this.sim = sim;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null || path.equals("/")) {
            write(resp, 200, stateJson());
        } else {
            write(resp, 404, Map.of("error", "no such resource: /api/sim" + path));
        }
    }

    /** The world as JSON, plus what the other parts of the simulation add. */
    Map<String, Object> stateJson() {
        Map<String, Object> json = mapper.convertValue(sim.state(), new TypeReference<LinkedHashMap<String, Object>>() { });
        addExtras(json);
        return json;
    }

    /** Hook: entries of other parts of the simulation (the panel's {@code led} object arrives here). */
    private void addExtras(Map<String, Object> json) {
        for (SimStateContributor c : contributors) {
            try {
                c.contribute(json);
            } catch (RuntimeException e) {
                LOG.warn("Simulation part {} could not add its state", c, e);
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Answer a;
        try {
            a = post(req.getPathInfo(), new String(RequestBodies.read(req, MAX_BODY_BYTES), StandardCharsets.UTF_8));
        } catch (RequestRejected e) {
            a = new Answer(e.status(), Map.of("error", e.getMessage()));
        }
        write(resp, a.status(), a.body());
    }

    /** An HTTP answer. */
    record Answer(int status, Object body) {
    }

    /** Handles {@code POST /api/sim{path}} with {@code body}; separate from the servlet API so tests call it. */
    Answer post(String path, String body) {
        try {
            switch (path == null ? "" : path) {
                case "/ev" -> {
                    EvRequest.Parsed parsed = EvRequest.parse(body);
                    if (parsed.error() != null) {
                        return new Answer(400, parsed.error());
                    }
                    EvRequest r = parsed.request();
                    return new Answer(200, sim.act(r.action(), r.maxCurrentA(), r.phases()));
                }
                case "/fault" -> {
                    var parsed = SimRequests.fault(body);
                    if (parsed.error() != null) {
                        return new Answer(400, parsed.error());
                    }
                    var r = parsed.value();
                    return new Answer(200, sim.fault(r.fault(), r.variant(), r.active()));
                }
                case "/cable" -> {
                    var parsed = SimRequests.cable(body);
                    if (parsed.error() != null) {
                        return new Answer(400, parsed.error());
                    }
                    return new Answer(200, sim.cable(parsed.value().resistanceOhm()));
                }
                case "/temperature" -> {
                    var parsed = SimRequests.temperature(body);
                    if (parsed.error() != null) {
                        return new Answer(400, parsed.error());
                    }
                    return new Answer(200, sim.temperature(parsed.value()));
                }
                default -> {
                    Map<String, Object> err = new LinkedHashMap<>();
                    err.put("error", "no such resource: POST /api/sim" + (path == null ? "" : path));
                    err.put("allowed", POSTS);
                    return new Answer(404, err);
                }
            }
        } catch (SimRejected e) {
            return new Answer(409, Map.of("error", e.getMessage()));
        }
    }

    private void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(mapper.writeValueAsBytes(body));
    }
}
