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
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.infinergi.core.charging.api.Device;
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
 * Issue 17's first slices on the booted 3T-DR sim image against an independent central system: the npm package
 * ocpp-rpc (MIT, strict validation against the official OCPP 1.6 schemas), run by node from
 * {@code feature.ocpp/src/test/central-system}. The central system is started by {@link #config()} (Pax Exam's side),
 * writes what it sees as JSON lines to a file, and sends two bad CALLs by itself once the first StatusNotification
 * came; the test, which runs inside the charger's JVM, reads that file. A session (plug, charge, unplug) is a
 * transaction: StartTransaction with the static ID tag, StopTransaction EVDisconnected with the start's id.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OcppCentralSystemTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final String LOG_PROPERTY = "infinergi.itest.ocppLog";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(60);

    @Inject
    private BundleContext context;

    private Http http;
    private final ObjectMapper json = new ObjectMapper();

    @Configuration
    public Option[] config() throws Exception {
        int port = Images.freePort();
        File log = new File("target/ocpp-central-system-" + port + ".log").getAbsoluteFile();
        startCentralSystem(port, log);
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.ocpp.cfg", "url", "ws://127.0.0.1:" + port + "/ocpp"),
                editConfigurationFilePut("etc/system.properties", LOG_PROPERTY, log.getPath()));
    }

    /** node central-system.js on the port, until this JVM ends (its stdin closes) or 15 minutes pass. */
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
                "2", "--malformed", "--exit-after", "900").directory(dir).redirectOutput(log)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(cs::destroy));
    }

    @Before
    public void chargerIsIdle() {
        http = Http.ofIdleCharger(context, BOOT);
    }

    @Test
    public void bootHeartbeatStatusSequence_andMalformedCallsAnsweredWithCallErrors() {
        await("BootNotification accepted").atMost(BOOT).until(() -> any("boot", "Accepted"));
        await("a Heartbeat").atMost(STEP).until(() -> inbound().stream().anyMatch(f -> isCall(f, "Heartbeat")));
        await("connector 1 Available").atMost(STEP).until(() -> statuses().contains("Available"));

        http.ev("charge", 16, 3);
        await("connector 1 Charging").atMost(STEP).until(() -> statuses().contains("Charging"));
        http.ev("unplug");
        await("connector 1 Available again after Charging").atMost(STEP).until(() -> {
            List<String> s = statuses();
            return s.indexOf("Charging") >= 0 && s.subList(s.indexOf("Charging"), s.size()).contains("Available");
        });

        // the session was a transaction (authorizationMode DISABLED: the static ID tag, the serial's last 19)
        await("StartTransaction and StopTransaction of the session").atMost(STEP)
                .until(() -> transaction("StartTransaction") != null && transaction("StopTransaction") != null);
        JsonNode start = transaction("StartTransaction");
        JsonNode stop = transaction("StopTransaction");
        String serial = context.getService(context.getServiceReference(Device.class)).serial();
        assertTrue("the static ID tag: " + start + " of the serial " + serial,
                start.at("/params/idTag").asText().equals(serial.substring(Math.max(0, serial.length() - 19))));
        assertTrue("one connector: " + start, start.at("/params/connectorId").asInt() == 1);
        assertTrue("the stop names the start's transaction: " + start + " " + stop,
                stop.at("/params/transactionId").asInt() == start.path("transactionId").asInt());
        assertTrue("unplugged: " + stop, "EVDisconnected".equals(stop.at("/params/reason").asText()));
        assertTrue("meterStop ≥ meterStart: " + start + " " + stop,
                stop.at("/params/meterStop").asInt() >= start.at("/params/meterStart").asInt());
        assertTrue("one start, one stop: " + events("tx"), events("tx").stream()
                .filter(t -> !"MeterValues".equals(t.path("action").asText())).count() == 2);

        await("a CALLERROR TypeConstraintViolation to the value of the wrong type").atMost(STEP)
                .until(() -> inbound().stream().anyMatch(f -> isError(f, "malformed-1", "TypeConstraintViolation")));
        await("a CALLERROR NotImplemented to the unknown action").atMost(STEP)
                .until(() -> inbound().stream().anyMatch(f -> isError(f, "malformed-2", "NotImplemented")));
        long heartbeatsBefore = inbound().stream().filter(f -> isCall(f, "Heartbeat")).count();
        await("the connection stays: heartbeats go on").atMost(STEP)
                .until(() -> inbound().stream().filter(f -> isCall(f, "Heartbeat")).count() > heartbeatsBefore);
        assertTrue("one connection, never dropped: " + events("connected"), events("connected").size() == 1
                && events("disconnected").isEmpty());
        // ocpp-rpc calls our CALLERRORs to its two raw CALLs "bad" (it sent them raw: no call of its own awaits them);
        // any other bad message, or a schema failure of anything we sent, is a fault of ours
        List<JsonNode> bad = events("badMessage").stream()
                .filter(e -> !e.path("error").asText().matches(".*unrecognised message ID: malformed-[12]"))
                .collect(Collectors.toList());
        assertTrue("the central system's validator found nothing to refuse: " + events("strictValidationFailure")
                + bad, events("strictValidationFailure").isEmpty() && bad.isEmpty());
    }

    // ---- the central system's log ----

    private List<JsonNode> log() {
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
        return out;
    }

    private List<JsonNode> events(String event) {
        return log().stream().filter(e -> event.equals(e.path("event").asText())).collect(Collectors.toList());
    }

    /** The first transaction message of {@code action} the central system received, or null. */
    private JsonNode transaction(String action) {
        return events("tx").stream().filter(t -> action.equals(t.path("action").asText())).findFirst().orElse(null);
    }

    private boolean any(String event, String status) {
        return events(event).stream().anyMatch(e -> status.equals(e.path("status").asText()));
    }

    /** Connector 1's statuses in the order the central system received them. */
    private List<String> statuses() {
        return events("status").stream().filter(e -> e.path("connectorId").asInt() == 1)
                .map(e -> e.path("status").asText()).collect(Collectors.toList());
    }

    private List<JsonNode> inbound() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events("message")) {
            if (!e.path("outbound").asBoolean()) {
                try {
                    out.add(json.readTree(e.path("message").asText()));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
        return out;
    }

    private static boolean isCall(JsonNode f, String action) {
        return f.path(0).asInt() == 2 && action.equals(f.path(2).asText());
    }

    private static boolean isError(JsonNode f, String id, String code) {
        return f.path(0).asInt() == 4 && id.equals(f.path(1).asText()) && code.equals(f.path(2).asText());
    }
}
