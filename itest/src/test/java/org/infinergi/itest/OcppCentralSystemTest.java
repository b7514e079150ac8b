package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 17 on the booted 3T-DR sim image (one boot for the class) against an independent central system: the npm
 * package ocpp-rpc (MIT, strict validation against the official OCPP 1.6 schemas), run by node from
 * {@code feature.ocpp/src/test/central-system}. The central system is started by {@link #config()} (Pax Exam's side)
 * with a Pending first boot, writes what it sees as JSON lines to a file, and takes commands as HTTP POSTs on its
 * control port; the test, which runs inside the charger's JVM, reads that file and posts to that port. Each test
 * method leaves the charger idle, connected, in the Disabled authorization mode, so their order does not matter:
 * <ul>
 * <li>a Pending then Accepted boot, heartbeats, and every CALLERROR of a malformed call on the same connection;</li>
 * <li>a full session's StatusNotification sequence with its StartTransaction, MeterValues and StopTransaction;</li>
 * <li>an outage with the central system killed and started again: the transaction whole, once, in order;</li>
 * <li>RemoteStartTransaction cable first and id first (authorization mode RFID), RemoteStopTransaction;</li>
 * <li>the Static ID tag mode: Authorize with the static tag, then the transaction.</li>
 * </ul>
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OcppCentralSystemTest {

    private static final String IMAGE = "3T-DR-sim";
    private static final String LOG_PROPERTY = "infinergi.itest.ocppLog";
    private static final String DIR_PROPERTY = "infinergi.itest.ocppDir";
    private static final String PORT_PROPERTY = "infinergi.itest.ocppPort";
    private static final String CONTROL_PROPERTY = "infinergi.itest.ocppControlPort";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration STEP = Duration.ofSeconds(40);
    private static final List<String> TRANSACTION_ACTIONS =
            List.of("StartTransaction", "MeterValues", "StopTransaction");

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configAdmin;

    private Http http;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient control = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** A central system this test started inside the charger's JVM (after an outage), ended with the test. */
    private Process restarted;

    @Configuration
    public Option[] config() throws Exception {
        int port = Images.freePort();
        int controlPort = Images.freePort();
        File log = new File("target/ocpp-central-system-" + port + ".log").getAbsoluteFile();
        File dir = new File(System.getProperty("infinergi.root", ".."), "feature.ocpp/src/test/central-system")
                .getAbsoluteFile();
        startCentralSystem(dir, port, controlPort, log);
        return OptionUtils.combine(Images.boot(IMAGE),
                editConfigurationFilePut("etc/org.infinergi.ocpp.cfg", "url", "ws://127.0.0.1:" + port + "/ocpp"),
                editConfigurationFilePut("etc/system.properties", LOG_PROPERTY, log.getPath()),
                editConfigurationFilePut("etc/system.properties", DIR_PROPERTY, dir.getPath()),
                editConfigurationFilePut("etc/system.properties", PORT_PROPERTY, String.valueOf(port)),
                editConfigurationFilePut("etc/system.properties", CONTROL_PROPERTY, String.valueOf(controlPort)));
    }

    /** node central-system.js on the port, until this JVM ends (its stdin closes) or 15 minutes pass. */
    private static void startCentralSystem(File dir, int port, int controlPort, File log)
            throws IOException, InterruptedException {
        if (!new File(dir, "node_modules/ocpp-rpc").isDirectory()) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir).inheritIO()
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed: the central system needs ocpp-rpc");
            }
        }
        log.getParentFile().mkdirs();
        Process cs = new ProcessBuilder(centralSystem(port, controlPort, "100", "--boot", "Pending,Accepted",
                "--interval", "1", "--malformed")).directory(dir).redirectOutput(log)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(cs::destroy));
    }

    private static List<String> centralSystem(int port, int controlPort, String txBase, String... more) {
        List<String> cmd = new ArrayList<>(List.of("node", "central-system.js", "--port", String.valueOf(port),
                "--control-port", String.valueOf(controlPort), "--heartbeat", "2", "--tx-base", txBase,
                "--exit-after", "900"));
        cmd.addAll(List.of(more));
        return cmd;
    }

    @Before
    public void chargerIsIdleAndConnected() {
        http = Http.ofIdleCharger(context, BOOT);
        awaitAccepted(BOOT);
    }

    @Test
    public void pendingThenAcceptedBoot_heartbeats_andEveryMalformedCallGetsItsCallError_onTheSameConnection() {
        await("BootNotification accepted").atMost(BOOT).until(() -> any("boot", "Accepted"));
        List<JsonNode> boots = events("boot");
        assertEquals("the first boot is Pending: " + boots, "Pending", boots.get(0).path("status").asText());
        // OCPP 1.6 §4.2: while Pending nothing but BootNotification goes (calls of the central system are answered)
        List<String> untilAccepted = new ArrayList<>();
        for (JsonNode e : log()) {
            if ("boot".equals(e.path("event").asText()) && "Accepted".equals(e.path("status").asText())) {
                break;
            }
            if ("message".equals(e.path("event").asText()) && !e.path("outbound").asBoolean()) {
                untilAccepted.add(e.path("message").asText());
            }
        }
        assertTrue("only BootNotification until Accepted: " + untilAccepted, untilAccepted.size() >= 2
                && untilAccepted.stream().allMatch(m -> m.startsWith("[2,") && m.contains("\"BootNotification\"")));
        await("a Heartbeat").atMost(STEP).until(() -> inbound().stream().anyMatch(f -> isCall(f, "Heartbeat")));
        await("connector 1 Available").atMost(STEP).until(() -> statuses().contains("Available"));

        // sent by the central system by itself at the first StatusNotification (--malformed)
        awaitCallError("malformed-1", "TypeConstraintViolation");
        awaitCallError("malformed-2", "NotImplemented");
        long connections = events("connected").size();
        raw("[2,\"occ-1\",\"RemoteStartTransaction\",{\"connectorId\":1}]");
        awaitCallError("occ-1", "OccurenceConstraintViolation");
        raw("[2,\"prop-1\",\"RemoteStartTransaction\",{\"idTag\":\"" + "X".repeat(21) + "\"}]");
        awaitCallError("prop-1", "PropertyConstraintViolation");
        raw("[2,\"form-1\",\"GetConfiguration\",{\"colour\":\"blue\"}]");
        awaitCallError("form-1", "FormationViolation");
        raw("this is not JSON");
        awaitCallError("-1", "FormationViolation");
        raw("[7,\"proto-1\",\"Heartbeat\",{}]");
        awaitCallError("proto-1", "ProtocolError");
        long heartbeatsBefore = inbound().stream().filter(f -> isCall(f, "Heartbeat")).count();
        await("the connection stays: heartbeats go on").atMost(STEP)
                .until(() -> inbound().stream().filter(f -> isCall(f, "Heartbeat")).count() > heartbeatsBefore);
        assertEquals("the connection was never dropped for a bad CALL: " + events("connected"), connections,
                events("connected").size());
        assertTrue("the charger is still idle: " + http.get("/api/status"),
                "VEHICLE_NOT_CONNECTED".equals(http.get("/api/status").path("state").asText()));
        assertNoValidationFailure();
    }

    @Test
    public void aFullSession_statusSequence_withItsStartMeterValuesAndStop_inOrder() {
        sampleEverySecond();
        int from = log().size();
        http.ev("charge", 16, 3);
        await("connector 1 Charging").atMost(STEP).until(() -> statusesFrom(from).contains("Charging"));
        await("two samples of the transaction").atMost(STEP)
                .until(() -> transactionMessagesFrom(from, "MeterValues").size() >= 2);
        http.ev("unplug");
        await("StopTransaction").atMost(STEP).until(() -> !transactionMessagesFrom(from, "StopTransaction").isEmpty());
        await("connector 1 Available again").atMost(STEP).until(() -> {
            List<String> s = statusesFrom(from);
            return s.contains("Charging") && s.lastIndexOf("Available") > s.indexOf("Charging");
        });
        List<String> s = statusesFrom(from);
        // Available → (Preparing) → Charging/SuspendedEV… → (Finishing) → Available: a legal OCPP 1.6 §4.9 path
        assertTrue("the session's statuses: " + s, s.indexOf("Charging") < s.lastIndexOf("Available"));
        assertTrue("only a session's statuses: " + s, s.stream().allMatch(x -> List.of("Available", "Preparing",
                "Charging", "SuspendedEV", "SuspendedEVSE", "Finishing").contains(x)));

        List<JsonNode> tx = transactionMessagesFrom(from, null);
        List<String> actions = tx.stream().map(t -> t.path("action").asText()).collect(Collectors.toList());
        assertEquals("StartTransaction first: " + actions, "StartTransaction", actions.get(0));
        assertEquals("StopTransaction last: " + actions, "StopTransaction", actions.get(actions.size() - 1));
        assertEquals("one start, one stop: " + actions, 2,
                actions.stream().filter(a -> !"MeterValues".equals(a)).count());
        JsonNode start = tx.get(0);
        JsonNode stop = tx.get(tx.size() - 1);
        String serial = context.getService(context.getServiceReference(Device.class)).serial();
        assertEquals("the static ID tag (Disabled mode)", serial.substring(Math.max(0, serial.length() - 19)),
                start.at("/params/idTag").asText());
        assertEquals(1, start.at("/params/connectorId").asInt());
        int id = start.path("transactionId").asInt();
        assertEquals("EVDisconnected", stop.at("/params/reason").asText());
        assertSamplesOfOneTransaction(tx, id, "a full session");
    }

    @Test
    public void anOutage_withTheCentralSystemRestarted_theTransactionArrivesWhole_onceAndInOrder() throws Exception {
        sampleEverySecond();
        int from = log().size();
        http.ev("charge", 16, 3);
        await("two samples before the outage").atMost(STEP)
                .until(() -> transactionMessagesFrom(from, "MeterValues").size() >= 2);
        double before = http.get("/api/status").path("sessionEnergyWh").asDouble();
        command("{\"cmd\":\"exit\"}");
        await("the central system gone").atMost(STEP).until(() -> !events("exit").isEmpty());
        // the car charges on: samples are taken (and queued) while nobody listens
        await("energy counted during the outage").atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("/api/status").path("sessionEnergyWh").asDouble() > before + 10);
        http.ev("unplug");
        await("the session ended during the outage").atMost(STEP)
                .until(() -> "VEHICLE_NOT_CONNECTED".equals(http.get("/api/status").path("state").asText()));
        restartCentralSystem();
        await("StopTransaction after the outage").atMost(Duration.ofSeconds(90))
                .until(() -> !transactionMessagesFrom(from, "StopTransaction").isEmpty());
        List<JsonNode> tx = transactionMessagesFrom(from, null);
        List<String> actions = tx.stream().map(t -> t.path("action").asText()).collect(Collectors.toList());
        assertEquals("StartTransaction first: " + actions, "StartTransaction", actions.get(0));
        assertEquals("StopTransaction last: " + actions, "StopTransaction", actions.get(actions.size() - 1));
        assertEquals("one start, one stop: " + actions, 2,
                actions.stream().filter(a -> !"MeterValues".equals(a)).count());
        assertSamplesOfOneTransaction(tx, tx.get(0).path("transactionId").asInt(), "across the outage");
        long afterRestart = tx.stream().filter(t -> t.path("restarted").asBoolean()).count();
        assertTrue("samples queued during the outage arrived at the new central system: " + tx, afterRestart >= 2);
        awaitAccepted(STEP);
        assertNoValidationFailure();
    }

    @Test
    public void remoteStart_cableFirst_andIdFirst_inTheRfidMode_andRemoteStop() throws Exception {
        setAuthorizationMode("RFID");
        try {
            // cable first: the car waits (no card, no transaction), the central system starts one for it
            int from = log().size();
            http.ev("charge", 16, 3);
            await("the session runs, no transaction in RFID mode without a card").atMost(STEP)
                    .until(() -> statusesFrom(from).contains("Charging") || statusesFrom(from).contains("SuspendedEV"));
            assertTrue(transactionMessagesFrom(from, "StartTransaction").isEmpty());
            assertEquals("Accepted", call("RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"REMOTE-1\"}")
                    .at("/result/status").asText());
            await("StartTransaction with the remote id tag").atMost(STEP)
                    .until(() -> !transactionMessagesFrom(from, "StartTransaction").isEmpty());
            JsonNode start = transactionMessagesFrom(from, "StartTransaction").get(0);
            assertEquals("REMOTE-1", start.at("/params/idTag").asText());
            int id = start.path("transactionId").asInt();
            assertEquals("Accepted", call("RemoteStopTransaction", "{\"transactionId\":" + id + "}")
                    .at("/result/status").asText());
            await("StopTransaction Remote").atMost(STEP)
                    .until(() -> !transactionMessagesFrom(from, "StopTransaction").isEmpty());
            JsonNode stop = transactionMessagesFrom(from, "StopTransaction").get(0);
            assertEquals("Remote", stop.at("/params/reason").asText());
            assertEquals(id, stop.at("/params/transactionId").asInt());
            await("the contactor open after RemoteStop").atMost(STEP)
                    .until(() -> !"CHARGING".equals(http.get("/api/status").path("state").asText()));
            http.ev("unplug");
            await("idle").atMost(STEP)
                    .until(() -> "VEHICLE_NOT_CONNECTED".equals(http.get("/api/status").path("state").asText()));

            // id first: the central system's RemoteStart, then the car
            int second = log().size();
            assertEquals("Accepted", call("RemoteStartTransaction", "{\"idTag\":\"REMOTE-2\"}")
                    .at("/result/status").asText());
            http.ev("charge", 16, 3);
            await("StartTransaction at the plug-in").atMost(STEP)
                    .until(() -> !transactionMessagesFrom(second, "StartTransaction").isEmpty());
            assertEquals("REMOTE-2", transactionMessagesFrom(second, "StartTransaction").get(0)
                    .at("/params/idTag").asText());
            http.ev("unplug");
            await("StopTransaction EVDisconnected").atMost(STEP)
                    .until(() -> !transactionMessagesFrom(second, "StopTransaction").isEmpty());
            assertEquals("EVDisconnected", transactionMessagesFrom(second, "StopTransaction").get(0)
                    .at("/params/reason").asText());
            assertEquals("one start and one stop of the second", 2, transactionMessagesFrom(second, null).stream()
                    .filter(t -> !"MeterValues".equals(t.path("action").asText())).count());
            assertNoValidationFailure();
        } finally {
            setAuthorizationMode("DISABLED");
        }
    }

    @Test
    public void staticIdTagMode_authorizesWithTheStaticTag_thenStartsAndStops() throws Exception {
        setAuthorizationMode("STATIC_ID_TAG");
        try {
            String serial = context.getService(context.getServiceReference(Device.class)).serial();
            String tag = serial.substring(Math.max(0, serial.length() - 19));
            int from = log().size();
            http.ev("charge", 16, 3);
            await("StartTransaction after Authorize").atMost(STEP)
                    .until(() -> !transactionMessagesFrom(from, "StartTransaction").isEmpty());
            List<JsonNode> l = log();
            int authorize = -1;
            int start = -1;
            for (int i = from; i < l.size(); i++) {
                String e = l.get(i).path("event").asText();
                if (authorize < 0 && "authorize".equals(e)) {
                    authorize = i;
                    assertEquals(tag, l.get(i).path("idTag").asText());
                }
                if (start < 0 && "tx".equals(e)) {
                    start = i;
                }
            }
            assertTrue("Authorize with the static ID tag before StartTransaction: " + l.subList(from, l.size()),
                    authorize >= 0 && authorize < start);
            assertEquals(tag, transactionMessagesFrom(from, "StartTransaction").get(0).at("/params/idTag").asText());
            http.ev("unplug");
            await("StopTransaction").atMost(STEP)
                    .until(() -> !transactionMessagesFrom(from, "StopTransaction").isEmpty());
            assertNoValidationFailure();
        } finally {
            setAuthorizationMode("DISABLED");
        }
    }

    // ---- helpers: the charger ----

    /** Changes the authorization mode as an installer would; the client restarts and boots again. */
    private void setAuthorizationMode(String mode) throws IOException {
        int connections = events("connected").size();
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("org.infinergi.ocpp", "?");
        Dictionary<String, Object> p = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        if (mode.equals(String.valueOf(p.get("authorizationMode")))
                || ("DISABLED".equals(mode) && p.get("authorizationMode") == null)) {
            return;
        }
        p.put("authorizationMode", mode);
        c.update(p);
        await("a new connection after the change").atMost(STEP).until(() -> events("connected").size() > connections);
        awaitAccepted(STEP);
    }

    /** MeterValueSampleInterval 1 s (a new connection starts again from the default 60 s). */
    private void sampleEverySecond() {
        assertEquals("Accepted", call("ChangeConfiguration", "{\"key\":\"MeterValueSampleInterval\",\"value\":\"1\"}")
                .at("/result/status").asText());
    }

    /** The central system has the charger registered: the last BootNotification answered Accepted, and it answers. */
    private void awaitAccepted(Duration within) {
        await("the charger registered at the central system").atMost(within).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().until(() -> {
                    List<JsonNode> l = log();
                    int lastConnected = -1;
                    int lastAccepted = -1;
                    for (int i = 0; i < l.size(); i++) {
                        String e = l.get(i).path("event").asText();
                        if ("connected".equals(e)) {
                            lastConnected = i;
                        } else if ("boot".equals(e) && "Accepted".equals(l.get(i).path("status").asText())) {
                            lastAccepted = i;
                        } else if ("disconnected".equals(e) || "exit".equals(e)) {
                            lastConnected = -1;
                        }
                    }
                    return lastConnected >= 0 && lastAccepted > lastConnected;
                });
    }

    // ---- helpers: the central system ----

    /** Starts a new central system on the first one's ports, its output appended to the same log. */
    private void restartCentralSystem() throws IOException {
        File dir = new File(context.getProperty(DIR_PROPERTY));
        File log = new File(context.getProperty(LOG_PROPERTY));
        Files.writeString(log.toPath(), "{\"event\":\"restarted\"}\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        restarted = new ProcessBuilder(centralSystem(Integer.parseInt(context.getProperty(PORT_PROPERTY)),
                Integer.parseInt(context.getProperty(CONTROL_PROPERTY)), "500")).directory(dir)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Process p = restarted;
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    }

    /** One command to the central system (its stdin commands, over its control port). */
    private void command(String line) {
        int port = Integer.parseInt(context.getProperty(CONTROL_PROPERTY));
        try {
            control.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString(line)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the central system ending on "exit" may close before answering
            if (!line.contains("\"exit\"")) {
                throw new UncheckedIOException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int tags;

    /** A strict call of the central system to the charger, and its result event. */
    private JsonNode call(String method, String params) {
        String tag = "t" + (++tags) + "-" + System.nanoTime();
        command("{\"cmd\":\"call\",\"tag\":\"" + tag + "\",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return await(method + " answered").atMost(STEP).until(() -> events("result").stream()
                .filter(e -> tag.equals(e.path("tag").asText())).findFirst().orElse(null), r -> r != null);
    }

    private void raw(String frame) {
        command("{\"cmd\":\"raw\",\"message\":" + json.getNodeFactory().textNode(frame) + "}");
    }

    private void awaitCallError(String id, String code) {
        await("a CALLERROR " + code + " to " + id).atMost(STEP)
                .until(() -> inbound().stream().anyMatch(f -> isError(f, id, code)));
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

    /**
     * The transaction messages received from log line {@code from} on ({@code action} null: all), each marked
     * {@code restarted} when the restarted central system received it.
     */
    private List<JsonNode> transactionMessagesFrom(int from, String action) {
        List<JsonNode> l = log();
        List<JsonNode> out = new ArrayList<>();
        boolean restartedYet = false;
        for (int i = 0; i < l.size(); i++) {
            JsonNode e = l.get(i);
            restartedYet |= "restarted".equals(e.path("event").asText());
            if (i >= from && "tx".equals(e.path("event").asText())
                    && (action == null || action.equals(e.path("action").asText()))) {
                out.add(((com.fasterxml.jackson.databind.node.ObjectNode) e.deepCopy()).put("restarted", restartedYet));
            }
        }
        return out;
    }

    /**
     * Every message after the start carries its id; the samples' timestamps go up strictly (none doubled, none out of
     * order) and their energy register never goes down.
     */
    private void assertSamplesOfOneTransaction(List<JsonNode> tx, int id, String where) {
        String last = "";
        double register = -1;
        for (JsonNode t : tx.subList(1, tx.size())) {
            assertEquals(where + ": the start's id: " + t, id, t.at("/params/transactionId").asInt());
            if ("MeterValues".equals(t.path("action").asText())) {
                String at = t.at("/params/meterValue/0/timestamp").asText();
                assertTrue(where + ": samples once and in order: " + last + " then " + at, at.compareTo(last) > 0);
                last = at;
                double wh = t.at("/params/meterValue/0/sampledValue/0/value").asDouble();
                assertTrue(where + ": the register never goes down: " + tx, wh >= register);
                register = wh;
            }
        }
        assertTrue(TRANSACTION_ACTIONS.containsAll(tx.stream().map(t -> t.path("action").asText())
                .collect(Collectors.toList())));
    }

    private void assertNoValidationFailure() {
        // ocpp-rpc calls our CALLERRORs to raw CALLs "bad" (it sent them raw: no call of its own awaits them); any
        // other bad message, or a schema failure of anything we sent, is a fault of ours
        List<JsonNode> bad = events("badMessage").stream()
                .filter(e -> !e.path("error").asText().matches(".*unrecognised message ID: .*"))
                .collect(Collectors.toList());
        assertTrue("the central system's validator found nothing to refuse: " + events("strictValidationFailure")
                + bad, events("strictValidationFailure").isEmpty() && bad.isEmpty());
    }

    private boolean any(String event, String status) {
        return events(event).stream().anyMatch(e -> status.equals(e.path("status").asText()));
    }

    /** Connector 1's statuses in the order the central system received them. */
    private List<String> statuses() {
        return statusesFrom(0);
    }

    private List<String> statusesFrom(int from) {
        List<JsonNode> l = log();
        return l.subList(Math.min(from, l.size()), l.size()).stream()
                .filter(e -> "status".equals(e.path("event").asText()) && e.path("connectorId").asInt() == 1)
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
