package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The login of manual §6.1.2.1 in front of every {@code /api} endpoint, whichever bundle serves it (a whiteboard
 * filter, so also {@code /api/auth} of feature.auth and {@code /api/update} of feature.update): the level each needs
 * comes from {@link AccessTable}; credentials come as HTTP Basic (scripts, the README's curl examples). Without them
 * → 401 with {@code WWW-Authenticate}; wrong ones → 401, and repeated failures close the client's address for a
 * while ({@link LoginBackoff}, 429 with {@code Retry-After}); the user login on an admin endpoint → 403.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.pattern=/api/*",
        "osgi.http.whiteboard.filter.name=infinergi-access",
        // after ApiGuardFilter (ranking 0): TRACE is refused and bodies are bounded for everybody, logged in or not
        "service.ranking:Integer=-100" })
public final class AccessFilter implements Filter {

    static final String REALM = "Basic realm=\"infinergi\", charset=\"UTF-8\"";
    private static final Logger LOG = LoggerFactory.getLogger(AccessFilter.class);

    private final WebLogins logins;
    private final AccessTable table;
    private final LoginBackoff backoff;
    private final ObjectMapper mapper = new ObjectMapper();

    @Activate
    public AccessFilter(@Reference WebLogins logins) {
        this(logins, AccessTable.CHARGER, Clock.systemUTC());
    }

    AccessFilter(WebLogins logins, AccessTable table, Clock clock) {
        this.logins = logins;
        this.table = table;
        this.backoff = new LoginBackoff(clock);
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = path(req);
        Level needed = table.required(path, req.getMethod());
        if (needed == Level.OPEN) {
            chain.doFilter(req, resp);
            return;
        }
        Optional<String[]> credentials = basicCredentials(req.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            unauthorized(resp, "login required (HTTP Basic: user infinergi or admin)");
            return;
        }
        String client = req.getRemoteAddr();
        Duration wait = backoff.waitFor(client);
        if (!wait.isZero()) {
            tooManyFailures(resp, wait);
            return;
        }
        Optional<Level> granted = logins.verify(credentials.get()[0], credentials.get()[1]);
        if (granted.isEmpty()) {
            Duration next = backoff.failed(client);
            if (!next.isZero()) {
                LOG.warn("failed web logins from {}: closed for {} s", client, next.toSeconds());
            }
            unauthorized(resp, "wrong user name or password");
            return;
        }
        backoff.succeeded(client);
        if (!granted.get().covers(needed)) {
            answer(resp, HttpServletResponse.SC_FORBIDDEN,
                    "the admin login is needed for " + req.getMethod() + " " + path);
            return;
        }
        chain.doFilter(req, resp);
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

    private void unauthorized(HttpServletResponse resp, String message) throws IOException {
        resp.setHeader("WWW-Authenticate", REALM);
        answer(resp, HttpServletResponse.SC_UNAUTHORIZED, message);
    }

    private void tooManyFailures(HttpServletResponse resp, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        resp.setHeader("Retry-After", Long.toString(seconds));
        answer(resp, 429, "too many failed logins from this address: retry in " + seconds + " s");
    }

    private void answer(HttpServletResponse resp, int status, String message) throws IOException {
        Responses.json(resp, status, mapper, JsonViews.error(mapper, message));
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
