package org.infinergi.itest;

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

import org.junit.Before;
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
 * Issue 18's pages in a real browser on the booted 3T-DR sim image: Debian's chromium driven by the npm package
 * playwright-core from {@code itest/src/test/browser} (web-walkthrough.js, pinned by its package-lock.json). The
 * script logs in through the login page, reads what the pages show, moves the simulated world through the open
 * {@code /api/sim} (plug and charge, unplug), and prints what it saw as JSON lines; this test, inside the charger's
 * JVM, asserts on them and on the API. Screenshots of every page at desktop (1280×800) and phone (390×844) width go
 * to {@code itest/target/web-screenshots}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebInterfaceTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final String BROWSER_DIR_PROPERTY = "infinergi.itest.browserDir";
    private static final String SCREENSHOTS_PROPERTY = "infinergi.itest.screenshots";
    private static final Duration BOOT = Duration.ofSeconds(120);
    /** One scenario of the script, chromium's start included; each of its steps has its own 60 s bound. */
    private static final long SCENARIO_MINUTES = 4;

    @Inject
    private BundleContext context;

    private Http http;
    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() throws Exception {
        File dir = browserDir();
        installPlaywright(dir);
        File screenshots = new File("target/web-screenshots").getAbsoluteFile();
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/system.properties", BROWSER_DIR_PROPERTY, dir.getPath()),
                editConfigurationFilePut("etc/system.properties", SCREENSHOTS_PROPERTY, screenshots.getPath()));
    }

    private static File browserDir() {
        return new File(System.getProperty("infinergi.root", ".."), "itest/src/test/browser").getAbsoluteFile();
    }

    /** npm ci from the committed package-lock.json when node_modules lacks playwright-core (test.sh does it too). */
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

    @Before
    public void chargerIsIdle() {
        http = Http.ofIdleCharger(context, BOOT);
    }

    @Test
    public void theUserSeesHomeHistoryAndInfo_notAdmin_andSwitchesToItalian() {
        List<JsonNode> seen = walk("user", Http.USER, Http.USER_PASSWORD);

        JsonNode home = Walkthrough.step(seen, "home");
        assertEquals("manual §6.1.1 wording", "Vehicle not connected", home.path("state").asText());
        assertEquals("manual §8 row", "Vehicle not connected.", home.path("lightRow").asText());
        assertEquals("Fast", home.path("mode").asText());
        assertEquals("No current offered: no vehicle charging", home.path("limit").asText());
        assertFalse("no Admin link for the user: " + home, home.path("adminLinkVisible").asBoolean());
        assertEquals(List.of("Home", "History", "Settings", "Info"), texts(home.path("nav")));

        JsonNode info = Walkthrough.step(seen, "info");
        assertEquals(http.get("/api/status").path("model").asText(), info.path("model").asText());
        assertTrue("a reading of every meter: " + info, info.path("meters").size()
                == http.get("/api/readings").path("meters").size() && info.path("meters").size() > 0);
        assertTrue(info.toString(), info.path("bundles").asInt() > 10);

        JsonNode admin = Walkthrough.step(seen, "admin");
        assertEquals("The admin login is needed for this section.", admin.path("refused").asText());
        assertEquals("the API refuses the user too", 403, admin.path("apiStatus").asInt());
        assertTrue("the pages log in with a session and its CSRF token: " + admin,
                admin.path("sessionLogin").asBoolean());
        assertEquals("logged out: the session is gone", 401, Walkthrough.step(seen, "logout").path("status").asInt());

        JsonNode italian = Walkthrough.step(seen, "italian");
        assertEquals("Veicolo non collegato", italian.path("state").asText());
        assertEquals(List.of("Home", "Storico", "Impostazioni", "Info"), texts(italian.path("nav")));

        assertScreenshots(seen, "login", "home", "history", "info", "home-it");
    }

    @Test
    public void aBrowserAskingForItalianGetsItalian() {
        JsonNode login = Walkthrough.step(walk("italian", Http.USER, Http.USER_PASSWORD), "login-it");
        assertEquals("Accesso", login.path("title").asText());
        assertEquals("Accedi", login.path("submit").asText());
    }

    @Test
    public void aSimulatedSessionShowsOnHome_thenInHistoryAfterUnplugging() {
        List<JsonNode> seen = walk("session", Http.ADMIN, Http.ADMIN_PASSWORD);

        assertTrue("the admin sees Admin", Walkthrough.step(seen, "admin-home").path("adminLinkVisible").asBoolean());
        assertEquals("default password", Walkthrough.step(seen, "admin").path("userLogin").asText());

        JsonNode charging = Walkthrough.step(seen, "charging");
        assertEquals("Charging in progress", charging.path("state").asText());
        assertEquals("manual §8 row", "Charging in progress.", charging.path("lightRow").asText());
        assertTrue(charging.toString(), charging.path("power").asText().endsWith(" kW")
                && !charging.path("power").asText().startsWith("0.00"));
        assertTrue("why the current is what it is: " + charging, charging.path("limit").asText().contains("limited by"));
        assertTrue("the pause button applies while charging", charging.path("pauseVisible").asBoolean());
        assertEquals("Charging was suspended: Pause requested by the user.",
                Walkthrough.step(seen, "paused").path("lightRow").asText());
        assertEquals("Charging in progress", Walkthrough.step(seen, "resumed").path("state").asText());
        assertEquals("Vehicle not connected", Walkthrough.step(seen, "unplugged").path("state").asText());

        JsonNode history = Walkthrough.step(seen, "history");
        assertEquals(history.toString(), history.path("before").asInt() + 1, history.path("rows").asInt());
        JsonNode stored = http.get("/api/sessions?limit=1").get(0);
        List<String> newest = texts(history.path("newest"));
        assertEquals("energy as stored: " + stored, String.format(java.util.Locale.ROOT, "%.2f kWh",
                stored.path("energyWh").asDouble() / 1000), newest.get(2));
        assertEquals("the end reason as stored", stored.path("endReason").asText(), newest.get(5));

        List<String> csv = texts(Walkthrough.step(seen, "csv").path("lines"));
        assertEquals("id,start,end,durationS,energyWh,greenEnergyWh,gridEnergyWh,peakPowerW,mode,idTag,endReason",
                csv.get(0));
        assertTrue(csv.toString(), csv.get(1).startsWith(stored.path("id").asText() + ","
                + stored.path("start").asText() + ","));

        assertScreenshots(seen, "admin", "home-charging", "history-after-session");
    }

    @Test
    public void anErrorShowsItsCodeCategoryAndRemedy_andIsResetFromHome() {
        List<JsonNode> seen = walk("error", Http.USER, Http.USER_PASSWORD);
        JsonNode error = Walkthrough.step(seen, "error");
        assertEquals("Error encountered", error.path("state").asText());
        assertEquals("V2", error.path("code").asText());
        assertEquals("Ground fault", error.path("title").asText());
        assertEquals("Category 2: Vehicle", error.path("category").asText());
        assertEquals("manual §9.1 recovery action", "Disconnect the vehicle, check that the source of the problem is "
                + "cleared, and press the multifunction button to reset the device.", error.path("remedy").asText());
        assertTrue(error.toString(), error.path("resetVisible").asBoolean());
        assertEquals("Vehicle not connected", Walkthrough.step(seen, "reset").path("state").asText());
        assertEquals(null, http.get("/api/status").path("error").textValue());
        assertScreenshots(seen, "home-error");
    }

    // ---- the script ----

    /** Runs one scenario of web-walkthrough.js to its end (bounded) and returns what it observed. */
    private List<JsonNode> walk(String scenario, String user, String password) {
        return Walkthrough.run(new File(context.getProperty(BROWSER_DIR_PROPERTY)),
                new File(context.getProperty(SCREENSHOTS_PROPERTY)), scenario, SCENARIO_MINUTES,
                List.of("web-walkthrough.js", "--base", "http://127.0.0.1:" + context.getProperty(Images.HTTP_PORT_PROPERTY), "--out",
                        context.getProperty(SCREENSHOTS_PROPERTY), "--scenario", scenario, "--user", user,
                        "--password", password));
    }


    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A non-empty PNG of each page at both widths. */
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
