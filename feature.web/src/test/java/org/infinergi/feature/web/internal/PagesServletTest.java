package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Issue 18: the login page and Home, static files of the bundle, nothing from outside, English and Italian. */
class PagesServletTest {

    private final Map<String, byte[]> files = PagesServlet.load();

    private static FakeHttp.Response get(String uri) throws Exception {
        FakeHttp.Response resp = new FakeHttp.Response();
        new PagesServlet().service(new FakeHttp.Request("GET", uri).proxy(), resp.proxy());
        return resp;
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
