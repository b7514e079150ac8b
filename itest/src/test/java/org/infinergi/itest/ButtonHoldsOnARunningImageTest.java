package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
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
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Manual §6.2.1 long presses on a real image started as a user starts it ({@code bin/karaf server}, its own JVM and
 * {@code bin/setenv}): held for the restart time the firmware restarts (the charge in progress is stored as ended by
 * the charger stop and the charger comes back by itself, still out of service if it was taken out of service); held for the factory-reset time the configuration returns
 * to the model's defaults and the history is kept. Pax Exam cannot host this: a framework restart cuts its probe.
 *
 * <p>The image's panel configuration is shortened to 3 s / 6 s holds for the test (an installer's etc file, as
 * {@code ./run.sh --etc} does); the factory reset itself puts the manual's 30 s / 60 s back.
 */
public class ButtonHoldsOnARunningImageTest {

    private static final Duration BOOT = Duration.ofSeconds(120);

    private Path home;
    private Process karaf;
    private Http http;

    @Before
    public void start() throws Exception {
        File images = new File(System.getProperty("infinergi.images", "../karaf-assembly/target"));
        File tarball = new File(images, "infinergi-3T-sim.tar.gz");
        assertTrue("no image " + tarball, tarball.isFile());
        Path dir = Files.createDirectories(Path.of("target", "process"));
        Path work = Files.createTempDirectory(dir, "buttons");
        run(work, "tar", "xzf", tarball.getAbsolutePath());
        home = work.resolve("infinergi-3T-sim");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        append("etc/system.properties", "org.osgi.service.http.port = " + port);
        // The installer's changes: short holds for the test, and a lower maximum charge rate (manual §7.2.1).
        append("etc/org.infinergi.panel.cfg", "restartHoldS = 3\nfactoryResetHoldS = 6");
        Path charging = home.resolve("etc/org.infinergi.charging.cfg");
        Files.writeString(charging, Files.readString(charging).replace("maxChargeRateA = 32", "maxChargeRateA = 10"));

        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("console.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();
        http = new Http(port);
    }

    @After
    public void stop() {
        if (karaf != null) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }

    @Test
    public void held30sRestarts_held60sRestoresTheFactoryConfiguration_historyKept() {
        awaitIdle();
        assertEquals("the installer's 10 A maximum charge rate", 10.0, chargeAndReadOffer(), 1e-9);

        // Taken out of service, then held past the restart time and released: the firmware restarts and the
        // charger is still out of service (PID org.infinergi.availability).
        assertTrue(http.post("/api/control", "{\"action\":\"outOfService\"}").get("accepted").asBoolean());
        awaitState("OUT_OF_SERVICE");
        http.button("multi", 3_500);
        awaitRestart();
        await().atMost(BOOT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> containsEndReason(http.get("/api/sessions"), "CHARGER_STOPPED"));
        awaitState("OUT_OF_SERVICE");
        assertTrue(http.post("/api/control", "{\"action\":\"inService\"}").get("accepted").asBoolean());
        awaitIdle();
        assertEquals("the installer's configuration survives a restart", 10.0, chargeAndReadOffer(), 1e-9);
        http.ev("unplug");
        awaitIdle();

        // Held past the factory-reset time: the model's defaults come back, the charger restarts.
        http.button("multi", 6_500);
        awaitRestart();
        awaitIdle();
        assertEquals("the model's default maximum charge rate", 32.0, chargeAndReadOffer(), 1e-9);
        assertTrue("history kept by the factory reset (manual §6.2)",
                containsEndReason(http.get("/api/sessions"), "CHARGER_STOPPED"));
    }

    /** The simulated world starts again with the firmware: its clock goes back. */
    private void awaitRestart() {
        double before = http.get("/api/sim").get("timeS").asDouble();
        await().atMost(BOOT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> http.get("/api/sim").get("timeS").asDouble() < before);
    }

    /** Plugs and charges a 16 A three-phase car; the offer once it charges. */
    private double chargeAndReadOffer() {
        http.ev("charge", 16, 3);
        return awaitState("CHARGING").get("offeredCurrentA").asDouble();
    }

    private void awaitIdle() {
        awaitState("VEHICLE_NOT_CONNECTED");
    }

    private JsonNode awaitState(String state) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(BOOT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> state.equals((last[0] = http.get("/api/status")).get("state").asText()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("expected state " + state + "; last status: " + last[0], e);
        }
        return last[0];
    }

    private static boolean containsEndReason(JsonNode sessions, String reason) {
        for (JsonNode s : sessions) {
            if (reason.equals(s.path("endReason").asText())) {
                return true;
            }
        }
        return false;
    }

    private void append(String file, String lines) throws IOException {
        Files.writeString(home.resolve(file), "\n" + lines + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed"));
        }
    }
}
