package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * In front of every servlet of the charger (issue 15, "HTTP hardening"): TRACE is refused (it echoes request headers,
 * credentials included); at most {@value #BODIES_PER_CLIENT} request bodies per client and {@value #BODIES_IN_ALL}
 * in all are read at once, so slow or hostile clients cannot take every Jetty thread and starve {@code /api/status};
 * and a body must keep arriving at {@value #MIN_BYTES_PER_SECOND} bytes/s after a grace of {@value #GRACE_S} s.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.name=infinergi-api-guard",
        WebContext.SELECT_BOTH })
public final class ApiGuardFilter implements Filter {

    /** Two, not one: a client's next request may arrive before the previous one's permit is given back. */
    static final int BODIES_PER_CLIENT = 2;
    /** Of the 6 worker threads left by threadpool.max 8 (one acceptor, one selector): half stay for the rest. */
    static final int BODIES_IN_ALL = 3;
    static final int GRACE_S = 10;
    /** A 16 MiB bundle JAR over a slow mobile link (a few kB/s) still arrives; a byte every few seconds does not. */
    static final long MIN_BYTES_PER_SECOND = 1024;

    private final Clock clock;
    private final BodyPermits permits = new BodyPermits(BODIES_PER_CLIENT, BODIES_IN_ALL);
    private final ObjectMapper mapper = new ObjectMapper();

    @Activate
    public ApiGuardFilter() {
        this(Clock.systemUTC());
    }

    ApiGuardFilter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up: the limits are constants
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if ("TRACE".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, POST, DELETE");
            answer(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method TRACE is not allowed");
            return;
        }
        if (!hasBody(req)) {
            chain.doFilter(req, resp);
            return;
        }
        String client = req.getRemoteAddr();
        if (!permits.tryAcquire(client)) {
            resp.setHeader("Retry-After", "5");
            answer(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "too many requests with a body are being received; retry later");
            return;
        }
        try {
            chain.doFilter(guarded(req), resp);
        } catch (SlowBodyGuard.TooSlow e) {
            if (!resp.isCommitted()) {
                answer(resp, HttpServletResponse.SC_REQUEST_TIMEOUT, e.getMessage());
            }
        } finally {
            permits.release(client);
        }
    }

    /** A request carries a body when it declares a length above 0 or is chunked (no length, method with a body). */
    static boolean hasBody(HttpServletRequest req) {
        long length = req.getContentLengthLong();
        return length > 0 || (length < 0 && req.getHeader("Transfer-Encoding") != null);
    }

    private HttpServletRequest guarded(HttpServletRequest req) throws IOException {
        ServletInputStream body = new SlowBodyGuard(req.getInputStream(), clock, Duration.ofSeconds(GRACE_S),
                MIN_BYTES_PER_SECOND);
        return new HttpServletRequestWrapper(req) {
            @Override
            public ServletInputStream getInputStream() {
                return body;
            }
        };
    }

    private void answer(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setHeader("Connection", "close");
        Responses.json(resp, status, mapper, JsonViews.error(mapper, message));
    }

    int bodiesInFlight() {
        return permits.inFlight();
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
