package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Issue 17's Smart Charging and OCPP mode on the booted 3T-DR sim image, {@code activeMode = OCPP}, against the
 * independent central system (ocpp-rpc, strict validation, {@code feature.ocpp/src/test/central-system}): the
 * session's transaction confirmed by the central system starts the charge (manual §5.1.4); a TxProfile of 10 A lowers
 * the simulated car's current and {@code /api/status} names the profile as what limits it; cleared, the car takes its
 * own 16 A again. The test runs in the charger's JVM, so it gives the central system its calls through a file
 * ({@code --command-file}) and reads what it saw from its log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OcppSmartChargingTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final String LOG_PROPERTY = "infinergi.itest.ocppSmartLog";
    private static final String COMMANDS_PROPERTY = "infinergi.itest.ocppSmartCommands";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final String PROFILE = "OCPP charging profile 17 (TxProfile)";

    @Inject
    private BundleContext context;

    private Http http;
    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() throws Exception {
        int port = Images.freePort();
        File log = new File("target/ocpp-smart-central-system-" + port + ".log").getAbsoluteFile();
        File commands = new File("target/ocpp-smart-commands-" + port + ".txt").getAbsoluteFile();
        startCentralSystem(port, log, commands);
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.ocpp.cfg", "url", "ws://127.0.0.1:" + port + "/ocpp"),
                editConfigurationFilePut("etc/org.infinergi.charging.cfg", "activeMode", "OCPP"),
                editConfigurationFilePut("etc/system.properties", LOG_PROPERTY, log.getPath()),
                editConfigurationFilePut("etc/system.properties", COMMANDS_PROPERTY, commands.getPath()));
    }

    /** node central-system.js on the port, reading its calls from {@code commands}, until this JVM ends. */
    private static void startCentralSystem(int port, File log, File commands) throws IOException,
            InterruptedException {
        File dir = new File(System.getProperty("infinergi.root", ".."), "feature.ocpp/src/test/central-system");
        if (!new File(dir, "node_modules/ocpp-rpc").isDirectory()) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir).inheritIO()
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed: the central system needs ocpp-rpc");
            }
        }
        log.getParentFile().mkdirs();
        Files.writeString(commands.toPath(), "");
        Process cs = new ProcessBuilder("node", "central-system.js", "--port", String.valueOf(port), "--heartbeat",
                "60", "--tx-base", "500", "--command-file", commands.getPath(), "--exit-after", "900")
                .directory(dir).redirectOutput(log).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(cs::destroy));
    }

    @Before
    public void chargerIsIdle() {
        http = Http.ofIdleCharger(context, BOOT);
    }

    @Test
    public void aTxProfile_lowersTheCarsCurrent_namedAsTheLimit_andClearedTheCarTakesItsOwnAgain() {
        await("BootNotification accepted").atMost(BOOT).until(() -> events("boot").stream()
                .anyMatch(e -> "Accepted".equals(e.path("status").asText())));
        assertEquals("OCPP", status().path("mode").asText());

        // OCPP mode: the plug-in's StartTransaction, confirmed by the central system, starts the charge
        http.ev("charge", 16, 3);
        await("StartTransaction").atMost(STEP).until(() -> transaction("StartTransaction") != null);
        int transactionId = transaction("StartTransaction").path("transactionId").asInt();
        await("charging at the car's 16 A").atMost(STEP).ignoreExceptions()
                .until(() -> "CHARGING".equals(status().path("state").asText()) && carA() > 15.5);

        command("tx", "SetChargingProfile", "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":17,"
                + "\"transactionId\":" + transactionId + ",\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":{\"chargingRateUnit\":\"A\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":10}]}}}");
        assertEquals("Accepted", result("tx").at("/result/status").asText());
        await("10 A offered, the profile named as the limit").atMost(STEP).ignoreExceptions()
                .until(() -> status().path("offeredCurrentA").asDouble() == 10
                        && PROFILE.equals(status().path("limitedBy").asText()));
        assertTrue(status().toString(), status().path("detail").asText().contains(PROFILE));
        await("the simulated car draws 10 A").atMost(STEP).ignoreExceptions().until(() -> carA() <= 10.05);

        command("clear", "ClearChargingProfile", "{\"id\":17}");
        assertEquals("Accepted", result("clear").at("/result/status").asText());
        await("the car takes its 16 A again, the profile no longer the limit").atMost(STEP).ignoreExceptions()
                .until(() -> carA() > 15.5 && !PROFILE.equals(status().path("limitedBy").asText()));
        http.ev("unplug");
        await("StopTransaction").atMost(STEP).until(() -> transaction("StopTransaction") != null);
        assertTrue("the central system's validator found nothing to refuse: " + events("strictValidationFailure"),
                events("strictValidationFailure").isEmpty());
    }

    private JsonNode status() {
        return http.get("/api/status");
    }

    /** What the simulated car draws per phase. */
    private double carA() {
        return http.get("/api/sim").path("evCurrentA").asDouble();
    }

    // ---- the central system ----

    private void command(String tag, String method, String params) {
        String line = "{\"cmd\":\"call\",\"tag\":\"" + tag + "\",\"method\":\"" + method + "\",\"params\":" + params
                + "}\n";
        try {
            Files.writeString(Path.of(context.getProperty(COMMANDS_PROPERTY)), line, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode result(String tag) {
        await("the answer to " + tag).atMost(STEP).until(() -> events("result").stream()
                .anyMatch(e -> tag.equals(e.path("tag").asText())));
        return events("result").stream().filter(e -> tag.equals(e.path("tag").asText())).findFirst().orElseThrow();
    }

    private List<JsonNode> events(String event) {
        Path p = Path.of(context.getProperty(LOG_PROPERTY));
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                try {
                    out.add(json.readTree(line));
                } catch (IOException e) {
                    // a line still being written
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream().filter(e -> event.equals(e.path("event").asText())).collect(Collectors.toList());
    }

    private JsonNode transaction(String action) {
        return events("tx").stream().filter(t -> action.equals(t.path("action").asText())).findFirst().orElse(null);
    }
}
