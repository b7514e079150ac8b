package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 18's Settings page (manual §7.2) and Admin → Installation (§7.1.1) in a real browser, on the 3T-DR sim image
 * booted in factory state (installation not complete, wiring limit 6 A: models/_base, not the installed charger of
 * the sim images): the first configuration of §4.10.2 by the installer with Apply and the warning, then the user
 * changing the mode on Settings and seeing it on Home, each with a value out of range refused next to its field.
 * Driven by {@code itest/src/test/browser/settings-walkthrough.js} (playwright-core with Debian's chromium, as
 * {@link WebInterfaceTest}); screenshots into {@code itest/target/web-screenshots}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebSettingsTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final String BROWSER_DIR_PROPERTY = "infinergi.itest.browserDir";
    private static final String SCREENSHOTS_PROPERTY = "infinergi.itest.screenshots";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final long SCENARIO_MINUTES = 3;

    @Inject
    private BundleContext context;

    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() throws Exception {
        File dir = new File(System.getProperty("infinergi.root", ".."), "itest/src/test/browser").getAbsoluteFile();
        installPlaywright(dir);
        File screenshots = new File("target/web-screenshots").getAbsoluteFile();
        return OptionUtils.combine(Images.boot(IMAGE),
                // the factory state of every charger (models/_base): the sim images ship installed
                editConfigurationFilePut("etc/org.infinergi.installation.cfg", "installationComplete", "false"),
                editConfigurationFilePut("etc/org.infinergi.installation.cfg", "wiringLimitA", "6"),
                editConfigurationFilePut("etc/system.properties", BROWSER_DIR_PROPERTY, dir.getPath()),
                editConfigurationFilePut("etc/system.properties", SCREENSHOTS_PROPERTY, screenshots.getPath()));
    }

    private static void installPlaywright(File dir) throws IOException, InterruptedException {
        if (!new File("/usr/bin/chromium").canExecute()) {
            throw new IllegalStateException("no /usr/bin/chromium: apt-get install -y chromium (test.sh does)");
        }
        if (!new File(dir, "node_modules/playwright-core").isDirectory()) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir).inheritIO().start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed: the walkthrough needs playwright-core");
            }
        }
    }

    /**
     * One test, one story on one charger: the installer's first configuration comes first (a user cannot charge
     * before it), then the user's Settings.
     */
    @Test
    public void theFirstConfigurationOnAFactoryStateCharger_thenTheUserChangesTheModeOnSettings() {
        Http admin = new Http(Integer.parseInt(context.getProperty(Images.HTTP_PORT_PROPERTY)));
        await("/api/status answers").atMost(BOOT).ignoreExceptions()
                .until(() -> !admin.get("/api/status").path("state").asText().isEmpty());

        List<JsonNode> installer = walk("installation", Http.ADMIN, Http.ADMIN_PASSWORD);
        JsonNode factory = Walkthrough.step(installer, "factory");
        assertEquals("installation not complete (manual §4.10)", factory.path("detail").asText());
        assertFalse(value(factory.path("installation"), "installationComplete").asBoolean());

        JsonNode form = Walkthrough.step(installer, "form");
        assertEquals("manual §7.1.1's four settings, in its order",
                List.of("chargingEnabled", "wiringLimitA", "earthing", "installationComplete"), texts(form.path("fields")));
        assertEquals(List.of("Charging enabled", "Wiring limit", "Earthing arrangement", "Installation complete"),
                texts(form.path("labels")));
        assertEquals("6", form.path("wiring").asText());
        assertEquals(List.of("TN_TT", "IT"), texts(form.path("earthingOptions")));
        assertEquals("Apply", form.path("apply").asText());

        JsonNode refused = Walkthrough.step(installer, "outOfRange");
        assertEquals("the core's own words for its Metatype range", "must be 6..32 A", refused.path("message").asText());
        assertEquals("Not saved: correct the values marked. Nothing was changed.", refused.path("result").asText());
        assertEquals("nothing changed", 6, refused.path("wiring").asInt());
        assertFalse("nothing changed: the right field was not applied either", refused.path("complete").asBoolean());

        JsonNode warning = Walkthrough.step(installer, "warning");
        assertEquals("I3", warning.path("code").asText());
        assertEquals("Undervoltage", warning.path("title").asText());
        assertTrue(warning.toString(), warning.path("remedy").asText().startsWith("The error is automatically cleared"));
        assertEquals("manual §4.10.2 ATTENTION", "Disconnect the switch upstream of the device and solve the problem as "
                + "described in section 9.1.", warning.path("text").asText());

        JsonNode applied = Walkthrough.step(installer, "applied");
        assertFalse(applied.path("warningVisible").asBoolean());
        assertEquals(25, value(applied.path("installation"), "wiringLimitA").asInt());
        assertTrue(value(applied.path("installation"), "installationComplete").asBoolean());
        assertEquals("the installation is in force in the core", "VEHICLE_NOT_CONNECTED",
                Walkthrough.step(installer, "installed").path("state").asText());
        JsonNode stored = admin.get("/api/admin/installation");
        assertEquals(25, value(stored, "wiringLimitA").asInt());
        assertEquals(List.of(), texts(admin.get("/api/status").path("rejectedConfigurations")));

        List<JsonNode> user = walk("mode", Http.USER, Http.USER_PASSWORD);
        assertEquals("Fast", Walkthrough.step(user, "before").path("mode").asText());
        JsonNode settings = Walkthrough.step(user, "settings");
        assertEquals("the sections the 3T-DR has", List.of("Charging", "System", "Security"),
                texts(settings.path("sections")));
        assertEquals("manual §7.2.1's groups, each from its installed bundle", List.of("Charging",
                "Maximum import from the grid", "Boost", "Meters", "Green", "Programmed", "OCPP"),
                texts(settings.path("groups")));
        assertEquals(List.of("FAST", "GREEN", "PROGRAMMED", "OCPP"), texts(settings.path("modes")));

        JsonNode tooHigh = Walkthrough.step(user, "outOfRange");
        assertEquals("must be 6..32 A", tooHigh.path("message").asText());
        assertEquals("nothing changed", 32, tooHigh.path("maxChargeRate").asInt());
        assertEquals("nothing changed: not the mode either", "FAST", tooHigh.path("mode").asText());

        JsonNode after = Walkthrough.step(user, "after");
        assertEquals("Green", after.path("mode").asText());
        assertEquals(16, value(after.path("settings"), "maxChargeRateA").asInt());
        assertEquals("GREEN", admin.get("/api/status").path("mode").asText());
        assertEquals("Salva", "Impostazioni", Walkthrough.step(user, "italian").path("title").asText());
        assertEquals("Potenza massima di ricarica", Walkthrough.step(user, "italian").path("maxChargeRate").asText());

        // every admin endpoint answers the user 403, and nothing changes
        Http asUser = new Http(Integer.parseInt(context.getProperty(Images.HTTP_PORT_PROPERTY)), Http.USER,
                Http.USER_PASSWORD);
        assertEquals(403, asUser.exchange("PUT", "/api/admin/installation", "{\"wiringLimitA\":16}").code());
        assertEquals(403, asUser.exchange("GET", "/api/admin/installation", null).code());
        assertEquals(25, value(admin.get("/api/admin/installation"), "wiringLimitA").asInt());

        assertScreenshots(installer, "installation", "installation-refused", "installation-warning");
        assertScreenshots(user, "settings", "settings-refused");
    }

    /** The value of {@code key} in a settings form of the API. */
    private static JsonNode value(JsonNode form, String key) {
        for (JsonNode g : form.path("groups")) {
            for (JsonNode f : g.path("fields")) {
                if (f.path("key").asText().equals(key)) {
                    return f.path("value");
                }
            }
        }
        throw new AssertionError("no " + key + " in " + form);
    }

    // ---- the script (as WebInterfaceTest runs web-walkthrough.js) ----

    private List<JsonNode> walk(String scenario, String user, String password) {
        return Walkthrough.run(new File(context.getProperty(BROWSER_DIR_PROPERTY)),
                new File(context.getProperty(SCREENSHOTS_PROPERTY)), "settings-" + scenario, SCENARIO_MINUTES,
                List.of("settings-walkthrough.js", "--base", "http://127.0.0.1:" + context.getProperty(Images.HTTP_PORT_PROPERTY), "--out",
                        context.getProperty(SCREENSHOTS_PROPERTY), "--scenario", scenario, "--user", user,
                        "--password", password));
    }


    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isValueNode() ? n.asText() : n.toString()));
        return out;
    }

    private static void assertScreenshots(List<JsonNode> seen, String... pages) {
        List<String> files = seen.stream().filter(n -> "screenshot".equals(n.path("step").asText()))
                .map(n -> n.path("file").asText()).collect(Collectors.toList());
        for (String page : pages) {
            for (String width : List.of("desktop", "phone")) {
                File f = files.stream().map(File::new).filter(x -> x.getName().equals(page + "-" + width + ".png"))
                        .findFirst().orElseThrow(() -> new AssertionError("no screenshot " + page + "-" + width
                                + " in " + files));
                assertTrue(f + " is a PNG", f.length() > 1000);
            }
        }
    }

}
