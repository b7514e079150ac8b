package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OCPP Reset (issue 17) on the 3T-DR sim image started as a user starts it ({@code bin/karaf server}, its own JVM;
 * Pax Exam cannot host this: a framework restart cuts its probe), against the independent central system (ocpp-rpc,
 * {@code feature.ocpp/src/test/central-system}): during a transaction a Soft reset stops it with reason SoftReset,
 * the StopTransaction reaches the central system before the connection goes, and the firmware comes back in a
 * fresh JVM (Karaf's restart code 10, restarted by {@code bin/karaf}) and boots again; so does a Hard reset. (Karaf's
 * in-JVM framework restart was tried for Soft here first: the second framework ran out of Metaspace.)
 */
public class OcppResetTest {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private Path home;
    private Process karaf;
    private Process centralSystem;
    private Writer commands;
    private Http http;

    @Before
    public void start() throws Exception {
        File images = new File(System.getProperty("infinergi.images", "../karaf-assembly/target"));
        File tarball = new File(images, "infinergi-3T-DR-sim.tar.gz");
        assertTrue("no image " + tarball, tarball.isFile());
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "process")), "ocpp-reset");
        run(work, "tar", "xzf", tarball.getAbsolutePath());
        home = work.resolve("infinergi-3T-DR-sim");
        int port = freePort();
        int csPort = freePort();
        startCentralSystem(csPort);
        append("etc/system.properties", "org.osgi.service.http.port = " + port);
        append("etc/org.infinergi.ocpp.cfg", "url = ws://127.0.0.1:" + csPort + "/ocpp");
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("console.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();
        http = new Http(port);
    }

    @After
    public void stop() throws Exception {
        if (karaf != null) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
        if (centralSystem != null) {
            commands.close();
            centralSystem.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    public void softResetDuringATransaction_stopsItFirst_thenAFreshJvmBootsAgain_andSoDoesAHardReset() throws Exception {
        await("BootNotification accepted").atMost(BOOT).until(() -> count("boot") >= 1);
        Set<Long> firstJvm = jvms();
        assertTrue("the JVM under bin/karaf", !firstJvm.isEmpty());
        http.ev("charge", 16, 3);
        await("StartTransaction").atMost(BOOT).until(() -> tx("StartTransaction") != null);

        call("soft", "Reset", "{\"type\":\"Soft\"}");
        assertEquals("Accepted", awaitResult("soft").at("/result/status").asText());
        await("StopTransaction SoftReset").atMost(BOOT).until(() -> tx("StopTransaction") != null);
        assertEquals("SoftReset", tx("StopTransaction").at("/params/reason").asText());
        int stopAt = indexOf(tx("StopTransaction"));
        await("the firmware back, booting again").atMost(BOOT).until(() -> count("boot") >= 2);
        assertTrue("the StopTransaction came before the connection went: " + events,
                stopAt < indexOfFirst("disconnected"));
        Set<Long> secondJvm = jvms();
        assertTrue("a soft reset starts a fresh JVM: " + firstJvm + " then " + secondJvm,
                !secondJvm.isEmpty() && secondJvm.stream().noneMatch(firstJvm::contains));

        call("hard", "Reset", "{\"type\":\"Hard\"}");
        assertEquals("Accepted", awaitResult("hard").at("/result/status").asText());
        await("the firmware back after the hard reset").atMost(BOOT).until(() -> count("boot") >= 3);
        Set<Long> lastJvm = jvms();
        assertTrue("a hard reset starts a fresh JVM: " + secondJvm + " then " + lastJvm,
                !lastJvm.isEmpty() && lastJvm.stream().noneMatch(secondJvm::contains));
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
                "--heartbeat", "3600", "--exit-after", "600").directory(dir)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new OutputStreamWriter(centralSystem.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(centralSystem.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    try {
                        events.add(json.readTree(line));
                    } catch (IOException e) {
                        // node's own output
                    }
                }
            } catch (IOException e) {
                // the central system ended
            }
        }, "central-system-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private void call(String tag, String method, String params) throws IOException {
        commands.write("{\"cmd\":\"call\",\"tag\":\"" + tag + "\",\"method\":\"" + method + "\",\"params\":" + params
                + "}\n");
        commands.flush();
    }

    private JsonNode awaitResult(String tag) {
        return await(tag).atMost(BOOT).until(() -> events.stream()
                .filter(e -> "result".equals(e.path("event").asText()) && tag.equals(e.path("tag").asText()))
                .findFirst().orElse(null), e -> e != null);
    }

    private long count(String event) {
        return events.stream().filter(e -> event.equals(e.path("event").asText())).count();
    }

    private JsonNode tx(String action) {
        return events.stream().filter(e -> "tx".equals(e.path("event").asText())
                && action.equals(e.path("action").asText())).findFirst().orElse(null);
    }

    private int indexOf(JsonNode e) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == e) {
                return i;
            }
        }
        return -1;
    }

    private int indexOfFirst(String event) {
        for (int i = 0; i < events.size(); i++) {
            if (event.equals(events.get(i).path("event").asText())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The JVMs under the launch script. */
    private Set<Long> jvms() {
        return karaf.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void append(String file, String lines) throws IOException {
        Files.writeString(home.resolve(file), "\n" + lines + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed"));
        }
    }
}
