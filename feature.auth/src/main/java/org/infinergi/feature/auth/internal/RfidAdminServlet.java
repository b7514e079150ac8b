package org.infinergi.feature.auth.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.infinergi.feature.auth.internal.LocalListAdmin.Card;
import org.infinergi.feature.auth.internal.LocalListAdmin.Learning;
import org.infinergi.feature.auth.internal.LocalListAdmin.Refused;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Admin → RFID authentication (manual §7.1.2, §5.7.2), in feature.web's servlet context, where everything under
 * {@code /api/auth/} is the admin's:
 * <ul>
 * <li>{@code GET /api/auth/cards}: {@code mode}, {@code modes}, {@code cards} [{@code uid}, {@code blocked}],
 * {@code configurationError} (of the configuration in force), {@code learning};</li>
 * <li>{@code PUT /api/auth/mode} {@code {"mode"}};</li>
 * <li>{@code POST /api/auth/cards} {@code {"uid"}}: "Add new" by typing the ID (201);</li>
 * <li>{@code PUT /api/auth/cards} {@code {"uid", "blocked": true|false}}: block, reactivate;
 * {@code DELETE /api/auth/cards?uid=<uid>}: remove;</li>
 * <li>{@code POST /api/auth/learn}: "Add new" by swiping within one minute (202); {@code GET} where it stands
 * ({@code state} IDLE, WAITING, LEARNED, EXPIRED, CANCELLED; {@code uid}, {@code secondsLeft}, {@code message});
 * {@code DELETE} cancels.</li>
 * </ul>
 * Every change answers the list as it is now. Bad JSON, an unknown or wrongly typed field, a body over 1 KiB → 400
 * {@code {"error", "field"}}; a card not in the list → 404; a card already in it → 409; nothing changes.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/auth/cards",
        "osgi.http.whiteboard.servlet.pattern=/api/auth/mode",
        "osgi.http.whiteboard.servlet.pattern=/api/auth/learn",
        "osgi.http.whiteboard.servlet.name=infinergi-auth-admin",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=org.infinergi.web)"})
public final class RfidAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_BODY_BYTES = 1024;

    private final transient LocalListAdmin admin;
    private final transient AuthView auth;
    private final transient Clock clock;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public RfidAdminServlet(@Reference LocalListAdmin admin, @Reference AuthView auth) {
        this(admin, auth, Clock.systemUTC());
    }

    RfidAdminServlet(LocalListAdmin admin, AuthView auth, Clock clock) {
        this.admin = admin;
        this.auth = auth;
        this.clock = clock;
    }

    private static String path(HttpServletRequest req) {
        return req.getServletPath();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = path(req);
        if (path.equals("/api/auth/learn")) {
            write(resp, 200, learning(admin.learning()));
        } else if (path.equals("/api/auth/cards")) {
            answerList(resp, 200);
        } else {
            write(resp, 405, error("GET " + path + " is not supported", null));
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = path(req);
        try {
            if (path.equals("/api/auth/learn")) {
                fields(req, Set.of());
                write(resp, 202, learning(admin.startLearning()));
            } else if (path.equals("/api/auth/cards")) {
                admin.add(text(fields(req, Set.of("uid")), "uid"));
                answerList(resp, 201);
            } else {
                write(resp, 405, error("POST " + path + " is not supported", null));
            }
        } catch (Refused e) {
            write(resp, e.status, error(e.getMessage(), e.field));
        }
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = path(req);
        try {
            if (path.equals("/api/auth/mode")) {
                admin.setMode(text(fields(req, Set.of("mode")), "mode"));
            } else if (path.equals("/api/auth/cards")) {
                JsonNode body = fields(req, Set.of("uid", "blocked"));
                JsonNode blocked = body.get("blocked");
                if (blocked == null || !blocked.isBoolean()) {
                    throw new Refused(400, "blocked", "blocked must be true or false");
                }
                admin.block(text(body, "uid"), blocked.booleanValue());
            } else {
                write(resp, 405, error("PUT " + path + " is not supported", null));
                return;
            }
            answerList(resp, 200);
        } catch (Refused e) {
            write(resp, e.status, error(e.getMessage(), e.field));
        }
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = path(req);
        try {
            if (path.equals("/api/auth/learn")) {
                write(resp, 200, learning(admin.cancelLearning()));
            } else if (path.equals("/api/auth/cards")) {
                admin.remove(req.getParameter("uid"));
                answerList(resp, 200);
            } else {
                write(resp, 405, error("DELETE " + path + " is not supported", null));
            }
        } catch (Refused e) {
            write(resp, e.status, error(e.getMessage(), e.field));
        }
    }

    private void answerList(HttpServletResponse resp, int status) throws IOException {
        try {
            write(resp, status, view());
        } catch (Refused e) {
            write(resp, e.status, error(e.getMessage(), e.field));
        }
    }

    ObjectNode view() throws Refused {
        ObjectNode o = mapper.createObjectNode();
        o.put("mode", admin.stored().mode().name());
        ArrayNode modes = o.putArray("modes");
        for (String m : LocalListAdmin.allowedModes().split("\\|")) {
            modes.add(m);
        }
        ArrayNode cards = o.putArray("cards");
        for (Card c : admin.cards()) {
            cards.addObject().put("uid", c.uid()).put("blocked", c.blocked());
        }
        o.put("configurationError", auth.configurationError());
        o.set("learning", learning(admin.learning()));
        return o;
    }

    ObjectNode learning(Learning l) {
        ObjectNode o = mapper.createObjectNode();
        o.put("state", l.state().name());
        o.put("uid", l.uid());
        long left = l.until() == null || l.state() != LocalListAdmin.LearningState.WAITING ? 0
                : Math.max(0, Duration.between(clock.instant(), l.until()).toSeconds());
        o.put("secondsLeft", left);
        o.put("message", l.message());
        return o;
    }

    /** The body as one JSON object of the allowed fields, at most 1 KiB (an empty body is an empty object). */
    JsonNode fields(HttpServletRequest req, Set<String> allowed) throws Refused, IOException {
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            if (req.getContentLengthLong() > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (body.length == 0 && allowed.isEmpty()) {
            return mapper.createObjectNode();
        }
        JsonNode n;
        try {
            n = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refused(400, null, "the body is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new Refused(400, null, "the body must be one JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> i = n.fields(); i.hasNext();) {
            String name = i.next().getKey();
            if (!allowed.contains(name)) {
                throw new Refused(400, name, "unknown field '" + name + "'; allowed: " + allowed);
            }
        }
        return n;
    }

    private static Refused tooLarge() {
        return new Refused(400, null, "request body larger than " + MAX_BODY_BYTES + " bytes, the limit of this endpoint");
    }

    private static String text(JsonNode body, String field) throws Refused {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw new Refused(400, field, field + " must be a string");
        }
        return v.textValue();
    }

    private ObjectNode error(String message, String field) {
        ObjectNode o = mapper.createObjectNode().put("error", message);
        if (field != null) {
            o.put("field", field);
        }
        return o;
    }

    private void write(HttpServletResponse resp, int status, JsonNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        mapper.writeValue(resp.getOutputStream(), body);
    }
}
