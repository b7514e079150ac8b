package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;

import org.infinergi.core.charging.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ApiGuardFilterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ApiGuardFilter filter = new ApiGuardFilter(clock);

    private FakeHttp.Response run(FakeHttp.Request req, FilterChain chain) throws IOException, ServletException {
        FakeHttp.Response resp = new FakeHttp.Response();
        filter.doFilter(req.proxy(), resp.proxy(), chain);
        return resp;
    }

    private static FakeHttp.Request post(String client) {
        FakeHttp.Request r = new FakeHttp.Request("POST", "/api/control").body("{\"action\":\"pause\"}");
        r.remoteAddr = client;
        return r;
    }

    @Test
    void traceIsRefusedWithoutReachingAnyServletOrEchoingHeaders() throws Exception {
        FakeHttp.Request trace = new FakeHttp.Request("TRACE", "/api/status");
        trace.headers.put("Authorization", "Basic c2VjcmV0");
        List<String> reached = new ArrayList<>();
        FakeHttp.Response resp = run(trace, (q, s) -> reached.add("servlet"));
        assertEquals(405, resp.status);
        assertEquals("{\"error\":\"method TRACE is not allowed\"}", resp.body());
        assertFalse(resp.body().contains("c2VjcmV0"));
        assertTrue(reached.isEmpty());
    }

    @Test
    void oneClientCannotHoldMoreThanTwoBodiesAtOnce() throws Exception {
        List<Integer> inner = new ArrayList<>();
        FakeHttp.Response first = run(post("192.0.2.7"), (q1, s1) ->
                run(post("192.0.2.7"), (q2, s2) -> inner.add(run(post("192.0.2.7"), (q3, s3) -> { }).status)));
        assertEquals(200, first.status);
        assertEquals(List.of(503), inner);
        assertEquals(0, filter.bodiesInFlight());
    }

    @Test
    void slowBodiesFromManyClientsLeaveThreadsForStatus() throws Exception {
        List<Integer> answers = new ArrayList<>();
        run(post("192.0.2.1"), (a, x) -> run(post("192.0.2.2"), (b, y) -> run(post("192.0.2.3"), (c, z) -> {
            answers.add(run(post("192.0.2.4"), (d, w) -> { }).status);
            answers.add(run(new FakeHttp.Request("GET", "/api/status"), (d, w) -> { }).status);
        })));
        assertEquals(List.of(503, 200), answers);
        assertEquals(0, filter.bodiesInFlight());
    }

    @Test
    void theRefusalSaysWhenToRetryAndClosesTheConnection() throws Exception {
        List<FakeHttp.Response> refused = new ArrayList<>();
        run(post("a"), (q, s) -> run(post("a"), (q2, s2) -> refused.add(run(post("a"), (q3, s3) -> { }))));
        assertEquals("5", refused.get(0).headers.get("Retry-After"));
        assertEquals("close", refused.get(0).headers.get("Connection"));
        assertTrue(refused.get(0).body().startsWith("{\"error\":"));
    }

    /** A byte every 3 s, like the attack of issue 15. */
    private InputStream oneByteEveryThreeSeconds() {
        return new InputStream() {
            @Override
            public int read() {
                clock.advance(Duration.ofSeconds(3));
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                b[off] = (byte) read();
                return 1;
            }
        };
    }

    @Test
    void aBodyTricklingInIsCutOffWith408AndThePermitReturned() throws Exception {
        FakeHttp.Request req = new FakeHttp.Request("POST", "/api/sim/ev");
        req.contentLength = 100_000;
        req.body = oneByteEveryThreeSeconds();
        FakeHttp.Response resp = run(req, (q, s) -> q.getInputStream().readAllBytes());
        assertEquals(408, resp.status);
        assertTrue(resp.body().contains("request body too slow"), resp.body());
        assertEquals(0, filter.bodiesInFlight());
    }

    @Test
    void aSteadyUploadAtTheMinimumRatePasses() throws Exception {
        FakeHttp.Request req = new FakeHttp.Request("POST", "/api/update");
        req.contentLength = 64 * 1024;
        req.body = new InputStream() {
            private int left = 64 * 1024;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1024), left);
                left -= n;
                clock.advance(Duration.ofMillis(900)); // 1 KiB per 0.9 s: a slow mobile link
                return n;
            }
        };
        List<Integer> sizes = new ArrayList<>();
        FakeHttp.Response resp = run(req, (q, s) -> sizes.add(q.getInputStream().readAllBytes().length));
        assertEquals(200, resp.status);
        assertEquals(List.of(64 * 1024), sizes);
    }

    @Test
    void aChunkedBodyCountsAsABodyAndABodilessRequestDoesNot() {
        FakeHttp.Request chunked = new FakeHttp.Request("POST", "/api/control");
        chunked.headers.put("Transfer-Encoding", "chunked");
        assertTrue(ApiGuardFilter.hasBody(chunked.proxy()));
        assertFalse(ApiGuardFilter.hasBody(new FakeHttp.Request("GET", "/api/status").proxy()));
        FakeHttp.Request empty = new FakeHttp.Request("POST", "/api/control").body(new byte[0]);
        assertFalse(ApiGuardFilter.hasBody(empty.proxy()));
    }
}
