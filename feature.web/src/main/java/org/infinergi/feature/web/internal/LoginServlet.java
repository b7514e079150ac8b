package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.util.Set;

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
 * The login of the web pages (manual §6.1.2.1, issue 18). {@code POST /api/login} {@code {"user", "password"}} → a
 * session cookie (HttpOnly, SameSite=Strict, Path=/) and {@code {"user", "role", "csrfToken", "idleExpiryS"}}: the page
 * sends {@code csrfToken} back in {@code X-CSRF-Token} with every request that changes something. Wrong credentials
 * → 401, and they count towards the client's back-off like any login (429 with Retry-After). {@code GET /api/session}:
 * who is logged in (the same fields; no {@code csrfToken} for HTTP Basic, which needs none); with
 * {@code ?include=status} also {@code status}, the answer of {@code GET /api/status} (null while the core is not
 * running), so that the pages' Home is drawn from one answer at its first load rather than from two in a row
 * (issue 18: Home from a cold browser in under 300 ms). {@code POST /api/logout}: the session ends and the cookie is
 * cleared.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + AccessTable.LOGIN_PATH,
        "osgi.http.whiteboard.servlet.pattern=" + LoginServlet.SESSION_PATH,
        "osgi.http.whiteboard.servlet.pattern=" + LoginServlet.LOGOUT_PATH,
        "osgi.http.whiteboard.servlet.name=infinergi-login",
        WebContext.SELECT })
public final class LoginServlet extends HttpServlet {

    static final String SESSION_PATH = "/api/session";
    static final String LOGOUT_PATH = "/api/logout";
    static final int MAX_BODY_BYTES = 1024;
    /** {@code GET /api/session?include=status}: the one value of {@code include}. */
    static final String INCLUDE_STATUS = "status";
    private static final Set<String> FIELDS = Set.of("user", "password");
    private static final String EXAMPLE = "{\"user\": \"infinergi\" or \"admin\", \"password\": \"…\"}";
    private static final long serialVersionUID = 1L;

    private final transient Access access;
    private final transient CurrentStatus current;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public LoginServlet(@Reference Access access, @Reference CurrentStatus current) {
        this.access = access;
        this.current = current;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = Access.path(req);
        if (LOGOUT_PATH.equals(path)) {
            logOut(req, resp);
        } else if (AccessTable.LOGIN_PATH.equals(path)) {
            logIn(req, resp);
        } else {
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!SESSION_PATH.equals(Access.path(req))) {
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Session session = (Session) req.getAttribute(Access.SESSION_ATTRIBUTE);
        Login login = (Login) req.getAttribute(Access.LOGIN_ATTRIBUTE);
        if (login == null) {
            Responses.json(resp, HttpServletResponse.SC_UNAUTHORIZED, mapper,
                    JsonViews.error(mapper, "not logged in"));
            return;
        }
        String include = req.getParameter("include");
        if (include != null && !INCLUDE_STATUS.equals(include)) {
            Responses.json(resp, HttpServletResponse.SC_BAD_REQUEST, mapper, JsonViews.error(mapper,
                    "include: unknown value '" + include + "'; allowed: " + INCLUDE_STATUS).put("field", "include"));
            return;
        }
        // the login was checked first (Access): the status goes only to whom /api/status would answer
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, JsonViews.session(mapper, login, session,
                access.sessions().idleExpiry(), include == null ? null : current));
    }

    private void logIn(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user;
        String password;
        try {
            JsonObject json = StrictJson.object(Bodies.read(req, MAX_BODY_BYTES), FIELDS, EXAMPLE);
            user = json.text("user");
            password = json.text("password");
        } catch (RequestRejected e) {
            ObjectNode body = JsonViews.error(mapper, e.getMessage());
            if (e.field() != null) {
                body.put("field", e.field());
            }
            Responses.json(resp, e.status(), mapper, body);
            return;
        }
        Check check = access.check(req.getRemoteAddr(), user, password);
        if (check instanceof Closed closed) {
            access.tooManyFailures(resp, closed.retryIn());
            return;
        }
        if (!(check instanceof Granted granted)) {
            Responses.json(resp, HttpServletResponse.SC_UNAUTHORIZED, mapper,
                    JsonViews.error(mapper, "wrong user name or password"));
            return;
        }
        // a login replaces the session the browser had, if any
        access.sessions().close(Access.cookie(req.getHeader("Cookie"), Sessions.COOKIE));
        Session session = access.sessions().open(granted.login());
        resp.addHeader("Set-Cookie", Sessions.COOKIE + "=" + session.token + "; Path=/; HttpOnly; SameSite=Strict");
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, JsonViews.session(mapper, session.login, session,
                access.sessions().idleExpiry(), null));
    }

    private void logOut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Session session = (Session) req.getAttribute(Access.SESSION_ATTRIBUTE);
        if (session != null) {
            access.sessions().close(session.token);
        }
        resp.addHeader("Set-Cookie", Sessions.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, mapper.createObjectNode().put("loggedOut", true));
    }
}
