package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.PilotState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Issue 18: the login page and Home, static files of the bundle, nothing from outside, English and Italian. */
class PagesServletTest {

    @TempDir
    Path dir;

    private final Map<String, byte[]> files = PagesServlet.load();
    private final ObjectMapper mapper = new ObjectMapper();
    private ChargerStatus status = new ChargerStatus("INFINERGI-3T-DR", ChargerState.CHARGING, PilotState.C, 16.0,
            26.7, true, "maximum charge rate", ChargingMode.FAST, 11040, 1234.5, null, "", Instant.EPOCH);
    private Access access;
    private PagesServlet pages;

    @BeforeEach
    void setUp() {
        WebLogins logins = new WebLogins(dir.resolve(WebLogins.FILE), () -> "21/001-000001", 1000);
        access = new Access(logins, AccessTable.CHARGER, Clock.systemUTC(), Duration.ofMinutes(15));
        pages = new PagesServlet(access, new CurrentStatus(() -> status, null));
    }

    private FakeHttp.Response get(String uri) throws Exception {
        return get(new FakeHttp.Request("GET", uri));
    }

    private FakeHttp.Response get(FakeHttp.Request req) throws Exception {
        FakeHttp.Response resp = new FakeHttp.Response();
        pages.service(req.proxy(), resp.proxy());
        return resp;
    }

    private static FakeHttp.Request withCookie(String uri, String token) {
        FakeHttp.Request req = new FakeHttp.Request("GET", uri);
        req.headers.put("Cookie", "lang=it; " + Sessions.COOKIE + "=" + token);
        return req;
    }

    /** The JSON data block of the page, or null. */
    private JsonNode firstAnswer(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"api-session\">(.*?)</script>")
                .matcher(html);
        return m.find() ? mapper.readTree(m.group(1)) : null;
    }

    /** What GET /api/session?include=status answers the same session. */
    private JsonNode sessionAnswer(String token) throws Exception {
        FakeHttp.Request req = withCookie("/api/session?include=status", token);
        FakeHttp.Response resp = new FakeHttp.Response();
        assertTrue(new WebContext(access).handleSecurity(req.proxy(), resp.proxy()));
        new LoginServlet(access, new CurrentStatus(() -> status, null)).service(req.proxy(), resp.proxy());
        assertEquals(200, resp.status, resp.body());
        return mapper.readTree(resp.body());
    }

    /**
     * Issue 18 "Home fully loaded from a cold browser … under 300 ms": a browser that comes with a live session finds
     * in the page what GET /api/session?include=status would answer it, so Home needs no request after its script;
     * that page is the session's and live (never stored).
     */
    @Test
    void thePageHoldsTheSessionsAnswerForABrowserWithALiveSession_neverStored() throws Exception {
        Session session = access.sessions().open(WebLogins.Login.named("infinergi").orElseThrow());
        FakeHttp.Response home = get(withCookie("/ui/", session.token));
        assertEquals(200, home.status);
        JsonNode answer = firstAnswer(home.body());
        assertEquals(sessionAnswer(session.token), answer, home.body());
        assertEquals("CHARGING", answer.get("status").get("state").asText());
        assertEquals(session.csrfToken, answer.get("csrfToken").asText());
        assertEquals("no-store", home.headers.get("Cache-Control"));
        assertEquals(String.valueOf(home.out.size()), home.headers.get("Content-Length"));
        assertTrue(home.headers.get("Content-Security-Policy").startsWith("default-src 'self'"), "still no inline script");
        assertTrue(home.body().indexOf("id=\"api-session\"") < home.body().indexOf("</head>"));
        assertEquals(text("index.html"), home.body().replaceFirst("<script type=\"application/json\" id=\"api-session\">"
                + ".*?</script>\n", ""), "the page, and the answer");
    }

    /** No public endpoint tells the charger's state: without a live session the page is the same for all. */
    @Test
    void withoutALiveSessionThePageHoldsNoData() throws Exception {
        for (FakeHttp.Request req : List.of(new FakeHttp.Request("GET", "/ui/"), withCookie("/ui/", "unknown"),
                withCookie("/ui/index.html", "unknown"))) {
            FakeHttp.Response home = get(req);
            assertEquals(text("index.html"), home.body());
            assertFalse(home.body().contains("api-session") || home.body().contains("CHARGING"));
            assertEquals("no-cache", home.headers.get("Cache-Control"));
        }
        Session ended = access.sessions().open(WebLogins.Login.named("admin").orElseThrow());
        access.sessions().close(ended.token);
        assertEquals(text("index.html"), get(withCookie("/ui/", ended.token)).body(), "a session ended");
        Session live = access.sessions().open(WebLogins.Login.named("admin").orElseThrow());
        assertEquals(new String(files.get("home.js"), StandardCharsets.UTF_8),
                get(withCookie("/ui/home.js", live.token)).body(), "only the page holds it");
    }

    @Test
    void noTextOfTheAnswerCanEndItsElement() throws Exception {
        status = new ChargerStatus("INFINERGI-3T-DR", ChargerState.CHARGING, PilotState.C, 16.0, 26.7, true,
                "</script><script>alert(1)</script>", ChargingMode.FAST, 11040, 1234.5, null, "a & b <!--", Instant.EPOCH);
        Session session = access.sessions().open(WebLogins.Login.named("infinergi").orElseThrow());
        String html = get(withCookie("/ui/", session.token)).body();
        String block = html.substring(html.indexOf("id=\"api-session\">") + "id=\"api-session\">".length());
        block = block.substring(0, block.indexOf("</script>"));
        assertFalse(block.contains("<") || block.contains(">") || block.contains("&"), block);
        assertFalse(html.contains("alert(1)</script>"), html);
        JsonNode answer = firstAnswer(html);
        assertEquals("</script><script>alert(1)</script>", answer.get("status").get("limitedBy").asText());
        assertEquals("a & b <!--", answer.get("status").get("detail").asText());
    }

    private String text(String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    @Test
    void thePagesAreServedFromTheBundleWithAPolicyThatAllowsNothingFromOutside() throws Exception {
        for (String name : PagesServlet.FILES.keySet()) {
            FakeHttp.Response resp = get("/ui/" + name);
            assertEquals(200, resp.status, name);
            assertEquals(PagesServlet.FILES.get(name), resp.headers.get("Content-Type"));
            assertTrue(resp.headers.get("Content-Security-Policy").startsWith("default-src 'self'"));
            assertEquals("nosniff", resp.headers.get("X-Content-Type-Options"));
        }
        assertEquals(text("index.html"), get("/ui/").body());
        FakeHttp.Response root = new FakeHttp.Response();
        new RootServlet().service(new FakeHttp.Request("GET", "/").proxy(), root.proxy());
        assertEquals(302, root.status);
        assertEquals("/ui/", root.headers.get("Location"));
        assertEquals(List.of(""), ComponentRoutes.components().get(RootServlet.class.getName())
                .get("osgi.http.whiteboard.servlet.pattern"), "the context root, as the build wrote it");
        assertEquals(404, get("/ui/../OSGI-INF/metatype").status);
        assertEquals(404, get("/ui/secret.properties").status);
    }

    /**
     * Issue 18 "Home fully loaded from a cold browser … under 300 ms": Home waits for every script before it asks the
     * charger anything, so it loads one, the words and app.js joined once, with the headers of every page file.
     */
    @Test
    void homeLoadsOneScript_theWordsAndAppJoined_servedAsJavaScriptLikeEveryPageFile() throws Exception {
        String html = text("index.html");
        assertEquals(1, html.split("<script").length - 1, "one script: " + html);
        assertTrue(html.contains("<script src=\"home.js\" defer></script>"), html);

        FakeHttp.Response home = get("/ui/home.js");
        assertEquals(200, home.status);
        assertEquals("text/javascript", home.headers.get("Content-Type"));
        assertEquals(PagesServlet.CSP, home.headers.get("Content-Security-Policy"));
        assertEquals("nosniff", home.headers.get("X-Content-Type-Options"));
        assertEquals("no-cache", home.headers.get("Cache-Control"), "a field update brings it at once");
        assertEquals(text("i18n.js") + "\n" + text("app.js") + "\n", home.body());
        assertEquals(String.valueOf(home.out.size()), home.headers.get("Content-Length"));
        assertTrue(home.body().indexOf("window.I18N =") < home.body().indexOf("window.Api ="),
                "the words before the script that uses them");
    }

    @Test
    void noFileLoadsAnythingFromOutsideTheDevice() {
        Pattern external = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
        for (String name : PagesServlet.FILES.keySet()) {
            Matcher m = external.matcher(text(name));
            assertFalse(m.find(), name + " refers to " + (m.hitEnd() ? "" : m.group()));
        }
    }

    @Test
    void everyTextOfThePageExistsInEnglishAndItalian() {
        String i18n = text("i18n.js");
        int it = i18n.indexOf("\n  it: {");
        assertTrue(it > 0, "an Italian dictionary");
        String english = i18n.substring(0, it);
        String italian = i18n.substring(it);
        List<String> missing = new ArrayList<>();
        Matcher keys = Pattern.compile("data-i18n=\"([A-Za-z]+)\"").matcher(text("index.html"));
        List<String> used = new ArrayList<>();
        while (keys.find()) {
            used.add(keys.group(1));
        }
        Matcher calls = Pattern.compile("\\bt\\(\"([A-Za-z]+)\"").matcher(text("app.js"));
        while (calls.find()) {
            used.add(calls.group(1));
        }
        for (String key : used) {
            if (!english.contains(" " + key + ":")) {
                missing.add("en " + key);
            }
            if (!italian.contains(" " + key + ":")) {
                missing.add("it " + key);
            }
        }
        assertFalse(used.isEmpty());
        assertEquals(List.of(), missing);
    }
}
