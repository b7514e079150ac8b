package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.servlet.DispatcherType;
import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.feature.web.internal.WebLogins.Login;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The login of manual §6.1.2.1 in front of every {@code /api} endpoint: the level each needs comes from
 * {@link AccessTable}; the caller is known by HTTP Basic (scripts, the README's curl examples) or by the session cookie
 * of the web pages ({@link Sessions}). Without either → 401 (with {@code WWW-Authenticate} for scripts); wrong
 * credentials → 401, and repeated failures close the client's address for a while ({@link LoginBackoff}, 429 with
 * {@code Retry-After}); an unknown or expired session → 401; a state-changing request with a session but without its
 * {@code X-CSRF-Token} → 403; a state-changing request a browser sent from another site ({@code Origin}) → 403; the
 * user login on an admin endpoint → 403. Applied by {@link WebContext#handleSecurity} to every servlet of the
 * charger's servlet context and by {@link AccessFilter} to the default context (404s, the sim).
 *
 * <p>The one owner of PID {@value WebConfig#PID} (the session expiry).
 */
@Component(service = Access.class, configurationPid = WebConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebConfig.class)
public final class Access {

    static final String REALM = "Basic realm=\"infinergi\", charset=\"UTF-8\"";
    /** Request attribute: the {@link Login} the request was admitted with (absent on an open endpoint). */
    static final String LOGIN_ATTRIBUTE = "org.infinergi.web.login";
    /** Request attribute: the {@link Session} the request came with, when it came with one. */
    static final String SESSION_ATTRIBUTE = "org.infinergi.web.session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Logger LOG = LoggerFactory.getLogger(Access.class);

    /** Outcome of checking a user name and password from a client. */
    sealed interface Check permits Granted, Wrong, Closed {
    }

    record Granted(Login login) implements Check {
    }

    record Wrong() implements Check {
    }

    record Closed(Duration retryIn) implements Check {
    }

    private final WebLogins logins;
    private final AccessTable table;
    private final LoginBackoff backoff;
    private final Sessions sessions;
    private final ObjectMapper mapper = new ObjectMapper();

    @Activate
    public Access(@Reference WebLogins logins, Map<String, Object> properties) {
        this(logins, AccessTable.CHARGER, Clock.systemUTC(), idleExpiry(properties, Duration.ofSeconds(900)));
    }

    Access(WebLogins logins, AccessTable table, Clock clock, Duration idleExpiry) {
        this.logins = logins;
        this.table = table;
        this.backoff = new LoginBackoff(clock);
        this.sessions = new Sessions(clock, idleExpiry, logins::generation);
    }

    /** A new expiry applies to the sessions already open: no one is logged out by a configuration change. */
    @Modified
    void modified(Map<String, Object> properties) {
        sessions.idleExpiry(idleExpiry(properties, sessions.idleExpiry()));
    }

    /**
     * {@code sessionIdleExpiryS} of {@value WebConfig#PID}; absent → the Metatype default (900 s); not a whole number of
     * seconds in {@value WebConfig#MIN_IDLE_S}..{@value WebConfig#MAX_IDLE_S} → rejected, {@code previous} stays.
     */
    static Duration idleExpiry(Map<String, Object> properties, Duration previous) {
        Object value = properties == null ? null : properties.get("sessionIdleExpiryS");
        if (value == null) {
            return Duration.ofSeconds(900);
        }
        try {
            long s = Long.parseLong(value.toString().trim());
            if (s >= WebConfig.MIN_IDLE_S && s <= WebConfig.MAX_IDLE_S) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // rejected below
        }
        LOG.error("{} sessionIdleExpiryS = {} rejected: a whole number of seconds {}..{} is needed; {} s stays",
                WebConfig.PID, value, WebConfig.MIN_IDLE_S, WebConfig.MAX_IDLE_S, previous.toSeconds());
        return previous;
    }

    Sessions sessions() {
        return sessions;
    }

    /**
     * Whether the request may go on to its servlet; when not, the answer is written. Sets {@link #LOGIN_ATTRIBUTE}
     * (and {@link #SESSION_ATTRIBUTE}) on the requests it lets through with a login.
     */
    boolean admit(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (isErrorDispatch(req)) {
            // the error page of a request already admitted (or refused): it writes a status message, nothing else
            return true;
        }
        if ("TRACE".equals(req.getMethod())) {
            // before the login: TRACE echoes the request's headers, credentials included (issue 15)
            resp.setHeader("Allow", "GET, POST, PUT, DELETE");
            answer(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method TRACE is not allowed");
            return false;
        }
        String path = path(req);
        Level needed = table.required(path, req.getMethod());
        if (needed == Level.OPEN && !AccessTable.LOGIN_PATH.equals(path)) {
            return true;
        }
        if (!safe(req.getMethod()) && crossSite(req)) {
            answer(resp, HttpServletResponse.SC_FORBIDDEN, "a request from another site may not change the charger");
            return false;
        }
        if (needed == Level.OPEN) {
            return true;
        }
        Optional<String[]> credentials = basicCredentials(req.getHeader("Authorization"));
        Login login;
        if (credentials.isPresent()) {
            Check check = check(req.getRemoteAddr(), credentials.get()[0], credentials.get()[1]);
            if (check instanceof Closed closed) {
                tooManyFailures(resp, closed.retryIn());
                return false;
            }
            if (!(check instanceof Granted granted)) {
                unauthorized(req, resp, "wrong user name or password");
                return false;
            }
            login = granted.login();
        } else {
            String token = cookie(req.getHeader("Cookie"), Sessions.COOKIE);
            if (token == null) {
                unauthorized(req, resp, "login required (POST /api/login, or HTTP Basic: user infinergi or admin)");
                return false;
            }
            Optional<Session> session = sessions.use(token);
            if (session.isEmpty()) {
                // no challenge: a page's request must not make the browser ask for a Basic login
                answer(resp, HttpServletResponse.SC_UNAUTHORIZED, "the session has expired or is unknown: log in again");
                return false;
            }
            if (!safe(req.getMethod()) && !session.get().csrfMatches(req.getHeader(CSRF_HEADER))) {
                answer(resp, HttpServletResponse.SC_FORBIDDEN, "missing or wrong " + CSRF_HEADER
                        + " header: a request that changes something needs the csrfToken of the login");
                return false;
            }
            req.setAttribute(SESSION_ATTRIBUTE, session.get());
            login = session.get().login;
        }
        if (!login.level.covers(needed)) {
            answer(resp, HttpServletResponse.SC_FORBIDDEN,
                    "the admin login is needed for " + req.getMethod() + " " + path);
            return false;
        }
        req.setAttribute(LOGIN_ATTRIBUTE, login);
        return true;
    }

    /**
     * The live session the request's cookie names, marked as used; empty without one. For {@link PagesServlet}, whose
     * files are open: only what a session may see anyway is added to them.
     */
    Optional<Session> sessionOf(HttpServletRequest req) {
        String token = cookie(req.getHeader("Cookie"), Sessions.COOKIE);
        return token == null ? Optional.empty() : sessions.use(token);
    }

    /**
     * A user name and password from {@code client}, slowed down per address: a closed address is not checked at all;
     * a wrong password counts, a right one clears the address.
     */
    Check check(String client, String userName, String password) {
        Duration wait = backoff.waitFor(client);
        if (!wait.isZero()) {
            return new Closed(wait);
        }
        Optional<Level> granted = logins.verify(userName, password);
        if (granted.isEmpty()) {
            Duration next = backoff.failed(client);
            if (!next.isZero()) {
                LOG.warn("failed web logins from {}: closed for {} s", client, next.toSeconds());
            }
            return new Wrong();
        }
        backoff.succeeded(client);
        return new Granted(Login.named(userName).orElseThrow());
    }

    static boolean safe(String method) {
        return SAFE_METHODS.contains(method);
    }

    /** The error dispatch of the servlet container (the request already went through this check). */
    private static boolean isErrorDispatch(HttpServletRequest req) {
        return req.getDispatcherType() == DispatcherType.ERROR
                || req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null;
    }

    /**
     * A browser names the page a request comes from in {@code Origin}; one from another site (a page elsewhere that
     * posts to the charger with the credentials the browser holds) must not change anything. Scripts send no Origin.
     */
    static boolean crossSite(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = req.getHeader("Host");
        try {
            URI o = URI.create(origin.trim());
            String authority = o.getRawAuthority();
            return host == null || authority == null || !authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** The decoded path within the application: servlet path and path info, as the servlets see it. */
    static String path(HttpServletRequest req) {
        String servletPath = req.getServletPath();
        String pathInfo = req.getPathInfo();
        if (servletPath == null && pathInfo == null) {
            return req.getRequestURI();
        }
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /** User name and password of an {@code Authorization: Basic …} header (RFC 7617); empty when there is none. */
    static Optional<String[]> basicCredentials(String header) {
        if (header == null || header.length() < 6 || !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    /** The value of cookie {@code name} in a {@code Cookie} header (RFC 6265 §4.2), or null. */
    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String value = pair.substring(eq + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /**
     * 401. A script gets the Basic challenge; a page ({@code X-Requested-With}) does not, or the browser would show
     * its own login dialog instead of the page's.
     */
    private void unauthorized(HttpServletRequest req, HttpServletResponse resp, String message) throws IOException {
        if (req.getHeader("X-Requested-With") == null) {
            resp.setHeader("WWW-Authenticate", REALM);
        }
        answer(resp, HttpServletResponse.SC_UNAUTHORIZED, message);
    }

    void tooManyFailures(HttpServletResponse resp, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        resp.setHeader("Retry-After", Long.toString(seconds));
        answer(resp, 429, "too many failed logins from this address: retry in " + seconds + " s");
    }

    private void answer(HttpServletResponse resp, int status, String message) throws IOException {
        Responses.json(resp, status, mapper, JsonViews.error(mapper, message));
    }
}
