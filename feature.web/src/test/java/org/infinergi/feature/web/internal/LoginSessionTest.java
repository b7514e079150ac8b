package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.feature.web.internal.WebLogins.Login;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 18 "sessions with expiry; CSRF protection on every state-changing request": the login of the pages
 * ({@code POST /api/login}, {@code GET /api/session}, {@code POST /api/logout}) and how {@link Access} treats a request
 * that carries the session cookie, driven through the servlet and the check the HTTP runtime calls.
 */
class LoginSessionTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> reached = new ArrayList<>();
    private WebLogins logins;
    private Access access;
    private LoginServlet servlet;
    private CurrentStatus current;
    private ChargerStatus status = new ChargerStatus("INFINERGI-3T-DR", ChargerState.CHARGING, PilotState.C, 16.0,
            26.7, true, "maximum charge rate", ChargingMode.FAST, 11040, 1234.5, null, "", Instant.EPOCH);

    @BeforeEach
    void setUp() {
        logins = new WebLogins(dir.resolve(WebLogins.FILE), () -> "21/001-000001", 1000);
        access = new Access(logins, AccessTable.CHARGER, clock, Duration.ofMinutes(15));
        current = new CurrentStatus(() -> status, null);
        servlet = new LoginServlet(access, current);
    }

    /** A request through the access check, then (if admitted) to the login servlet or a stand-in servlet. */
    private FakeHttp.Response send(FakeHttp.Request req) throws Exception {
        FakeHttp.Response resp = new FakeHttp.Response();
        var r = req.proxy();
        if (new WebContext(access).handleSecurity(r, resp.proxy())) {
            String path = Access.path(r);
            if (path.equals("/api/login") || path.equals("/api/session") || path.equals("/api/logout")) {
                servlet.service(r, resp.proxy());
            } else {
                reached.add(req.method + " " + req.uri);
            }
        }
        return resp;
    }

    private static FakeHttp.Request login(String user, String password) {
        return new FakeHttp.Request("POST", "/api/login")
                .body("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    private static FakeHttp.Request withCookie(FakeHttp.Request req, String token) {
        req.headers.put("Cookie", "lang=it; " + Sessions.COOKIE + "=" + token);
        return req;
    }

    /** The session token of a login's Set-Cookie. */
    private static String token(FakeHttp.Response resp) {
        String cookie = resp.added.stream().filter(h -> h.startsWith("Set-Cookie: ")).findFirst().orElseThrow();
        return cookie.substring(("Set-Cookie: " + Sessions.COOKIE + "=").length(), cookie.indexOf(';'));
    }

    private JsonNode json(FakeHttp.Response resp) throws Exception {
        return mapper.readTree(resp.body());
    }

    @Test
    void aLoginOpensASessionWithAnHttpOnlyStrictCookieAndACsrfToken() throws Exception {
        FakeHttp.Response resp = send(login("admin", "21/001-000001"));
        assertEquals(200, resp.status, resp.body());
        String cookie = resp.added.get(0);
        assertTrue(cookie.startsWith("Set-Cookie: infinergi_session="), cookie);
        assertTrue(cookie.endsWith("; Path=/; HttpOnly; SameSite=Strict"), cookie);
        JsonNode body = json(resp);
        assertEquals("admin", body.get("user").asText());
        assertEquals("ADMIN", body.get("role").asText());
        assertEquals(43, body.get("csrfToken").asText().length(), "256 random bits");
        assertEquals(900, body.get("idleExpiryS").asInt());

        FakeHttp.Response who = send(withCookie(new FakeHttp.Request("GET", "/api/session"), token(resp)));
        assertEquals(200, who.status, who.body());
        assertEquals(body, json(who));
        assertEquals(200, send(withCookie(new FakeHttp.Request("GET", "/api/admin/security"), token(resp))).status);
    }

    /** Home's first view from one answer (issue 18: Home from a cold browser in under 300 ms). */
    @Test
    void theSessionWithIncludeStatusHoldsWhoIsLoggedInAndTheStatusOfApiStatus() throws Exception {
        FakeHttp.Response login = send(login("infinergi", "000001"));
        FakeHttp.Response both = send(withCookie(new FakeHttp.Request("GET", "/api/session?include=status"),
                token(login)));
        assertEquals(200, both.status, both.body());
        JsonNode body = json(both);
        assertEquals("infinergi", body.get("user").asText());
        assertEquals("USER", body.get("role").asText());
        assertEquals(json(login).get("csrfToken"), body.get("csrfToken"));
        FakeHttp.Response alone = new FakeHttp.Response();
        new StatusServlet(current).service(new FakeHttp.Request("GET", "/api/status").proxy(), alone.proxy());
        assertEquals(json(alone), body.get("status"), "what GET /api/status answers");
        assertEquals("CHARGING", body.get("status").get("state").asText());
        assertEquals("no-store", both.headers.get("Cache-Control"), "live values");
        assertFalse(json(send(withCookie(new FakeHttp.Request("GET", "/api/session"), token(login)))).has("status"),
                "only when asked");

        servlet = new LoginServlet(access, new CurrentStatus(null, null)); // the core not running: /api/status 503
        assertTrue(json(send(withCookie(new FakeHttp.Request("GET", "/api/session?include=status"), token(login))))
                .get("status").isNull());
    }

    @Test
    void theStatusOfTheSessionNeedsTheLogin_andIncludeTakesOnlyStatus() throws Exception {
        FakeHttp.Response anonymous = send(new FakeHttp.Request("GET", "/api/session?include=status"));
        assertEquals(401, anonymous.status);
        assertFalse(anonymous.body().contains("CHARGING"), anonymous.body());
        FakeHttp.Response expired = send(withCookie(new FakeHttp.Request("GET", "/api/session?include=status"),
                "not-a-session"));
        assertEquals(401, expired.status);
        assertFalse(expired.body().contains("CHARGING"), expired.body());

        String token = token(send(login("infinergi", "000001")));
        FakeHttp.Response other = send(withCookie(new FakeHttp.Request("GET", "/api/session?include=secrets"), token));
        assertEquals(400, other.status, other.body());
        assertEquals("include", json(other).get("field").asText());
        assertFalse(other.body().contains("CHARGING"));
    }

    @Test
    void theUserSessionIsRefusedTheAdminEndpoints() throws Exception {
        String token = token(send(login("infinergi", "000001")));
        assertEquals(200, send(withCookie(new FakeHttp.Request("GET", "/api/status"), token)).status);
        FakeHttp.Request update = withCookie(new FakeHttp.Request("POST", "/api/update"), token);
        update.headers.put("X-CSRF-Token", csrf(token));
        assertEquals(403, send(update).status);
        assertEquals(List.of("GET /api/status"), reached);
    }

    private String csrf(String token) {
        return access.sessions().use(token).orElseThrow().csrfToken;
    }

    @Test
    void aStateChangingRequestWithTheSessionNeedsItsCsrfToken_403WithoutAndChangesNothing() throws Exception {
        FakeHttp.Response login = send(login("infinergi", "000001"));
        String token = token(login);
        String csrf = json(login).get("csrfToken").asText();
        FakeHttp.Response missing = send(withCookie(new FakeHttp.Request("POST", "/api/control"), token));
        assertEquals(403, missing.status);
        assertTrue(json(missing).get("error").asText().contains("X-CSRF-Token"), missing.body());
        FakeHttp.Request wrong = withCookie(new FakeHttp.Request("POST", "/api/control"), token);
        wrong.headers.put("X-CSRF-Token", csrf.substring(1) + "x");
        assertEquals(403, send(wrong).status);
        FakeHttp.Request put = withCookie(new FakeHttp.Request("PUT", "/api/settings/security"), token);
        assertEquals(403, send(put).status);
        assertTrue(reached.isEmpty(), "nothing reached a servlet: " + reached);

        FakeHttp.Request right = withCookie(new FakeHttp.Request("POST", "/api/control"), token);
        right.headers.put("X-CSRF-Token", csrf);
        assertEquals(200, send(right).status);
        assertEquals(200, send(withCookie(new FakeHttp.Request("GET", "/api/status"), token)).status,
                "reading needs no token");
        assertEquals(List.of("POST /api/control", "GET /api/status"), reached);
    }

    @Test
    void httpBasicNeedsNoCsrfToken_scripts() throws Exception {
        FakeHttp.Request post = new FakeHttp.Request("POST", "/api/control");
        post.headers.put("Authorization", AccessFilterTest.basic("infinergi", "000001"));
        assertEquals(200, send(post).status);
        assertEquals(List.of("POST /api/control"), reached);
    }

    @Test
    void aSessionIdleLongerThanTheExpiryEnds_401_andUseKeepsItAlive() throws Exception {
        String token = token(send(login("infinergi", "000001")));
        clock.advance(Duration.ofMinutes(14));
        assertEquals(200, send(withCookie(new FakeHttp.Request("GET", "/api/status"), token)).status);
        clock.advance(Duration.ofMinutes(14));
        assertEquals(200, send(withCookie(new FakeHttp.Request("GET", "/api/status"), token)).status,
                "14 min after the last request, not the login");
        clock.advance(Duration.ofMinutes(15));
        FakeHttp.Response expired = send(withCookie(new FakeHttp.Request("GET", "/api/status"), token));
        assertEquals(401, expired.status);
        assertNull(expired.headers.get("WWW-Authenticate"), "no Basic dialog in the browser");
        assertTrue(json(expired).get("error").asText().contains("expired"), expired.body());
        assertEquals(401, send(withCookie(new FakeHttp.Request("GET", "/api/status"), "forged-token")).status);
        assertEquals(2, reached.size());
    }

    @Test
    void theExpiryIsConfigurable_andARejectedValueKeepsThePrevious() {
        access.modified(Map.of("sessionIdleExpiryS", 120L));
        assertEquals(Duration.ofSeconds(120), access.sessions().idleExpiry());
        access.modified(Map.of("sessionIdleExpiryS", "59"));
        assertEquals(Duration.ofSeconds(120), access.sessions().idleExpiry(), "below 60 s: rejected");
        access.modified(Map.of("sessionIdleExpiryS", "soon"));
        assertEquals(Duration.ofSeconds(120), access.sessions().idleExpiry());
        access.modified(Map.of());
        assertEquals(Duration.ofSeconds(900), access.sessions().idleExpiry(), "the Metatype default");
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() throws Exception {
        FakeHttp.Response login = send(login("admin", "21/001-000001"));
        String token = token(login);
        FakeHttp.Request logout = withCookie(new FakeHttp.Request("POST", "/api/logout"), token);
        logout.headers.put("X-CSRF-Token", json(login).get("csrfToken").asText());
        FakeHttp.Response out = send(logout);
        assertEquals(200, out.status, out.body());
        assertTrue(out.added.get(0).startsWith("Set-Cookie: infinergi_session=; Path=/; Max-Age=0"), out.added.get(0));
        assertEquals(401, send(withCookie(new FakeHttp.Request("GET", "/api/session"), token)).status);
    }

    @Test
    void aNewPasswordOrTheFactoryResetEndsTheSessionsOfBefore() throws Exception {
        String user = token(send(login("infinergi", "000001")));
        String admin = token(send(login("admin", "21/001-000001")));
        logins.change(Login.USER, "family-1");
        assertEquals(401, send(withCookie(new FakeHttp.Request("GET", "/api/status"), user)).status);
        assertEquals(200, send(withCookie(new FakeHttp.Request("GET", "/api/status"), admin)).status);
        logins.restoreFactoryDefaults();
        assertEquals(401, send(withCookie(new FakeHttp.Request("GET", "/api/status"), admin)).status);
    }

    @Test
    void wrongLoginsAre401AndSlowedDownLikeBasic_429() throws Exception {
        for (int i = 0; i < LoginBackoff.FREE_FAILURES + 1; i++) {
            FakeHttp.Response wrong = send(login("admin", "guess" + i));
            assertEquals(401, wrong.status);
            assertTrue(wrong.added.isEmpty(), "no cookie");
        }
        FakeHttp.Response closed = send(login("admin", "21/001-000001"));
        assertEquals(429, closed.status);
        assertEquals("1", closed.headers.get("Retry-After"));
        // the same address with Basic is closed too: one back-off for every way of logging in
        FakeHttp.Request basic = new FakeHttp.Request("GET", "/api/status");
        basic.headers.put("Authorization", AccessFilterTest.basic("admin", "21/001-000001"));
        assertEquals(429, send(basic).status);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, send(login("admin", "21/001-000001")).status);
    }

    @Test
    void aTamperedLoginIs400NamingWhatWasWrong_andOpensNothing() throws Exception {
        String[][] cases = {
                {"{\"user\":\"admin\",\"password\":\"21/001-000001\",\"role\":\"ADMIN\"}", "role"},
                {"{\"user\":\"admin\",\"password\":210010000001}", "password"},
                {"{\"user\":[\"admin\"],\"password\":\"21/001-000001\"}", "user"},
                {"{\"user\":\"admin\"}", "password"},
        };
        for (String[] c : cases) {
            FakeHttp.Response resp = send(new FakeHttp.Request("POST", "/api/login").body(c[0]));
            assertEquals(400, resp.status, c[0]);
            assertEquals(c[1], json(resp).get("field").asText(), c[0] + " → " + resp.body());
            assertTrue(resp.added.isEmpty());
        }
        assertEquals(400, send(new FakeHttp.Request("POST", "/api/login").body("not json")).status);
        FakeHttp.Response big = send(new FakeHttp.Request("POST", "/api/login")
                .body("{\"user\":\"admin\",\"password\":\"" + "x".repeat(LoginServlet.MAX_BODY_BYTES) + "\"}"));
        assertEquals(400, big.status, "issue 18: an oversize body is a tampered request, 400 naming the limit");
        assertTrue(json(big).get("error").asText().contains("1024 bytes, the limit"), big.body());
        assertEquals(0, access.sessions().count());
    }

    @Test
    void aBrowserRequestFromAnotherSiteMayNotChangeAnything() throws Exception {
        FakeHttp.Request forged = new FakeHttp.Request("POST", "/api/control");
        forged.headers.put("Authorization", AccessFilterTest.basic("admin", "21/001-000001"));
        forged.headers.put("Origin", "http://evil.example");
        forged.headers.put("Host", "192.168.1.50");
        assertEquals(403, send(forged).status);
        FakeHttp.Request own = new FakeHttp.Request("POST", "/api/control");
        own.headers.put("Authorization", AccessFilterTest.basic("admin", "21/001-000001"));
        own.headers.put("Origin", "http://192.168.1.50");
        own.headers.put("Host", "192.168.1.50");
        assertEquals(200, send(own).status);
        assertEquals(List.of("POST /api/control"), reached);
        assertFalse(Access.crossSite(new FakeHttp.Request("POST", "/api/control").proxy()), "curl sends no Origin");
    }

    @Test
    void traceIsRefusedBeforeTheLogin() throws Exception {
        FakeHttp.Response trace = send(new FakeHttp.Request("TRACE", "/api/status"));
        assertEquals(405, trace.status);
        assertTrue(reached.isEmpty());
    }
}
