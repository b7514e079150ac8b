package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
 * Issue 17, Local Auth List Management on the booted 3T-DR sim image: authentication {@code CENTRALIZED} (manual
 * §5.7), OCPP authorization mode RFID (§5.1.4). The independent central system (ocpp-rpc, {@code
 * feature.ocpp/src/test/central-system}, started by {@link #config()}) sends its local list with one card once the
 * charger reports its status, and is gone right after; the card swiped at the simulated reader still starts the
 * charge, authorized from that list (OCPP 1.6 §3.5, LocalAuthorizeOffline), and an unknown card does not.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OcppLocalListTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final String LOG_PROPERTY = "infinergi.itest.ocppLocalListLog";
    private static final String CARD = "04A2B3C4D5E681";
    private static final Duration BOOT = Duration.ofSeconds(120);
    /** Offline decisions are at once; a card swiped before the charger saw the link go waits out Authorize (30 s). */
    private static final Duration STEP = Duration.ofSeconds(45);

    @Inject
    private BundleContext context;

    private Http http;
    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() throws Exception {
        int port = Images.freePort();
        File log = new File("target/ocpp-local-list-" + port + ".log").getAbsoluteFile();
        startCentralSystem(port, log);
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.ocpp.cfg", "url", "ws://127.0.0.1:" + port + "/ocpp"),
                editConfigurationFilePut("etc/org.infinergi.ocpp.cfg", "authorizationMode", "RFID"),
                editConfigurationFilePut("etc/org.infinergi.auth.cfg", "mode", "CENTRALIZED"),
                editConfigurationFilePut("etc/system.properties", LOG_PROPERTY, log.getPath()));
    }

    private static void startCentralSystem(int port, File log) throws IOException, InterruptedException {
        File dir = new File(System.getProperty("infinergi.root", ".."), "feature.ocpp/src/test/central-system");
        if (!new File(dir, "node_modules/ocpp-rpc").isDirectory()) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir).inheritIO()
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed: the central system needs ocpp-rpc");
            }
        }
        log.getParentFile().mkdirs();
        Process cs = new ProcessBuilder("node", "central-system.js", "--port", String.valueOf(port), "--heartbeat",
                "3600", "--local-list", CARD, "--exit-after-local-list", "--exit-after", "600").directory(dir)
                .redirectOutput(log).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(cs::destroy));
    }

    @Before
    public void chargerIsIdle() {
        http = Http.ofIdleCharger(context, BOOT);
    }

    @Test
    public void theLocalListSent_thenTheCentralSystemGone_aListedCardStillCharges_anUnknownOneDoesNot() {
        await("the local list accepted by the charger").atMost(BOOT)
                .until(() -> events("localList").stream().anyMatch(e -> "Accepted".equals(e.at("/result/status")
                        .asText())));
        await("/api/auth in CENTRALIZED").atMost(STEP).ignoreExceptions()
                .until(() -> "CENTRALIZED".equals(http.get("/api/auth").path("mode").asText()));
        await("the RFID driver has the reader's UART open").atMost(STEP)
                .until(() -> http.get("/api/sim/card").path("readerOpen").asBoolean());
        try {
            http.ev("charge", 16, 3);
            await("vehicle connected, user not yet authenticated").atMost(STEP)
                    .until(() -> "WAITING_FOR_AUTHENTICATION".equals(http.get("/api/status").path("state").asText()));

            http.card("11223344");
            await("the unknown card is refused").atMost(STEP).until(() -> {
                JsonNode last = http.get("/api/auth").path("lastOutcome");
                return "11223344".equals(last.path("uid").asText()) && !last.path("accepted").asBoolean();
            });
            assertTrue("still waiting", "WAITING_FOR_AUTHENTICATION".equals(
                    http.get("/api/status").path("state").asText()));

            http.card(CARD.toLowerCase());
            await("the card of the central system's list starts the charge").atMost(STEP).until(() -> {
                JsonNode s = http.get("/api/status");
                return "CHARGING".equals(s.path("state").asText()) && s.path("contactorClosed").asBoolean();
            });
            JsonNode last = http.get("/api/auth").path("lastOutcome");
            assertTrue(last.toString(), last.path("accepted").asBoolean() && CARD.equals(last.path("uid").asText())
                    && last.path("reason").asText().contains("local authorization list"));
        } finally {
            http.ev("unplug");
        }
    }

    private List<JsonNode> events(String event) {
        Path p = Path.of(context.getProperty(LOG_PROPERTY));
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                try {
                    JsonNode n = json.readTree(line);
                    if (event.equals(n.path("event").asText())) {
                        out.add(n);
                    }
                } catch (IOException e) {
                    // a line still being written
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
