package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Admin's RFID, Security and Firmware update sections and History's chart (admin.js, chart.js): every text they show
 * exists in English and Italian (the block of i18n.js they share), including the keys they build from the API's
 * names (modes, learning and update states); served by the bundle; no library, nothing from outside.
 */
class AdminPagesTest {

    private static String text(String name) {
        try (InputStream in = AdminPagesTest.class.getResourceAsStream("/ui/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dictionary of one language in i18n.js: its main object and the blocks appended to it. */
    private static String dictionary(String lang) {
        String i18n = text("i18n.js");
        StringBuilder out = new StringBuilder();
        int main = i18n.indexOf("\n  " + lang + ": {");
        int mainEnd = i18n.indexOf("\n  }", main);
        out.append(i18n, main, mainEnd);
        Matcher block = Pattern.compile("Object\\.assign\\(window\\.I18N\\." + lang + ", \\{(.*?)\\n\\}\\);",
                Pattern.DOTALL).matcher(i18n);
        while (block.find()) {
            out.append(block.group(1));
        }
        return out.toString();
    }

    private static List<String> used() {
        List<String> keys = new ArrayList<>();
        Matcher html = Pattern.compile("data-i18n=\"([A-Za-z.]+\\.[A-Za-z.]+)\"").matcher(text("index.html"));
        while (html.find()) {
            keys.add(html.group(1));
        }
        for (String file : List.of("admin.js", "chart.js", "app.js")) {
            Matcher calls = Pattern.compile("\\btr?\\('([A-Za-z]+(?:\\.[A-Za-z]+)+)'").matcher(text(file));
            while (calls.find()) {
                keys.add(calls.group(1));
            }
        }
        for (String mode : List.of("FREE", "LOCAL_LIST", "CENTRALIZED", "CENTRALIZED_WITH_LOCAL_LIST")) {
            keys.add("rfid.mode." + mode);
        }
        for (String state : List.of("IDLE", "POSTPONED", "UPDATING", "DONE", "FAILED", "CANCELLED", "RESTARTING")) {
            keys.add("firmware.state." + state);
        }
        keys.add("chart.seconds");
        keys.add("chart.minutes");
        for (String state : List.of("expired", "cancelled")) {
            keys.add("rfid." + state);
        }
        return keys;
    }

    @Test
    void everyTextOfTheAdminSectionsAndTheChartExistsInEnglishAndItalian() {
        List<String> keys = used();
        assertTrue(keys.contains("rfid.swipe") && keys.contains("chart.title") && keys.contains("action.refused"),
                keys.toString());
        List<String> missing = new ArrayList<>();
        for (String lang : List.of("en", "it")) {
            String dict = dictionary(lang);
            for (String key : keys) {
                if (!dict.contains("'" + key + "':")) {
                    missing.add(lang + " " + key);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theAdminScriptsAreServed_andLoadNothingFromOutside() {
        assertTrue(PagesServlet.FILES.containsKey("admin.js") && PagesServlet.FILES.containsKey("chart.js"));
        String html = text("index.html");
        // loaded by app.js when Admin or History opens (Home's first load needs neither: PagesServletTest)
        String app = text("app.js");
        assertTrue(app.contains("need('admin.js', 'settings.js')"), "Admin loads admin.js");
        assertTrue(app.contains("need('chart.js')"), "History loads chart.js");
        assertFalse(html.contains("admin.js") || html.contains("chart.js"), "not loaded with Home");
        for (String file : List.of("admin.js", "chart.js")) {
            String js = text(file);
            assertFalse(js.contains("innerHTML"), file + " builds its elements, never HTML from data");
            assertFalse(js.contains(".style."), file + ": no inline style (the pages' policy)");
        }
    }

    @Test
    void aRefusedActionIsShownAsRefused_notAsNothing() {
        String app = text("app.js");
        assertTrue(app.contains("answer.accepted === false"), "the core's refusal (200, accepted false) is read");
        assertTrue(app.contains("t('action.refused', { m: message })"), app);
    }
}
