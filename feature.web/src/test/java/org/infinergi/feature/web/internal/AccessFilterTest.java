package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.infinergi.core.charging.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessFilterTest {

    private static final String USER = basic("infinergi", "000001");
    private static final String ADMIN = basic("admin", "21/001-000001");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> reached = new ArrayList<>();

    private AccessFilter filter() {
        return new AccessFilter(new Access(new WebLogins(dir.resolve(WebLogins.FILE), () -> "21/001-000001", 1000),
                AccessTable.CHARGER, clock, Duration.ofMinutes(15)));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private FakeHttp.Response run(AccessFilter filter, String method, String uri, String authorization)
            throws Exception {
        FakeHttp.Request req = new FakeHttp.Request(method, uri);
        if (authorization != null) {
            req.headers.put("Authorization", authorization);
        }
        FakeHttp.Response resp = new FakeHttp.Response();
        filter.doFilter(req.proxy(), resp.proxy(), (q, s) -> reached.add(method + " " + uri));
        return resp;
    }

    @Test
    void withoutALoginTheApiAnswers401WithAChallengeAndJson() throws Exception {
        AccessFilter filter = filter();
        for (String path : List.of("/api/status", "/api/control", "/api/update", "/api/auth", "/api/nothing")) {
            FakeHttp.Response resp = run(filter, "GET", path, null);
            assertEquals(401, resp.status, path);
            assertEquals(Access.REALM, resp.headers.get("WWW-Authenticate"));
            assertEquals("application/json", resp.headers.get("Content-Type"));
            assertTrue(resp.body().startsWith("{\"error\":\"login required"), resp.body());
        }
        assertTrue(reached.isEmpty());
    }

    @Test
    void theSimulatedWorldStaysOpen() throws Exception {
        AccessFilter filter = filter();
        assertEquals(200, run(filter, "POST", "/api/sim/ev", null).status);
        assertEquals(200, run(filter, "GET", "/api/sim", null).status);
        assertEquals(List.of("POST /api/sim/ev", "GET /api/sim"), reached);
    }

    @Test
    void theUserIsRefusedTheAdminEndpointsWith403() throws Exception {
        AccessFilter filter = filter();
        assertEquals(200, run(filter, "GET", "/api/status", USER).status);
        assertEquals(200, run(filter, "POST", "/api/control", USER).status);
        FakeHttp.Response update = run(filter, "POST", "/api/update", USER);
        assertEquals(403, update.status);
        assertEquals("{\"error\":\"the admin login is needed for POST /api/update\"}", update.body());
        assertEquals(403, run(filter, "PUT", "/api/admin/security", USER).status);
        assertEquals(List.of("GET /api/status", "POST /api/control"), reached);
    }

    @Test
    void theAdminMayUseEveryEndpoint() throws Exception {
        AccessFilter filter = filter();
        for (String path : List.of("/api/status", "/api/update", "/api/admin/security", "/api/nothing")) {
            assertEquals(200, run(filter, "GET", path, ADMIN).status, path);
        }
        assertEquals(4, reached.size());
    }

    @Test
    void wrongOrMalformedCredentialsAre401() throws Exception {
        AccessFilter filter = filter();
        assertEquals(401, run(filter, "GET", "/api/status", basic("infinergi", "000002")).status);
        assertEquals(401, run(filter, "GET", "/api/status", "Basic !!!not-base64").status);
        assertEquals(401, run(filter, "GET", "/api/status", "Bearer abc").status);
        assertTrue(reached.isEmpty());
    }

    @Test
    void repeatedFailuresFromOneAddressAreAnswered429UntilTheWaitIsOver() throws Exception {
        AccessFilter filter = filter();
        for (int i = 0; i < LoginBackoff.FREE_FAILURES + 1; i++) {
            assertEquals(401, run(filter, "GET", "/api/status", basic("admin", "guess" + i)).status);
        }
        // closed for 1 s: even the right password is not checked, and no thread waits
        FakeHttp.Response closed = run(filter, "GET", "/api/status", ADMIN);
        assertEquals(429, closed.status);
        assertEquals("1", closed.headers.get("Retry-After"));
        assertTrue(reached.isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(401, run(filter, "GET", "/api/status", basic("admin", "guess")).status);
        FakeHttp.Response longer = run(filter, "GET", "/api/status", ADMIN);
        assertEquals(429, longer.status);
        assertEquals("2", longer.headers.get("Retry-After"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, run(filter, "GET", "/api/status", ADMIN).status);
        // the success forgot the failures: the next mistake is free again
        assertEquals(401, run(filter, "GET", "/api/status", basic("admin", "guess")).status);
        assertEquals(200, run(filter, "GET", "/api/status", ADMIN).status);
        assertEquals(2, reached.size());
    }

    @Test
    void basicCredentialsMayContainAColonInThePassword() {
        String[] c = Access.basicCredentials(basic("admin", "a:b:c")).orElseThrow();
        assertEquals("admin", c[0]);
        assertEquals("a:b:c", c[1]);
        assertTrue(Access.basicCredentials("basic " + Base64.getEncoder().encodeToString(
                "infinergi:x".getBytes(StandardCharsets.UTF_8))).isPresent(), "the scheme is case-insensitive");
        assertTrue(Access.basicCredentials("Basic " + Base64.getEncoder().encodeToString(
                "no-colon".getBytes(StandardCharsets.UTF_8))).isEmpty());
    }
}
