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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.FixMethodOrder;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
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
 * Issue 17's Firmware Management and Reservation on the booted 3T-DR sim image against the independent central
 * system ({@code feature.ocpp/src/test/central-system}, ocpp-rpc): UpdateFirmware of a bundle signed by a key the
 * charger trusts, served by the central system's HTTP server, downloaded, handed to feature.update and installed (the
 * panel runs the new version; FirmwareStatusNotification Downloading, Downloaded, Installing, Installed); then a
 * reservation: connector 1 Reserved, a vehicle plugged in under the static ID tag starts no transaction and gets no
 * current (limited by "OCPP reservation"), the reserved id tag (RemoteStartTransaction) starts the transaction with
 * the reservationId and charges. The test runs in the charger's JVM: it sends the central system's calls through the
 * file of its {@code --command-file} option and reads what it saw from its log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
// by name: the firmware and reservation test reads the first transaction message as its own, so it goes first
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class OcppFirmwareTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final String LOG_PROPERTY = "infinergi.itest.ocppLog";
    private static final String COMMANDS_PROPERTY = "infinergi.itest.ocppCommands";
    private static final String SERVED_PROPERTY = "infinergi.itest.ocppServed";
    private static final String PANEL_BUNDLE = "org.infinergi.feature.panel";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() throws Exception {
        int port = Images.freePort();
        File log = new File("target/ocpp-firmware-" + port + ".log").getAbsoluteFile();
        File commands = new File("target/ocpp-firmware-" + port + ".commands").getAbsoluteFile();
        File served = new File("target/ocpp-firmware-" + port + "-served").getAbsoluteFile();
        served.mkdirs();
        Files.write(commands.toPath(), new byte[0]);
        startCentralSystem(port, log, commands, served);
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.ocpp.cfg", "url", "ws://127.0.0.1:" + port + "/ocpp"),
                editConfigurationFilePut("etc/system.properties", LOG_PROPERTY, log.getPath()),
                editConfigurationFilePut("etc/system.properties", COMMANDS_PROPERTY, commands.getPath()),
                editConfigurationFilePut("etc/system.properties", SERVED_PROPERTY, served.getPath()));
    }

    private static void startCentralSystem(int port, File log, File commands, File served)
            throws IOException, InterruptedException {
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
                "3600", "--http-dir", served.getPath(), "--command-file", commands.getPath(), "--exit-after", "900")
                .directory(dir).redirectOutput(log).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(cs::destroy));
    }

    @Test
    public void updateFirmware_ofASignedBundle_isInstalled_thenAReservation_keepsTheConnectorForItsIdTag()
            throws Exception {
        Http http = Http.ofIdleCharger(context, BOOT);
        await("BootNotification accepted").atMost(BOOT).until(() -> events("boot").stream()
                .anyMatch(e -> "Accepted".equals(e.path("status").asText())));
        await("connector 1 Available").atMost(STEP).until(() -> statuses().contains("Available"));

        // The manufacturer's role: its key, the charger trusting its certificate; the central system serves the JAR.
        SignedJars jars = new SignedJars(Files.createTempDirectory("infinergi-ocpp-firmware"));
        trust(http, jars.newKeyAndCertificate());
        Version next = new Version(bundle(PANEL_BUNDLE).getVersion().getMajor(),
                bundle(PANEL_BUNDLE).getVersion().getMinor(), bundle(PANEL_BUNDLE).getVersion().getMicro() + 1);
        Path signed = jars.sign(jars.withVersion(shipped(PANEL_BUNDLE), next.toString()));
        Files.copy(signed, Path.of(context.getProperty(SERVED_PROPERTY), "panel.jar"));
        int httpPort = await().atMost(STEP).until(() -> events("http"), e -> !e.isEmpty()).get(0).path("port").asInt();

        call("fw", "UpdateFirmware", "{\"location\":\"http://127.0.0.1:" + httpPort + "/panel.jar\",\"retrieveDate\":\""
                + Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS) + "\",\"retries\":1}");
        assertEquals("{}", result("fw").path("result").toString());
        await("FirmwareStatusNotification Installed").atMost(STEP).until(() -> firmwareStatuses().contains("Installed")
                || firmwareStatuses().contains("InstallationFailed"));
        assertEquals(List.of("Downloading", "Downloaded", "Installing", "Installed"), firmwareStatuses());
        assertEquals("the panel runs the version the central system sent", next, bundle(PANEL_BUNDLE).getVersion());
        assertEquals(Bundle.ACTIVE, bundle(PANEL_BUNDLE).getState());
        assertEquals("DONE", http.get("/api/update").path("state").asText());

        // A reservation: Reserved; the static ID tag's session starts no transaction and gets no current.
        String expiry = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS).toString();
        call("rsv", "ReserveNow", "{\"connectorId\":1,\"expiryDate\":\"" + expiry
                + "\",\"idTag\":\"CARD-A\",\"reservationId\":41}");
        assertEquals("Accepted", result("rsv").path("result").path("status").asText());
        await("connector 1 Reserved").atMost(STEP).until(() -> last(statuses()).equals("Reserved"));
        http.ev("charge", 16, 3);
        await("limited to 0 A by the reservation").atMost(STEP).ignoreExceptions()
                .until(() -> "OCPP reservation".equals(http.get("/api/status").path("limitedBy").asText()));
        JsonNode waiting = http.get("/api/status");
        assertEquals(waiting.toString(), 0.0, waiting.path("offeredCurrentA").asDouble(), 0.0);
        assertTrue("no transaction for another id tag: " + events("tx"), events("tx").isEmpty());

        // The reserved id tag takes it: the transaction carries the reservation, the car charges.
        call("rs", "RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"CARD-A\"}");
        assertEquals("Accepted", result("rs").path("result").path("status").asText());
        await("StartTransaction").atMost(STEP).until(() -> !events("tx").isEmpty());
        JsonNode start = events("tx").get(0);
        assertEquals(start.toString(), "StartTransaction", start.path("action").asText());
        assertEquals(start.toString(), "CARD-A", start.at("/params/idTag").asText());
        assertEquals(start.toString(), 41, start.at("/params/reservationId").asInt());
        await("the reserved id tag charges").atMost(STEP).ignoreExceptions()
                .until(() -> "CHARGING".equals(http.get("/api/status").path("state").asText()));
        http.ev("unplug");
        assertTrue("the central system's validator found nothing to refuse: " + events("strictValidationFailure")
                + events("badMessage"), events("strictValidationFailure").isEmpty() && events("badMessage").isEmpty());
    }

    /**
     * Issue 17 on the image: TriggerMessage StatusNotification and MeterValues answered Accepted and the message
     * arrives (OCPP 1.6 §5.17); SendLocalList Full then GetLocalListVersion answers the list's version (§5.15, §5.10).
     */
    @Test
    public void whenTriggered_statusNotificationAndMeterValuesArrive_andGetLocalListVersion_isTheVersionSent()
            throws Exception {
        Http.ofIdleCharger(context, BOOT);
        await("BootNotification accepted").atMost(BOOT).until(() -> events("boot").stream()
                .anyMatch(e -> "Accepted".equals(e.path("status").asText())));
        await("connector 1 told").atMost(STEP).until(() -> !statuses().isEmpty());

        int statusesBefore = events("status").size();
        call("trigger-status", "TriggerMessage", "{\"requestedMessage\":\"StatusNotification\",\"connectorId\":1}");
        assertEquals("Accepted", result("trigger-status").path("result").path("status").asText());
        await("the triggered StatusNotification arrives").atMost(STEP)
                .until(() -> events("status").size() > statusesBefore);
        assertEquals(1, events("status").get(events("status").size() - 1).path("connectorId").asInt());

        int meterValuesBefore = meterValues().size();
        call("trigger-meter", "TriggerMessage", "{\"requestedMessage\":\"MeterValues\",\"connectorId\":1}");
        assertEquals("Accepted", result("trigger-meter").path("result").path("status").asText());
        await("the triggered MeterValues arrives").atMost(STEP).until(() -> meterValues().size() > meterValuesBefore);
        JsonNode mv = meterValues().get(meterValues().size() - 1);
        assertEquals(mv.toString(), "Trigger", mv.at("/params/meterValue/0/sampledValue/0/context").asText());
        assertEquals(mv.toString(), "Energy.Active.Import.Register",
                mv.at("/params/meterValue/0/sampledValue/0/measurand").asText());

        call("list", "SendLocalList", "{\"listVersion\":17,\"updateType\":\"Full\",\"localAuthorizationList\":"
                + "[{\"idTag\":\"CARD-LIST-1\",\"idTagInfo\":{\"status\":\"Accepted\"}}]}");
        assertEquals("Accepted", result("list").path("result").path("status").asText());
        call("list-version", "GetLocalListVersion", "{}");
        assertEquals(17, result("list-version").path("result").path("listVersion").asInt());
        assertTrue("the central system's validator found nothing to refuse: " + events("strictValidationFailure")
                + events("badMessage"), events("strictValidationFailure").isEmpty() && events("badMessage").isEmpty());
    }

    private List<JsonNode> meterValues() {
        return events("tx").stream().filter(e -> "MeterValues".equals(e.path("action").asText()))
                .collect(Collectors.toList());
    }

    private void trust(Http http, String certificate) throws Exception {
        org.osgi.service.cm.Configuration trust = configAdmin.getConfiguration("org.infinergi.update", null);
        Dictionary<String, Object> props = trust.getProperties() == null ? new Hashtable<>() : trust.getProperties();
        props.put("trustedCertificates", certificate);
        trust.update(props);
        await("the trust list holds the test's certificate").atMost(STEP)
                .until(() -> http.get("/api/update").path("trustProblem").isNull());
    }

    // ---- the central system: its commands file and its log ----

    private void call(String tag, String method, String params) throws IOException {
        Files.writeString(Path.of(context.getProperty(COMMANDS_PROPERTY)), "{\"cmd\":\"call\",\"tag\":\"" + tag
                + "\",\"method\":\"" + method + "\",\"params\":" + params + "}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    private JsonNode result(String tag) {
        return await(tag + " answered").atMost(STEP).until(() -> events("result").stream()
                .filter(e -> tag.equals(e.path("tag").asText())).findFirst().orElse(null), r -> r != null);
    }

    private List<JsonNode> events(String event) {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of(context.getProperty(LOG_PROPERTY)), StandardCharsets.UTF_8)) {
                try {
                    JsonNode e = json.readTree(line);
                    if (event.equals(e.path("event").asText())) {
                        out.add(e);
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

    private List<String> statuses() {
        return events("status").stream().filter(e -> e.path("connectorId").asInt() == 1)
                .map(e -> e.path("status").asText()).collect(Collectors.toList());
    }

    private List<String> firmwareStatuses() {
        return events("firmwareStatus").stream().map(e -> e.path("status").asText()).collect(Collectors.toList());
    }

    private static String last(List<String> l) {
        return l.isEmpty() ? "" : l.get(l.size() - 1);
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
