package org.infinergi.sim.internal.rfid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.infinergi.web.json.JsonObject;
import org.infinergi.web.json.RequestBodies;
import org.infinergi.web.json.RequestRejected;
import org.infinergi.web.json.StrictJson;

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

    /** A card request is a few bytes; a larger body is refused before it is read (issue 15). */
    static final int MAX_BODY_BYTES = 4096;
    private static final String EXAMPLE = "{\"uid\": \"04A2B3C4\"}";

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
        Answer a;
        try {
            a = post(new String(RequestBodies.read(req, MAX_BODY_BYTES), StandardCharsets.UTF_8));
        } catch (RequestRejected e) {
            a = new Answer(e.status(), Map.of("error", e.getMessage()));
        }
        write(resp, a.status(), a.body());
    }

    /** Status and body for a POST body. */
    Answer post(String body) {
        String uid;
        try {
            JsonObject n = StrictJson.object(body.getBytes(StandardCharsets.UTF_8), Set.of("uid"), EXAMPLE);
            if (n.absent("uid")) {
                return new Answer(400, Map.of("error", "uid is missing: expected " + EXAMPLE));
            }
            uid = n.text("uid");
        } catch (RequestRejected e) {
            return new Answer(400, Map.of("error", e.getMessage()));
        }
        try {
            return new Answer(200, rfid.present(uid));
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
