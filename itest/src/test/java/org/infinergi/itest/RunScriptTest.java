package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./run.sh} as a README user runs it (issue 15, "Restarts and the run script"): the manual §6.2 restart brings
 * the charger back, the firmware's state stays from one run to the next ({@code --factory} forgets it), and a second
 * instance of a running model or port refuses at once without touching the first one, whose simulated meters no
 * other instance reads. Each boot is a real image in its own JVM; Pax Exam cannot host a script.
 */
public class RunScriptTest {

    /** Too short for a boot: a refusal that takes longer than this did not come "at once". */
    private static final Duration AT_ONCE = Duration.ofSeconds(15);

    private final List<Path> runRoots = new ArrayList<>();

    @After
    public void deleteInstances() {
        runRoots.forEach(RunScript::delete);
    }

    private Path newRunRoot(String name) {
        Path root = RunScript.newRunRoot(name);
        runRoots.add(root);
        return root;
    }

    @Test
    public void leftRightHeldRestartsAndTheChargerComesBack_displayModel() throws IOException {
        restartComesBack("3T-DR", "left+right");
    }

    @Test
    public void multifunctionButtonHeldRestartsAndTheChargerComesBack() throws IOException {
        restartComesBack("3T", "multi");
    }

    private void restartComesBack(String model, String keys) throws IOException {
        Path runRoot = newRunRoot("restart");
        Path etc = shortHolds(runRoot);
        try (RunScript run = RunScript.start(runRoot, Images.freePort(), "--model", model, "--etc", etc.toString())) {
            run.awaitState("VEHICLE_NOT_CONNECTED");
            long firmware = run.firmwarePid();
            run.http.button(keys, 3_500);
            // Released after 3 s: the JVM ends with Karaf's restart code and a fresh one starts.
            await().atMost(RunScript.BOOT).pollInterval(Duration.ofMillis(300))
                    .until(() -> !run.alive() || run.firmwarePid() != firmware);
            assertTrue("run.sh ended with the restart instead of starting the firmware again:\n" + run.output(),
                    run.alive());
            run.awaitState("VEHICLE_NOT_CONNECTED");
        }
    }

    @Test
    public void theFirmwaresStateStaysFromOneRunToTheNext_factoryForgetsIt() throws IOException {
        Path runRoot = newRunRoot("state");
        int port = Images.freePort();
        try (RunScript run = RunScript.start(runRoot, port, "--model", "3T")) {
            chargeOnceAndTakeOutOfService(run);
        }
        try (RunScript run = RunScript.start(runRoot, port, "--model", "3T")) {
            run.awaitState("OUT_OF_SERVICE");
            assertEquals("the session of the first run", 1, run.http.get("/api/sessions").size());
        }
        try (RunScript run = RunScript.start(runRoot, port, "--model", "3T", "--factory")) {
            run.awaitState("VEHICLE_NOT_CONNECTED");
            assertEquals("no history in the factory state", 0, run.http.get("/api/sessions").size());
        }
    }

    @Test
    public void aRebuiltImageReplacesTheFirmware_configAdminsStoreAndTheHistoryStay() throws IOException {
        Path runRoot = newRunRoot("rebuilt");
        Path images = Files.createDirectories(runRoot.resolve("images"));
        Path image = images.resolve("infinergi-3T-sim.tar.gz");
        Path built = Path.of(System.getProperty("infinergi.images", "../karaf-assembly/target"))
                .resolve("infinergi-3T-sim.tar.gz");
        Files.copy(built, image);
        Map<String, String> env = Map.of("INFINERGI_IMAGES", images.toAbsolutePath().toString());
        int port = Images.freePort();
        try (RunScript run = RunScript.start(runRoot, env, port, "--model", "3T")) {
            chargeOnceAndTakeOutOfService(run);
        }
        // The same firmware packed again: other bytes, which is what run.sh sees of a rebuilt image.
        repack(built, image);
        try (RunScript run = RunScript.start(runRoot, env, port, "--model", "3T")) {
            run.awaitState("OUT_OF_SERVICE");
            assertTrue(run.output(), run.output().contains("new image"));
            assertEquals("the session of the first run", 1, run.http.get("/api/sessions").size());
        }
    }

    /** One charge stored in the history, then out of service (PID org.infinergi.availability, Config Admin). */
    private static void chargeOnceAndTakeOutOfService(RunScript run) {
        run.awaitState("VEHICLE_NOT_CONNECTED");
        run.http.ev("charge", 16, 3);
        run.awaitState("CHARGING");
        run.http.ev("unplug");
        run.awaitState("VEHICLE_NOT_CONNECTED");
        assertTrue(run.http.control("outOfService").get("accepted").asBoolean());
        run.awaitState("OUT_OF_SERVICE");
        await().atMost(RunScript.BOOT).until(() -> run.http.get("/api/sessions").size() == 1);
    }

    private static void repack(Path from, Path to) throws IOException {
        try {
            Process p = new ProcessBuilder("bash", "-c", "gzip -dc \"$0\" | gzip -1 > \"$1\"", from.toString(),
                    to.toString()).inheritIO().start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void aSecondInstanceOfARunningModelOrPortRefusesAtOnce_andTouchesNothing() throws IOException {
        Path runRoot = newRunRoot("second");
        int port = Images.freePort();
        try (RunScript first = RunScript.start(runRoot, port, "--model", "3T-DR")) {
            first.awaitState("VEHICLE_NOT_CONNECTED");
            Map<String, String> files = firmwareFiles(runRoot.resolve("3T-DR"));
            double simTime = first.http.get("/api/sim").get("timeS").asDouble();

            try (RunScript sameModel = RunScript.start(runRoot, Images.freePort(), "--model", "3T-DR")) {
                assertEquals(sameModel.output(), 1, sameModel.exitCode(AT_ONCE));
                assertTrue(sameModel.output(), sameModel.output().contains("already running"));
            }
            try (RunScript samePort = RunScript.start(runRoot, port, "--model", "3T")) {
                assertEquals(samePort.output(), 1, samePort.exitCode(AT_ONCE));
                assertTrue(samePort.output(), samePort.output().contains("port " + port + " is already in use"));
            }
            assertEquals("the running instance's firmware and etc/ are untouched", files,
                    firmwareFiles(runRoot.resolve("3T-DR")));
            assertTrue("the running firmware was not restarted",
                    first.http.get("/api/sim").get("timeS").asDouble() > simTime);
            assertTrue(first.alive());
            first.awaitState("VEHICLE_NOT_CONNECTED");
        }
    }

    @Test
    public void twoInstancesReadTheirOwnSimulatedMeters() throws IOException {
        Path runRoot = newRunRoot("meters");
        Path etc = Files.createDirectories(runRoot.resolve("etc"));
        Files.writeString(etc.resolve("org.infinergi.metering.cfg"), "vehicleMeter = MID\n");
        try (RunScript first = RunScript.start(runRoot, Images.freePort(), "--model", "3T-DR", "--etc", etc.toString());
                RunScript second = RunScript.start(runRoot, Images.freePort(), "--model", "1T-DR", "--etc",
                        etc.toString())) {
            first.awaitState("VEHICLE_NOT_CONNECTED");
            second.awaitState("VEHICLE_NOT_CONNECTED");
            first.http.ev("charge", 16, 3);
            await().atMost(RunScript.BOOT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> first.http.get("/api/status").get("powerW").asDouble() > 1000);
            // The first charger's MID meter shows its charge; the second one's, with no car, shows none.
            JsonNode status = second.http.get("/api/status");
            assertEquals("the second charger's vehicle meter (no car): " + status + "\n" + second.output(),
                    0.0, status.get("powerW").asDouble(), 1e-9);
            assertEquals("VEHICLE_NOT_CONNECTED", status.get("state").asText());
        }
    }

    /** The panel holds shortened to 3 s / 6 s (the manual's 30 s / 60 s), as an installer's etc file. */
    private static Path shortHolds(Path runRoot) throws IOException {
        Path etc = Files.createDirectories(runRoot.resolve("etc"));
        Files.writeString(etc.resolve("org.infinergi.panel.cfg"), "restartHoldS = 3\nfactoryResetHoldS = 6\n");
        return etc;
    }

    /** Path → inode, size and modification time of every file of an instance but data/ (the running firmware's). */
    private static Map<String, String> firmwareFiles(Path instance) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(instance)) {
            all.filter(Files::isRegularFile)
                    .filter(p -> !instance.relativize(p).startsWith("data"))
                    .forEach(p -> files.put(instance.relativize(p).toString(), stamp(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String stamp(Path file) {
        try {
            return Files.getAttribute(file, "unix:ino") + "/" + Files.size(file) + "/"
                    + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
