package org.infinergi.sim.internal.rfid;

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
 * {@code POST /api/sim/card} {@code {"uid": "04A2B3C4"}} → the card is presented to the simulated reader (which
 * sends its frames on the UART) → 200 with the reader's state; a malformed body or UID → 400 naming what is wrong.
 * {@code GET /api/sim/card} → the reader's state ({@code device}, {@code readerOpen}, {@code presentations},
 * {@code lastUid}).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/sim/card",
        "osgi.http.whiteboard.servlet.name=infinergi-sim-card"})
public final class SimCardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SimRfid rfid;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public SimCardServlet(@Reference SimRfid rfid) {
        this.rfid = rfid;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, 200, rfid.state());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Answer a = post(body);
        write(resp, a.status(), a.body());
    }

    /** Status and body for a POST body. */
    Answer post(String body) {
        JsonNode n;
        try {
            n = mapper.readTree(body);
        } catch (IOException e) {
            return new Answer(400, Map.of("error", "body is not JSON: expected {\"uid\": \"04A2B3C4\"}"));
        }
        if (n == null || !n.isObject()) {
            return new Answer(400, Map.of("error", "body must be a JSON object: {\"uid\": \"04A2B3C4\"}"));
        }
        JsonNode uid = n.get("uid");
        if (uid == null || uid.isNull()) {
            return new Answer(400, Map.of("error", "uid is missing: expected {\"uid\": \"04A2B3C4\"}"));
        }
        if (!uid.isTextual()) {
            return new Answer(400, Map.of("error", "uid must be a string of hex digits, was " + uid));
        }
        try {
            return new Answer(200, rfid.present(uid.asText()));
        } catch (IllegalArgumentException e) {
            return new Answer(400, Map.of("error", e.getMessage()));
        }
    }

    record Answer(int status, Map<String, Object> body) {
    }

    private void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(mapper.writeValueAsBytes(body));
    }
}
