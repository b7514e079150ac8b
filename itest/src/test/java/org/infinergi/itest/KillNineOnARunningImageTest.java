package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 15 "the durable store loses stored sessions", on a real image started as a user starts it
 * ({@code bin/karaf server}) and killed with SIGKILL at random moments, several times over the same data folder:
 * <ul>
 * <li>every session {@code /api/sessions} showed before a kill is there after it, with its energy, and the ids of
 * the history go up by one;</li>
 * <li>the session charging at the kill is stored at the restart with end reason POWER_LOSS and what was measured
 * until at most one persist period (10 s) before the kill;</li>
 * <li>an error active at the kill does not stay open in {@code /api/errors} while the status shows none.</li>
 * </ul>
 * A short version for CI (three kills); {@code bench/durability.sh} is the long one.
 */
public class KillNineOnARunningImageTest {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final int KILLS = 3;
    /** 16 A on three phases at 230 V for one persist period (10 s), with a margin for the sim's ramp. */
    private static final double ONE_PERIOD_WH = 16 * 3 * 230 * 10 / 3600.0 + 5;

    private Path home;
    private Path work;
    private Process karaf;
    private Http http;
    private int port;

    @After
    public void stop() {
        kill();
    }

    @Test
    public void killMinus9AtRandomMoments_losesNoStoredSession_storesTheInterruptedOne_leavesNoErrorOpen()
            throws Exception {
        unpack();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<Long, Double> shown = new LinkedHashMap<>();
        double interruptedAtWh = -1;
        for (int round = 0; round <= KILLS; round++) {
            start();
            awaitState("VEHICLE_NOT_CONNECTED");
            String where = "seed " + seed + ", after kill " + round;
            if (interruptedAtWh >= 0) {
                JsonNode lost = awaitPowerLossSession(shown.size() + 1, where);
                double energy = lost.get("energyWh").asDouble();
                assertTrue(where + ": " + energy + " Wh stored of " + interruptedAtWh + " Wh measured",
                        energy <= interruptedAtWh + 0.1 && interruptedAtWh - energy <= ONE_PERIOD_WH);
                shown.put(lost.get("id").asLong(), energy);
            }
            assertHistory(shown, where);
            assertNoErrorLeftOpen(where);
            if (round == KILLS) {
                break;
            }
            // A session ends and /api/sessions shows it: from then on it must survive anything.
            chargeUntil(1 + random.nextInt(6));
            http.ev("unplug");
            JsonNode stored = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> http.get("/api/sessions").get(0), s -> s.get("id").asLong() == shown.size() + 1);
            shown.put(stored.get("id").asLong(), stored.get("energyWh").asDouble());
            // The next one is interrupted at a random moment, sometimes with an error active.
            interruptedAtWh = chargeUntil(1 + random.nextInt(40));
            if (random.nextBoolean()) {
                http.fault("D7", true); // enclosure overheated: the charge stops, the error is active
                awaitError("D7");
            }
            interruptedAtWh = http.get("/api/status").get("sessionEnergyWh").asDouble();
            kill();
        }
    }

    /** Plugs a 16 A three-phase car and waits until the session has at least {@code wh}; the energy then. */
    private double chargeUntil(double wh) {
        http.ev("charge", 16, 3);
        awaitState("CHARGING");
        JsonNode s = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> http.get("/api/status"),
                        st -> st.get("sessionEnergyWh").asDouble() >= wh);
        return s.get("sessionEnergyWh").asDouble();
    }

    private JsonNode awaitPowerLossSession(long id, String where) {
        JsonNode[] last = new JsonNode[1];
        JsonNode newest;
        try {
            newest = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> (last[0] = http.get("/api/sessions")).get(0), s -> s.get("id").asLong() == id);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(where + ": the interrupted session is not stored as session " + id + ": "
                    + last[0], e);
        }
        assertEquals(where + ": " + newest, "POWER_LOSS", newest.get("endReason").asText());
        return newest;
    }

    /** Every session shown before is there with its energy; the ids are 1, 2, 3 … with no gap. */
    private void assertHistory(Map<Long, Double> shown, String where) {
        JsonNode sessions = http.get("/api/sessions?limit=1000");
        Map<Long, Double> now = new LinkedHashMap<>();
        for (JsonNode s : sessions) {
            now.put(s.get("id").asLong(), s.get("energyWh").asDouble());
        }
        for (Map.Entry<Long, Double> e : shown.entrySet()) {
            assertNotNull(where + ": session " + e.getKey() + " lost; history " + sessions, now.get(e.getKey()));
            assertEquals(where + ": energy of session " + e.getKey(), e.getValue(), now.get(e.getKey()), 0.05);
        }
        assertEquals(where + ": ids go up by one: " + now.keySet(), shown.size(), now.size());
        for (long id = 1; id <= now.size(); id++) {
            assertTrue(where + ": ids go up by one: " + now.keySet(), now.containsKey(id));
        }
    }

    /** /api/errors keeps no open episode the status does not show. */
    private void assertNoErrorLeftOpen(String where) {
        JsonNode status = http.get("/api/status");
        JsonNode errors = http.get("/api/errors?limit=1000");
        for (JsonNode e : errors) {
            if (e.get("cleared").isNull()) {
                assertEquals(where + ": open error " + e + " while the status shows " + status.get("error"),
                        e.get("code").asText(), status.get("error").asText());
            }
        }
    }

    private void awaitError(String code) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> code.equals(http.get("/api/status").get("error").asText()));
    }

    private void awaitState(String state) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(BOOT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> state.equals((last[0] = http.get("/api/status")).get("state").asText()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("expected state " + state + "; last status: " + last[0], e);
        }
    }

    private void unpack() throws IOException, InterruptedException {
        File images = new File(System.getProperty("infinergi.images", "../karaf-assembly/target"));
        File tarball = new File(images, "infinergi-3T-DR-sim.tar.gz");
        assertTrue("no image " + tarball, tarball.isFile());
        Path dir = Files.createDirectories(Path.of("target", "process"));
        work = Files.createTempDirectory(dir, "killnine");
        run(work, "tar", "xzf", tarball.getAbsolutePath());
        home = work.resolve("infinergi-3T-DR-sim");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(home.resolve("etc/system.properties"), "\norg.osgi.service.http.port = " + port + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        http = new Http(port);
    }

    /** {@code bin/karaf server} on the same folder: the data of the killed run is all it finds. */
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
            java.util.List<ProcessHandle> all = new java.util.ArrayList<>(karaf.descendants().toList());
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
