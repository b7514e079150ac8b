package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;

/**
 * Issue 18 "Access" on the booted 3T-DR sim image: every {@code /api} path the HTTP runtime has registered, whichever
 * bundle registered it, read from the runtime's DTOs (so a new endpoint is walked without touching this test), needs a
 * login — 401 with a challenge without one, 403 for the user on an admin endpoint, neither with the right login — and
 * {@code /api/sim} stays open. Then the password settings of manual §7.1.3 and §7.2.3 and the back-off of failed
 * logins, over HTTP.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiAccessTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final Duration BOOT = Duration.ofSeconds(120);
    /**
     * What the user login may do (manual §6.1.2.1: all but the administrative settings); any other path and method
     * under /api is the admin's. Written here again on purpose: the firmware's table is checked against it.
     */
    private static final Set<String> USER_REQUESTS = Set.of("GET /api/status", "GET /api/sessions", "GET /api/errors",
            "GET /api/readings", "GET /api/info", "POST /api/control", "GET /api/auth", "GET /api/settings/security",
            "GET /api/session", "POST /api/logout", "GET /api/openapi.json",
            // Settings of manual §7.2 (feature.web SettingsServlet); its Admin → Installation is the admin's
            "GET /api/settings", "GET /api/settings/charging", "GET /api/settings/system",
            // History's chart of a session's power (feature.web SessionPower)
            "GET /api/sessions/power");
    /** What needs no login: the login of the pages itself (slowed down per client like every login). */
    private static final Set<String> OPEN_REQUESTS = Set.of("POST /api/login");
    /** Endpoints of four bundles (web, auth, update, sim): the walk waits until they are all registered. */
    private static final List<String> EXPECTED = List.of("/api/status", "/api/control", "/api/auth", "/api/update",
            "/api/settings/security", "/api/admin/security", "/api/login", "/api/session", "/api/sim",
            "/api/settings/charging", "/api/admin/installation");

    @Inject
    private BundleContext context;

    @Inject
    private HttpServiceRuntime runtime;

    private int port;
    private Http admin;
    private Http user;
    private Http nobody;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "midMeterPort", String.valueOf(Images.freePort())),
                editConfigurationFilePut("etc/org.infinergi.sim.cfg", "ctRemotePort", String.valueOf(Images.freePort())));
    }

    @Before
    public void theAdminIsLetIn() {
        port = Integer.parseInt(context.getProperty(Images.HTTP_PORT_PROPERTY));
        admin = new Http(port);
        user = new Http(port, Http.USER, Http.USER_PASSWORD);
        nobody = new Http(port, null, null);
        // also waits out a back-off another test of this class left behind
        await("the admin login opens /api/status").atMost(BOOT).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().until(() -> admin.exchange("GET", "/api/status", null).code() == 200);
    }

    @Test
    public void everyRegisteredApiPathNeedsItsLogin() {
        Set<String> paths = new TreeSet<>();
        await("the endpoints of web, auth, update and sim registered").atMost(BOOT)
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    paths.clear();
                    paths.addAll(apiPaths());
                    return paths.containsAll(EXPECTED);
                });
        List<String> wrong = new ArrayList<>();
        for (String path : paths) {
            for (String method : List.of("GET", "POST")) {
                String request = method + " " + path;
                Http.Answer anonymous = nobody.exchange(method, path, null);
                Http.Answer asUser = user.exchange(method, path, null);
                Http.Answer asAdmin = admin.exchange(method, path, null);
                if (path.equals("/api/sim") || path.startsWith("/api/sim/") || OPEN_REQUESTS.contains(request)) {
                    expectNot(wrong, request + " without a login", anonymous, 401, 403);
                    continue;
                }
                expect(wrong, request + " without a login", anonymous, 401);
                if (anonymous.code() == 401 && anonymous.challenge() == null) {
                    wrong.add(request + ": 401 without WWW-Authenticate");
                }
                if (anonymous.code() == 401 && !anonymous.json().has("error")) {
                    wrong.add(request + ": 401 without a JSON error: " + anonymous.json());
                }
                if (USER_REQUESTS.contains(request)) {
                    expectNot(wrong, request + " as the user", asUser, 401, 403);
                } else {
                    expect(wrong, request + " as the user", asUser, 403);
                }
                expectNot(wrong, request + " as the admin", asAdmin, 401, 403);
            }
        }
        assertEquals("walked " + paths, List.of(), wrong);
    }

    @Test
    public void theUserChangesItsPasswordAndTheAdminResetsIt() throws Exception {
        Http.Answer bad = user.exchange("PUT", "/api/settings/security", "{\"userWebPassword\":\"short\"}");
        assertEquals(400, bad.code());
        assertEquals("userWebPassword", bad.json().path("field").asText());
        assertEquals(400, user.exchange("PUT", "/api/settings/security", "{\"adminWebPassword\":\"takeover-1\"}")
                .code());

        // issue 18: the user's own change gives the password it has now
        Http.Answer withoutCurrent = user.exchange("PUT", "/api/settings/security",
                "{\"userWebPassword\":\"garage-2026\"}");
        assertEquals(400, withoutCurrent.code());
        assertEquals("currentPassword", withoutCurrent.json().path("field").asText());
        Http.Answer changed = user.exchange("PUT", "/api/settings/security",
                "{\"userWebPassword\":\"garage-2026\",\"currentPassword\":\"" + Http.USER_PASSWORD + "\"}");
        assertEquals(changed.json().toString(), 200, changed.code());
        assertEquals("CHANGED", changed.json().path("userWebPassword").asText());
        Http renamed = new Http(port, Http.USER, "garage-2026");
        assertEquals(200, renamed.exchange("GET", "/api/status", null).code());
        assertEquals(401, user.exchange("GET", "/api/status", null).code());

        // kept in the bundle's data area: a field update of feature.web keeps it
        Bundle web = bundle("org.infinergi.feature.web");
        web.update();
        await("the new password opens /api/status after bundle:update").atMost(BOOT)
                .pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> renamed.exchange("GET", "/api/status", null).code() == 200);
        assertEquals(401, user.exchange("GET", "/api/status", null).code());

        // manual §7.1.3/§7.2.3: a blank field resets the login to its default
        Http.Answer reset = admin.exchange("PUT", "/api/admin/security", "{\"userWebPassword\":\"\"}");
        assertEquals(reset.json().toString(), 200, reset.code());
        assertEquals("DEFAULT", reset.json().path("userWebPassword").asText());
        assertEquals("DEFAULT", reset.json().path("adminWebPassword").asText());
        assertEquals(200, user.exchange("GET", "/api/status", null).code());
    }

    @Test
    public void repeatedWrongPasswordsAreSlowedDownWith429() {
        Http guesser = new Http(port, Http.ADMIN, "guess");
        List<Integer> codes = new ArrayList<>();
        String retryAfter = null;
        // Wrong guesses until the 7th has been checked: three free mistakes, then the address closes for 1, 2, 4 s
        // and is answered 429 meanwhile; a guess once it opens again is checked (401) and counts.
        for (int failures = 0; failures < 7;) {
            Http.Answer a = guesser.exchange("GET", "/api/status", null);
            codes.add(a.code());
            if (a.code() == 429) {
                retryAfter = a.retryAfter();
                await("the address opens again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> guesser.exchange("GET", "/api/status", null).code() == 401);
            } else {
                assertEquals(codes.toString(), 401, a.code());
            }
            failures++;
        }
        assertEquals(List.of(401, 401, 401, 401), codes.subList(0, 4));
        assertTrue("slowed down: " + codes, codes.contains(429));
        assertTrue("Retry-After " + retryAfter, retryAfter != null && Integer.parseInt(retryAfter) >= 1);
        // closed for 8 s now: even the right password is not checked
        Http.Answer closed = admin.exchange("GET", "/api/status", null);
        assertEquals(closed.json().toString(), 429, closed.code());
        assertNotEquals(null, closed.retryAfter());
        await("the right password opens once the wait is over").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).until(() -> admin.exchange("GET", "/api/status", null).code() == 200);
    }

    /**
     * Issue 18: the REST API is described in an OpenAPI file served by the device; every /api path the running image
     * registers, whichever bundle registered it, is in it (the sim's world and the catch-all 404 aside).
     */
    @Test
    public void everyRegisteredApiPathIsDescribedInTheServedOpenApiFile() {
        await("the endpoints of web, auth, update and sim registered").atMost(BOOT)
                .pollInterval(Duration.ofMillis(300)).until(() -> apiPaths().containsAll(EXPECTED));
        Http.Answer doc = user.exchange("GET", "/api/openapi.json", null);
        assertEquals(200, doc.code());
        List<String> undescribed = new ArrayList<>();
        for (String path : new TreeSet<>(apiPaths())) {
            boolean notAnEndpoint = path.equals("/api/walked") || path.equals("/api/sim") || path.startsWith("/api/sim/");
            if (!notAnEndpoint && !doc.json().path("paths").has(path)) {
                undescribed.add(path);
            }
        }
        assertEquals(List.of(), undescribed);
    }

    /**
     * Issue 18: while feature.web is stopped (as for a moment during its bundle:update) its login check is gone; the
     * endpoints of feature.auth and feature.update, in feature.web's servlet context, are then not served at all,
     * rather than served without a login. Back once it starts.
     */
    @Test
    public void whileFeatureWebIsStoppedNoEndpointAnswersWithoutALogin() throws Exception {
        await("feature.auth's and feature.update's endpoints registered").atMost(BOOT)
                .pollInterval(Duration.ofMillis(300)).until(() -> apiPaths().containsAll(List.of("/api/auth", "/api/update")));
        Bundle web = bundle("org.infinergi.feature.web");
        web.stop();
        try {
            for (String path : List.of("/api/auth", "/api/update", "/api/status", "/api/admin/security")) {
                for (String method : List.of("GET", "POST")) {
                    int code = nobody.exchange(method, path, null).code();
                    assertTrue(method + " " + path + " without feature.web answered " + code, code == 404);
                }
            }
        } finally {
            web.start();
        }
        await("feature.update's endpoint served again, with its login").atMost(BOOT).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().until(() -> admin.exchange("GET", "/api/update", null).code() == 200);
        assertEquals(401, nobody.exchange("GET", "/api/update", null).code());
        assertEquals(403, user.exchange("GET", "/api/update", null).code());
    }

    /**
     * Issue 18 "sessions with expiry; CSRF protection": the login of the pages over HTTP — an HttpOnly, SameSite=Strict
     * cookie and a CSRF token; a change without the token is refused (403) and changes nothing; with it, it is done;
     * after the logout the cookie opens nothing.
     */
    @Test
    public void thePagesLogInWithASessionCookieAndChangeThingsOnlyWithTheCsrfToken() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        java.net.http.HttpResponse<String> login = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/api/login")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"user\":\"" + Http.USER
                        + "\",\"password\":\"" + Http.USER_PASSWORD + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(login.body(), 200, login.statusCode());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie, setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                && setCookie.contains("Path=/"));
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).get("csrfToken").asText();

        assertEquals(200, send(client, base, "GET", "/api/session", cookie, null, null).statusCode());
        java.net.http.HttpResponse<String> noToken = send(client, base, "POST", "/api/control", cookie, null,
                "{\"action\":\"pause\"}");
        assertEquals(noToken.body(), 403, noToken.statusCode());
        assertTrue(noToken.body(), noToken.body().contains("X-CSRF-Token"));
        java.net.http.HttpResponse<String> withToken = send(client, base, "POST", "/api/control", cookie, csrf,
                "{\"action\":\"pause\"}");
        assertEquals(withToken.body(), 200, withToken.statusCode());
        assertEquals(403, send(client, base, "PUT", "/api/admin/security", cookie, csrf, "{\"userWebPassword\":\"\"}")
                .statusCode());
        assertEquals(200, send(client, base, "POST", "/api/logout", cookie, csrf, "").statusCode());
        assertEquals(401, send(client, base, "GET", "/api/status", cookie, null, null).statusCode());
        admin.exchange("POST", "/api/control", "{\"action\":\"resume\"}");
    }

    /** Issue 18: the login page is served by the device without a login, and allows nothing from outside it. */
    @Test
    public void theLoginPageIsServedByTheDevice() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        java.net.http.HttpResponse<String> root = send(client, base, "GET", "/", null, null, null);
        assertEquals(302, root.statusCode());
        java.net.http.HttpResponse<String> page = send(client, base, "GET", "/ui/", null, null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("<form id=\"login\""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"));
        assertEquals(200, send(client, base, "GET", "/ui/app.js", null, null, null).statusCode());
    }

    private static java.net.http.HttpResponse<String> send(java.net.http.HttpClient client, String base, String method,
            String path, String cookie, String csrf, String body) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Every registered servlet pattern under /api, as a path to ask ({@code /*} asked one level down). */
    private List<String> apiPaths() {
        List<String> paths = new ArrayList<>();
        for (ServletContextDTO c : runtime.getRuntimeDTO().servletContextDTOs) {
            String contextPath = c.contextPath == null || c.contextPath.equals("/") ? "" : c.contextPath;
            for (ServletDTO s : c.servletDTOs) {
                for (String pattern : s.patterns) {
                    String path = contextPath + (pattern.endsWith("/*")
                            ? pattern.substring(0, pattern.length() - 2) + "/walked" : pattern);
                    if (path.equals("/api") || path.startsWith("/api/")) {
                        paths.add(path);
                    }
                }
            }
        }
        return paths;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static void expect(List<String> wrong, String what, Http.Answer answer, int code) {
        if (answer.code() != code) {
            wrong.add(what + ": " + answer.code() + " instead of " + code + " " + answer.json());
        }
    }

    private static void expectNot(List<String> wrong, String what, Http.Answer answer, int... codes) {
        for (int code : codes) {
            if (answer.code() == code) {
                wrong.add(what + ": " + code + " " + answer.json());
            }
        }
    }
}
