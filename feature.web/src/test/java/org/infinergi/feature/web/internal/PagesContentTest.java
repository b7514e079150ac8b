package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** What the pages of {@link PagesServlet} hold: every file they load is served, and manual §9.1 in both languages. */
class PagesContentTest {

    private final Map<String, byte[]> files = PagesServlet.load();

    private String text(String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    @Test
    void everyFileTheIndexLoadsIsServed() {
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"").matcher(text("index.html"));
        int loaded = 0;
        while (m.find()) {
            assertTrue(PagesServlet.FILES.containsKey(m.group(1)), "index.html loads " + m.group(1));
            loaded++;
        }
        assertTrue(loaded >= 2, "its script and styles: " + loaded);
    }

    @Test
    void everyScriptAPageLoadsWhenItOpensIsServed() {
        Matcher m = Pattern.compile("need\\(([^)]*)\\)").matcher(text("app.js"));
        int loaded = 0;
        while (m.find()) {
            Matcher file = Pattern.compile("'([^']+)'").matcher(m.group(1));
            while (file.find()) {
                assertTrue(PagesServlet.FILES.containsKey(file.group(1)), "app.js loads " + file.group(1));
                loaded++;
            }
        }
        assertTrue(loaded >= 3, "Settings', Admin's and History's scripts: " + loaded);
    }

    /**
     * Issue 18 "Home fully loaded from a cold browser … under 300 ms": the clock does not use the browser's locale
     * data (its first use costs tens of milliseconds), and the page asks for its first answer before it wires itself.
     */
    @Test
    void homesFirstLoadNeitherWaitsForTheLocaleDataNorAsksLate() {
        String app = text("app.js");
        String tick = app.substring(app.indexOf("function tick()"), app.indexOf("\n  }\n", app.indexOf("function tick()")));
        assertTrue(!tick.contains("toLocale") && tick.contains("padStart"), tick);
        String start = app.substring(app.indexOf("async function start()"));
        assertTrue(start.indexOf("Api.atLoad()") < start.indexOf("applyLanguage()"), "asked first: " + start);
    }

    @Test
    void everyErrorOfManual91HasItsTitleAndRecoveryActionInBothLanguages() {
        String i18n = text("i18n.js");
        int it = i18n.indexOf("\n  it: {");
        String english = i18n.substring(0, it);
        String italian = i18n.substring(it);
        for (String code : List.of("I1", "I2", "I3", "I4", "V1", "V2", "V3", "V4", "V5", "D1", "D2", "D3", "D4",
                "D5", "D6", "D7", "D8", "D9")) {
            assertTrue(english.contains("'error." + code + "': ['") && italian.contains("'error." + code + "': ['"),
                    code);
        }
        // and the three categories, and every state of manual §6.1.1
        for (String key : List.of("category.1", "category.2", "category.3", "state.VEHICLE_NOT_CONNECTED",
                "state.CHARGING", "state.PAUSED", "state.ERROR", "state.UPDATING")) {
            assertTrue(english.contains("'" + key + "':") && italian.contains("'" + key + "':"), key);
        }
    }
}
