package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 17 "Durability": {@code kill -9} of the running 3T-DR sim image during an OCPP transaction, against the
 * independent central system (ocpp-rpc, run by node from {@code feature.ocpp/src/test/central-system}). The image is
 * started as a user starts it ({@code bin/karaf server}, as {@link KillNineOnARunningImageTest} does), a car charges
 * with a sample every second, the JVM is SIGKILLed at a random moment, and the image is started again on the same
 * folder: the transaction ends with one StopTransaction (PowerLoss, the end the core stored, or the unplug if the
 * session went on), every message of it carries its id, nothing is lost from the sample series beyond the kill, and
 * nothing is doubled but at most the one message that was in flight at the kill (OCPP-J is at-least-once at the
 * wire: its answer died with the JVM), and no register value of the transaction goes back (its samples, and meterStop
 * not below any of them, though the core's restored session energy may be lower). A ChangeAvailability Inoperative answered Scheduled before the kill takes
 * effect once that transaction is stopped (out of service, Unavailable on connectors 0 and 1), and the StopTransaction
 * carries the StopTxnSampledData readings taken before the kill.
 */
public class OcppKillNineTest {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Duration STEP = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();
    private Path home;
    private Path work;
    private Path log;
    private Process karaf;
    private Process centralSystem;
    private Writer centralSystemIn;
    private Http http;

    @After
    public void stop() throws Exception {
        kill();
        if (centralSystem != null) {
            centralSystem.destroy();
            centralSystem.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    public void killMinus9DuringATransaction_theStopArrivesAfterTheRestart_nothingLostNothingDoubled()
            throws Exception {
        unpack();
        start();
        awaitState("VEHICLE_NOT_CONNECTED");
        await("BootNotification accepted").atMost(BOOT).until(() -> count("boot", "Accepted") >= 1);
        command("{\"cmd\":\"call\",\"tag\":\"mv\",\"method\":\"ChangeConfiguration\","
                + "\"params\":{\"key\":\"MeterValueSampleInterval\",\"value\":\"1\"}}");
        await("MeterValueSampleInterval 1").atMost(STEP).until(() -> !events("result").isEmpty());
        command("{\"cmd\":\"call\",\"tag\":\"stx\",\"method\":\"ChangeConfiguration\","
                + "\"params\":{\"key\":\"StopTxnSampledData\",\"value\":\"Energy.Active.Import.Register\"}}");
        await("StopTxnSampledData").atMost(STEP).until(() -> events("result").size() >= 2);
        http.ev("charge", 16, 3);
        long seed = System.nanoTime();
        int samplesBeforeKill = 2 + new Random(seed).nextInt(6);
        await("samples before the kill").atMost(STEP).until(() -> tx("MeterValues").size() >= samplesBeforeKill);
        // OCPP 1.6 "Persistent states": an Inoperative scheduled for the transaction's end survives the kill
        command("{\"cmd\":\"call\",\"tag\":\"ca\",\"method\":\"ChangeAvailability\","
                + "\"params\":{\"connectorId\":1,\"type\":\"Inoperative\"}}");
        await("ChangeAvailability Scheduled").atMost(STEP).until(() -> events("result").stream()
                .anyMatch(r -> "ca".equals(r.path("tag").asText())));
        assertEquals("Scheduled", events("result").stream().filter(r -> "ca".equals(r.path("tag").asText()))
                .findFirst().orElseThrow().at("/result/status").asText());
        kill();
        int receivedAtKill = tx(null).size();
        String where = "seed " + seed + ", killed after " + receivedAtKill + " transaction messages";

        start();
        awaitState(null);
        // the core continues a session whose car is still there, or stored it ended (POWER_LOSS): either way it ends
        if ("CHARGING".equals(http.get("/api/status").path("state").asText())
                || !http.get("/api/status").path("state").asText().equals("VEHICLE_NOT_CONNECTED")) {
            http.ev("unplug");
        }
        await(where + ": StopTransaction after the restart").atMost(BOOT)
                .until(() -> !tx("StopTransaction").isEmpty());

        List<JsonNode> all = tx(null);
        List<String> actions = all.stream().map(t -> t.path("action").asText()).collect(Collectors.toList());
        Set<String> distinct = new HashSet<>();
        List<JsonNode> once = new ArrayList<>();
        List<JsonNode> repeated = new ArrayList<>();
        for (JsonNode t : all) {
            (distinct.add(t.path("params").toString()) ? once : repeated).add(t);
        }
        assertTrue(where + ": at most the message in flight at the kill again: " + repeated + " of " + actions,
                repeated.isEmpty() || repeated.size() == 1
                        && repeated.get(0).path("params").equals(all.get(receivedAtKill - 1).path("params")));
        assertEquals(where + ": " + actions, "StartTransaction", once.get(0).path("action").asText());
        assertEquals(where + ": one start", 1, once.stream()
                .filter(t -> "StartTransaction".equals(t.path("action").asText())).count());
        assertEquals(where + ": one stop", 1, once.stream()
                .filter(t -> "StopTransaction".equals(t.path("action").asText())).count());
        JsonNode stop = once.get(once.size() - 1);
        assertEquals(where + ": the stop last: " + actions, "StopTransaction", stop.path("action").asText());
        assertTrue(where + ": " + stop, List.of("PowerLoss", "EVDisconnected", "Reboot")
                .contains(stop.at("/params/reason").asText()));
        int id = once.get(0).path("transactionId").asInt();
        String last = "";
        for (JsonNode t : once.subList(1, once.size())) {
            assertEquals(where + ": the start's id: " + t, id, t.at("/params/transactionId").asInt());
            if ("MeterValues".equals(t.path("action").asText())) {
                // the samples in the order taken (the stop may carry the stored end, before the last samples)
                String at = t.at("/params/meterValue/0/timestamp").asText();
                assertTrue(where + ": in order: " + last + " then " + at, at.compareTo(last) > 0);
                last = at;
            }
        }
        assertTrue(where + ": the samples received before the kill are all there", once.stream()
                .filter(t -> "MeterValues".equals(t.path("action").asText())).count() >= samplesBeforeKill);
        assertEquals(where + ": the samples taken before the kill go with the stop: " + stop, "Transaction.Begin",
                stop.at("/params/transactionData/0/sampledValue/0/context").asText());
        // a central system bills by meterStop: the core restores the session's energy from its last persist (10 s),
        // maybe below what was reported before the kill, yet the transaction's register never goes back
        List<Long> registers = new ArrayList<>();
        once.stream().filter(t -> "MeterValues".equals(t.path("action").asText()))
                .forEach(t -> registers.addAll(registersIn(t.at("/params/meterValue"))));
        for (int i = 1; i < registers.size(); i++) {
            assertTrue(where + ": the sampled registers never go back: " + registers,
                    registers.get(i) >= registers.get(i - 1));
        }
        registers.addAll(registersIn(stop.at("/params/transactionData")));
        long meterStop = stop.at("/params/meterStop").asLong();
        assertTrue(where + ": meterStop " + meterStop + " not below any register of the transaction: " + registers,
                registers.stream().allMatch(wh -> meterStop >= wh));
        awaitState("OUT_OF_SERVICE");
        // the last status told of each connector (the boot's Unavailable while initialising is followed by others)
        await(where + ": Unavailable on connectors 0 and 1").atMost(STEP).until(() -> List.of(0, 1).stream()
                .allMatch(c -> events("status").stream().filter(e -> e.path("connectorId").asInt() == c)
                        .reduce((x, y) -> y).map(e -> "Unavailable".equals(e.path("status").asText())).orElse(false)));
        assertTrue(where + ": strict validation: " + events("strictValidationFailure"),
                events("strictValidationFailure").isEmpty());
    }

    /** The Energy.Active.Import.Register values (Wh) of MeterValue objects, in order. */
    private static List<Long> registersIn(JsonNode meterValues) {
        List<Long> out = new ArrayList<>();
        meterValues.forEach(mv -> mv.path("sampledValue").forEach(v -> {
            if ("Energy.Active.Import.Register".equals(v.path("measurand").asText("Energy.Active.Import.Register"))) {
                out.add(Math.round(v.path("value").asDouble()));
            }
        }));
        return out;
    }

    // ---- the central system ----

    private void startCentralSystem(int port) throws IOException, InterruptedException {
        File dir = new File(System.getProperty("infinergi.root", ".."), "feature.ocpp/src/test/central-system");
        if (!new File(dir, "node_modules/ocpp-rpc").isDirectory()) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir).inheritIO()
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed: the central system needs ocpp-rpc");
            }
        }
        centralSystem = new ProcessBuilder("node", "central-system.js", "--port", String.valueOf(port),
                "--heartbeat", "300", "--tx-base", "900", "--exit-after", "900").directory(dir)
                .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        centralSystemIn = new OutputStreamWriter(centralSystem.getOutputStream(), StandardCharsets.UTF_8);
        await("the central system listening").atMost(STEP).until(() -> !events("listening").isEmpty());
    }

    private void command(String line) throws IOException {
        centralSystemIn.write(line + "\n");
        centralSystemIn.flush();
    }

    private List<JsonNode> events(String event) {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
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

    private long count(String event, String status) {
        return events(event).stream().filter(e -> status.equals(e.path("status").asText())).count();
    }

    /** The transaction messages received in order ({@code action} null: all). */
    private List<JsonNode> tx(String action) {
        return events("tx").stream().filter(t -> action == null || action.equals(t.path("action").asText()))
                .collect(Collectors.toList());
    }

    // ---- the image as a process ----

    private void awaitState(String state) {
        await("the charger's status" + (state == null ? "" : " " + state)).atMost(BOOT)
                .pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> {
                    String s = http.get("/api/status").get("state").asText();
                    return state == null ? !s.equals("INITIALISING") : state.equals(s);
                });
    }

    private void unpack() throws IOException, InterruptedException {
        File images = new File(System.getProperty("infinergi.images", "../karaf-assembly/target"));
        File tarball = new File(images, "infinergi-3T-DR-sim.tar.gz");
        assertTrue("no image " + tarball, tarball.isFile());
        Path dir = Files.createDirectories(Path.of("target", "process"));
        work = Files.createTempDirectory(dir, "ocpp-killnine");
        run(work, "tar", "xzf", tarball.getAbsolutePath());
        home = work.resolve("infinergi-3T-DR-sim");
        int port = freePort();
        int csPort = freePort();
        Files.writeString(home.resolve("etc/system.properties"), "\norg.osgi.service.http.port = " + port + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(home.resolve("etc/org.infinergi.ocpp.cfg"),
                "url = ws://127.0.0.1:" + csPort + "/ocpp\nauthorizationMode = DISABLED\n", StandardCharsets.UTF_8);
        http = new Http(port);
        log = work.resolve("central-system.log");
        startCentralSystem(csPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();
    }

    /** SIGKILL to the JVM and its launcher: no shutdown hook, no deactivation, as a power loss. */
    private void kill() {
        if (karaf != null) {
            List<ProcessHandle> all = new ArrayList<>(karaf.descendants().collect(Collectors.toList()));
            all.add(karaf.toHandle());
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : all) {
                try {
                    p.onExit().get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("process " + p.pid() + " did not die", e);
                }
            }
            karaf = null;
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed"));
        }
    }
}
