package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 18's Admin sections and History's chart in a real browser on the booted 3T-DR sim image (one boot): the
 * admin adds a card by swiping it at the simulated reader (and by typing its ID; blocks, reactivates, removes, sets the
 * mode), changes and resets a web login, uploads a signed bundle on Firmware update; the user is refused Admin by the
 * page and by every admin endpoint; a simulated session's power is charted in History and a refused Reset shows the
 * core's answer on Home. Debian's chromium driven by playwright-core ({@code itest/src/test/browser/admin-walkthrough.js},
 * installed as for {@link WebInterfaceTest}); a screenshot of every page at desktop and phone width goes to
 * {@code itest/target/screenshots}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebAdminTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final String BROWSER_DIR_PROPERTY = "infinergi.itest.browserDir";
    private static final String SCREENSHOTS_PROPERTY = "infinergi.itest.adminScreenshots";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final long SCENARIO_MINUTES = 4;
    private static final String CARD = "04A1B2C3";
    /** Off the charging path: replaced at once (feature.update README). */
    private static final String UPDATED_BUNDLE = "org.infinergi.driver.modbus-meters.eastron";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Http http;
    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() throws Exception {
        File dir = new File(System.getProperty("infinergi.root", ".."), "itest/src/test/browser").getAbsoluteFile();
        if (!new File(dir, "node_modules/playwright-core").isDirectory()) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir).inheritIO().start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed: the walkthrough needs playwright-core");
            }
        }
        File screenshots = new File("target/screenshots").getAbsoluteFile();
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/system.properties", BROWSER_DIR_PROPERTY, dir.getPath()),
                editConfigurationFilePut("etc/system.properties", SCREENSHOTS_PROPERTY, screenshots.getPath()));
    }

    @Before
    public void chargerIsIdle() {
        http = Http.ofIdleCharger(context, BOOT);
    }

    @Test
    public void theAdminAddsACardBySwipingItAtTheReader_typesOne_blocksReactivatesRemoves_andSetsTheMode() {
        await("the simulated reader is open by its driver").atMost(STEP)
                .until(() -> http.get("/api/sim").path("rfid").path("readerOpen").asBoolean());
        List<JsonNode> seen = walk("rfid", Http.ADMIN, Http.ADMIN_PASSWORD);

        JsonNode rfid = Walkthrough.step(seen, "rfid");
        assertTrue("a 3T-DR has the reader: the section shows", rfid.path("visible").asBoolean());
        assertEquals(List.of("Free", "Local list", "Centralized", "Centralized with local list"),
                texts(rfid.path("modes")));

        JsonNode swiped = Walkthrough.step(seen, "swiped");
        assertTrue(swiped.toString(), swiped.path("waiting").asText().startsWith("Swipe the new card at the reader"));
        assertEquals("Card " + CARD + " added as valid.", swiped.path("learned").asText());
        assertEquals(CARD, swiped.path("cards").get(0).path("uid").asText());
        assertEquals("stored as valid (§5.7)", "Valid", swiped.path("cards").get(0).path("state").asText());

        JsonNode typed = Walkthrough.step(seen, "typed");
        assertTrue("the firmware's own check, next to the field: " + typed,
                typed.path("badId").asText().contains("not hexadecimal"));
        assertEquals(2, typed.path("cards").size());
        assertEquals("0A0B0C0D", typed.path("cards").get(1).path("uid").asText());
        assertEquals("Blocked", Walkthrough.step(seen, "blocked").path("cards").get(0).path("state").asText());
        assertEquals("Valid", Walkthrough.step(seen, "reactivated").path("cards").get(0).path("state").asText());
        assertEquals(1, Walkthrough.step(seen, "removed").path("cards").size());
        assertEquals("LOCAL_LIST", Walkthrough.step(seen, "mode").path("mode").asText());
        assertEquals("Local list", Walkthrough.step(seen, "mode").path("label").asText());

        JsonNode security = Walkthrough.step(seen, "security");
        assertTrue(security.toString(), security.path("tooShort").asText().contains("6"));
        assertEquals("CHANGED", security.path("changed").asText());
        assertEquals("a blank field resets to the default (§7.1.3)", "DEFAULT", security.path("reset").asText());

        JsonNode italian = Walkthrough.step(seen, "italian");
        assertEquals("Autenticazione RFID", italian.path("rfid").asText());
        assertEquals("Aggiornamento firmware", italian.path("firmware").asText());

        // the charger itself: the card stays, the swipe that taught it authorized nothing
        JsonNode list = await("the mode back to FREE").atMost(STEP).until(() -> http.get("/api/auth/cards"),
                l -> "FREE".equals(l.path("mode").asText()));
        assertEquals(CARD, list.path("cards").get(0).path("uid").asText());
        assertFalse(list.path("cards").get(0).path("blocked").asBoolean());
        assertEquals("FREE", http.get("/api/auth").path("mode").asText());
        assertTrue("the learning swipe is no authentication", http.get("/api/auth").path("lastOutcome").isNull());
        assertScreenshots(seen, "admin-rfid-waiting", "admin-rfid", "admin-security", "admin", "admin-it");
    }

    @Test
    public void theAdminUploadsASignedBundleOnFirmwareUpdate_anUnsignedOneIsRefused() throws Exception {
        SignedJars jars = trustATestSigner();
        Bundle before = bundle(UPDATED_BUNDLE);
        Version next = new Version(before.getVersion().getMajor(), before.getVersion().getMinor(),
                before.getVersion().getMicro() + 1);
        Path unsigned = jars.withVersion(shipped(UPDATED_BUNDLE), next.toString());
        Path signed = jars.sign(unsigned);

        List<JsonNode> seen = walk("firmware", Http.ADMIN, Http.ADMIN_PASSWORD, "--jar", signed.toString(),
                "--unsigned", unsigned.toString());

        JsonNode firmware = Walkthrough.step(seen, "firmware");
        assertEquals("Choose a file first.", firmware.path("noFile").asText());
        assertTrue(firmware.toString(), firmware.path("refused").asText().startsWith("Refused: "));
        assertEquals(firmware.toString(), "DONE", firmware.path("state").asText());
        assertEquals("Update done: " + UPDATED_BUNDLE + " " + next + " runs.", firmware.path("text").asText());
        assertEquals("the upload's progress reached its end", 100, firmware.path("progress").asInt());
        assertEquals(next, bundle(UPDATED_BUNDLE).getVersion());
        assertScreenshots(seen, "admin-firmware");
    }

    @Test
    public void theUserIsRefusedAdmin_byThePageAndByEveryAdminEndpoint() {
        JsonNode refused = Walkthrough.step(walk("refused", Http.USER, Http.USER_PASSWORD), "refused");
        assertFalse("no Admin link for the user", refused.path("linkVisible").asBoolean());
        assertEquals("The admin login is needed for this section.", refused.path("refused").asText());
        assertTrue("none of Admin's sections shows", refused.path("sectionsHidden").asBoolean());
        for (String endpoint : List.of("cards", "learn", "mode", "security", "update")) {
            assertEquals(endpoint + ": " + refused, 403, refused.path(endpoint).asInt());
        }
        assertEquals("nothing changed", "DEFAULT", http.get("/api/admin/security").path("userWebPassword").asText());
        assertEquals("IDLE", http.get("/api/auth/learn").path("state").asText());
    }

    @Test
    public void aSessionsPowerIsChartedInHistory_andARefusedResetShowsTheCoresAnswerOnHome() {
        List<JsonNode> seen = walk("chart", Http.ADMIN, Http.ADMIN_PASSWORD);

        JsonNode reset = Walkthrough.step(seen, "reset-refused");
        assertTrue("shown as refused: " + reset, reset.path("text").asText().startsWith("Refused: ")
                && reset.path("text").asText().length() > "Refused: ".length());
        assertTrue(reset.path("refusedClass").asBoolean());

        JsonNode chart = Walkthrough.step(seen, "chart");
        JsonNode newest = http.get("/api/sessions?limit=1").get(0);
        JsonNode power = http.get("/api/sessions/power?start=" + newest.path("start").asText());
        assertEquals(chart.toString(), power.path("samples").size(), chart.path("samples").asInt());
        assertTrue(chart.toString(), chart.path("samples").asInt() >= 3);
        assertTrue("a line, not one point", chart.path("points").asInt() >= 3);
        assertEquals("one point of the line per sample", chart.path("samples").asInt(), chart.path("points").asInt());
        assertEquals("the newest session is charted", 1, chart.path("chosen").asInt());
        double peak = 0;
        for (JsonNode s : power.path("samples")) {
            peak = Math.max(peak, s.path("powerW").asDouble());
        }
        assertTrue("the samples saw the charge: " + power, peak > 1000);

        assertScreenshots(seen, "login", "home", "home-reset-refused", "history", "history-chart", "info",
                "admin-all");
    }

    // ---- the script ----

    private List<JsonNode> walk(String scenario, String user, String password, String... more) {
        List<String> args = new ArrayList<>(List.of("admin-walkthrough.js", "--base", "http://127.0.0.1:" + context.getProperty(Images.HTTP_PORT_PROPERTY),
                "--out", context.getProperty(SCREENSHOTS_PROPERTY), "--scenario", scenario, "--user", user,
                "--password", password, "--card", CARD));
        args.addAll(List.of(more));
        return Walkthrough.run(new File(context.getProperty(BROWSER_DIR_PROPERTY)),
                new File(context.getProperty(SCREENSHOTS_PROPERTY)), "admin-" + scenario, SCENARIO_MINUTES, args);
    }


    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
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


    // ---- the manufacturer's signed bundle (as SimChargerTest) ----

    private SignedJars trustATestSigner() throws Exception {
        SignedJars jars = new SignedJars(Files.createTempDirectory("infinergi-webadmin-itest"));
        String certificate = jars.newKeyAndCertificate();
        org.osgi.service.cm.Configuration trust = configAdmin.getConfiguration("org.infinergi.update", null);
        Dictionary<String, Object> props = trust.getProperties() == null ? new Hashtable<>() : trust.getProperties();
        props.put("trustedCertificates", certificate);
        trust.update(props);
        await("the trust list holds the test's certificate").atMost(STEP)
                .until(() -> http.get("/api/update").path("trustProblem").isNull());
        return jars;
    }

    private Path shipped(String symbolicName) {
        String version = context.getProperty(Images.VERSION_PROPERTY);
        return Path.of(System.getProperty("karaf.home"), "system", "org", "infinergi", symbolicName, version,
                symbolicName + "-" + version + ".jar");
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
