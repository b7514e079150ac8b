package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class UiServletTest {

    private final UiServlet servlet = new UiServlet();

    @Test
    void theIndexIsServedForTheFolder_andEveryFileItLoadsExists() throws IOException {
        UiServlet.Asset index = servlet.asset("/");
        assertNotNull(index);
        assertEquals("text/html;charset=utf-8", index.contentType());
        String html = read(index);
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"").matcher(html);
        int files = 0;
        while (m.find()) {
            assertNotNull(servlet.asset("/" + m.group(1)), "index.html loads " + m.group(1));
            files++;
        }
        assertTrue(files >= 5, "index.html loads its script, styles and icon: " + files);
    }

    @Test
    void typesByExtension() {
        assertEquals("text/javascript;charset=utf-8", servlet.asset("/app.js").contentType());
        assertEquals("text/css;charset=utf-8", servlet.asset("/app.css").contentType());
        assertEquals("image/svg+xml", servlet.asset("/logo.svg").contentType());
    }

    @Test
    void nothingOutsideTheFlatListOfPages() {
        for (String path : List.of("/../OSGI-INF/x.xml", "/%2e%2e/x.js", "/sub/app.js", "/App.js", "/app.class",
                "/missing.js", "/.js", "//app.js", "/app.js/")) {
            assertNull(servlet.asset(path), path);
        }
    }

    @Test
    void nothingFromOutsideTheDevice() throws IOException {
        // issue 18: "nothing loaded from outside the device" — no absolute URL in any page file
        for (String name : List.of("index.html", "app.js", "api.js", "i18n.js", "app.css")) {
            String text = read(servlet.asset("/" + name));
            assertTrue(!text.matches("(?s).*(src|href)\\s*=\\s*\"(https?:)?//.*") && !text.contains("@import"),
                    name + " loads something from outside");
        }
        assertTrue(UiServlet.CONTENT_SECURITY_POLICY.startsWith("default-src 'self'"));
    }

    @Test
    void everyTextThePagesAskForIsInBothLanguages() throws IOException {
        String i18n = read(servlet.asset("/i18n.js"));
        int it = i18n.indexOf("\n  it: {");
        String en = i18n.substring(0, it);
        String italian = i18n.substring(it);
        Matcher keys = Pattern.compile("data-i18n=\"([^\"]+)\"").matcher(read(servlet.asset("/index.html")));
        while (keys.find()) {
            String key = "'" + keys.group(1) + "':";
            assertTrue(en.contains(key), "English lacks " + key);
            assertTrue(italian.contains(key), "Italian lacks " + key);
        }
        // manual §9.1: every error with its recovery action, in both
        for (String code : List.of("I1", "I2", "I3", "I4", "V1", "V2", "V3", "V4", "V5", "D1", "D2", "D3", "D4",
                "D5", "D6", "D7", "D8", "D9")) {
            assertTrue(en.contains("'error." + code + "': ['") && italian.contains("'error." + code + "': ['"), code);
        }
    }

    private static String read(UiServlet.Asset asset) throws IOException {
        try (InputStream in = asset.url().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
