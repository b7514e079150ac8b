package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.feature.web.internal.Access.Check;
import org.infinergi.feature.web.internal.Access.Closed;
import org.infinergi.feature.web.internal.Access.Granted;
import org.infinergi.feature.web.internal.WebLogins.Login;
import org.infinergi.web.json.JsonObject;
import org.infinergi.web.json.RequestRejected;
import org.infinergi.web.json.StrictJson;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The web passwords of manual §7.2.3 "User web login" ({@code /api/settings/security}: the user's own) and §7.1.3
 * "Web login admin" ({@code /api/admin/security}: the admin sets both). {@code GET}: which login still has its
 * default ({@code "DEFAULT"} or {@code "CHANGED"}, never a password or hash). {@code PUT}
 * {@code {"userWebPassword": "…", "adminWebPassword": "…"}} (each optional, at least one): a blank value resets the
 * login to its default; otherwise {@value #MIN_LENGTH}..{@value #MAX_LENGTH} characters, no control characters. A
 * wrong body → 400 naming the field, and nothing changes. Who may call which path is {@link AccessTable}'s business.
 *
 * <p>The user changing its own password ({@value #USER_PATH}) gives the one it has in {@value #CURRENT_FIELD}: a
 * session left open on a shared phone must not let someone else lock the owner out. A wrong one → 403 naming the
 * field, counted like a failed login (back-off, 429). The admin resetting a login ({@value #ADMIN_PATH}, a blank field
 * for the default, §7.1.3) gives none.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + SecurityServlet.USER_PATH,
        "osgi.http.whiteboard.servlet.pattern=" + SecurityServlet.ADMIN_PATH,
        "osgi.http.whiteboard.servlet.name=infinergi-security",
        WebContext.SELECT })
public final class SecurityServlet extends HttpServlet {

    static final String USER_PATH = "/api/settings/security";
    static final String ADMIN_PATH = "/api/admin/security";
    static final String CURRENT_FIELD = "currentPassword";
    static final int MIN_LENGTH = 6;
    static final int MAX_LENGTH = 64;
    private static final int MAX_BODY_BYTES = 1024;
    private static final long serialVersionUID = 1L;

    private final transient WebLogins logins;
    private final transient Access access;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public SecurityServlet(@Reference WebLogins logins, @Reference Access access) {
        this.logins = logins;
        this.access = access;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, state(settable(req)));
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<Login> settable = settable(req);
        Map<Login, String> changes;
        String current = null;
        try {
            JsonObject json = body(Bodies.read(req, MAX_BODY_BYTES), settable);
            changes = changes(json, settable);
            if (ownPassword(settable)) {
                current = json.text(CURRENT_FIELD);
            }
        } catch (RequestRejected e) {
            ObjectNode body = JsonViews.error(mapper, e.getMessage());
            if (e.field() != null) {
                body.put("field", e.field());
            }
            Responses.json(resp, e.status(), mapper, body);
            return;
        }
        if (current != null) {
            Check check = access.check(req.getRemoteAddr(), Login.USER.userName, current);
            if (check instanceof Closed closed) {
                access.tooManyFailures(resp, closed.retryIn());
                return;
            }
            if (!(check instanceof Granted)) {
                Responses.json(resp, HttpServletResponse.SC_FORBIDDEN, mapper, JsonViews.error(mapper,
                        CURRENT_FIELD + " is not the password of " + Login.USER.userName).put("field", CURRENT_FIELD));
                return;
            }
        }
        try {
            changes.forEach(logins::change);
        } catch (UncheckedIOException e) {
            Responses.json(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, mapper,
                    JsonViews.error(mapper, "the new password could not be stored; the old one stays"));
            return;
        }
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, state(settable));
    }

    /** The logins this path sets: the user's own in Settings, both in Admin. */
    static List<Login> settable(HttpServletRequest req) {
        return ADMIN_PATH.equals(Access.path(req)) ? List.of(Login.ADMIN, Login.USER) : List.of(Login.USER);
    }

    /** Whether this path is the user's own password (§7.2.3), which needs the current one. */
    static boolean ownPassword(List<Login> settable) {
        return !settable.contains(Login.ADMIN);
    }

    /** The body, with only the fields this path knows. */
    static JsonObject body(byte[] body, List<Login> settable) throws RequestRejected {
        Set<String> fields = settable.stream().map(l -> l.field).collect(Collectors.toCollection(java.util.HashSet::new));
        if (ownPassword(settable)) {
            fields.add(CURRENT_FIELD);
        }
        return StrictJson.object(body, fields, example(settable));
    }

    private static String example(List<Login> settable) {
        String fields = settable.stream().map(l -> "\"" + l.field + "\": \"new password or blank for the default\"")
                .collect(Collectors.joining(", "));
        return "{" + fields + (ownPassword(settable) ? ", \"" + CURRENT_FIELD + "\": \"the password it has now\"" : "") + "}";
    }

    /** The new password of each login the body names, checked all before any is set. */
    static Map<Login, String> changes(JsonObject json, List<Login> settable) throws RequestRejected {
        String example = example(settable);
        Map<Login, String> changes = new LinkedHashMap<>();
        for (Login login : settable) {
            if (json.has(login.field)) {
                changes.put(login, checked(login.field, json.text(login.field)));
            }
        }
        if (changes.isEmpty()) {
            throw RequestRejected.badRequest(null, "nothing to change: expected " + example);
        }
        return changes;
    }

    /** Blank (reset to the default, §7.1.3, §7.2.3) or a usable password; else 400 naming the field. */
    static String checked(String field, String password) throws RequestRejected {
        if (password.isBlank()) {
            return "";
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw RequestRejected.badRequest(field, field + " must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters long, or blank for the default (it has " + length + ")");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            throw RequestRejected.badRequest(field, field + " must not contain control characters");
        }
        return password;
    }

    private ObjectNode state(List<Login> logins) {
        ObjectNode o = mapper.createObjectNode();
        for (Login login : logins) {
            o.put(login.field, this.logins.atDefault(login) ? "DEFAULT" : "CHANGED");
        }
        return o;
    }
}
