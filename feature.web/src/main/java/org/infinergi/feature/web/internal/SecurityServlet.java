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

import org.infinergi.feature.web.internal.WebLogins.Login;
import org.infinergi.web.json.JsonObject;
import org.infinergi.web.json.RequestBodies;
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
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + SecurityServlet.USER_PATH,
        "osgi.http.whiteboard.servlet.pattern=" + SecurityServlet.ADMIN_PATH,
        "osgi.http.whiteboard.servlet.name=infinergi-security" })
public final class SecurityServlet extends HttpServlet {

    static final String USER_PATH = "/api/settings/security";
    static final String ADMIN_PATH = "/api/admin/security";
    static final int MIN_LENGTH = 6;
    static final int MAX_LENGTH = 64;
    private static final int MAX_BODY_BYTES = 1024;
    private static final long serialVersionUID = 1L;

    private final transient WebLogins logins;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public SecurityServlet(@Reference WebLogins logins) {
        this.logins = logins;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, state(settable(req)));
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<Login> settable = settable(req);
        Map<Login, String> changes;
        try {
            changes = changes(RequestBodies.read(req, MAX_BODY_BYTES), settable);
        } catch (RequestRejected e) {
            ObjectNode body = JsonViews.error(mapper, e.getMessage());
            if (e.field() != null) {
                body.put("field", e.field());
            }
            Responses.json(resp, e.status(), mapper, body);
            return;
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
        return ADMIN_PATH.equals(AccessFilter.path(req)) ? List.of(Login.ADMIN, Login.USER) : List.of(Login.USER);
    }

    /** The new password of each login the body names, checked all before any is set. */
    static Map<Login, String> changes(byte[] body, List<Login> settable) throws RequestRejected {
        Set<String> fields = settable.stream().map(l -> l.field).collect(Collectors.toSet());
        String example = settable.stream().map(l -> "\"" + l.field + "\": \"new password or blank for the default\"")
                .collect(Collectors.joining(", ", "{", "}"));
        JsonObject json = StrictJson.object(body, fields, example);
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
