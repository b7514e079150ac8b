package org.infinergi.feature.ocpp.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The independent central system of the tests: {@code src/test/central-system/central-system.js} on the npm package
 * ocpp-rpc (strict validation against the official OCPP 1.6 schemas), run by node. Installs its npm package when
 * missing. Its output lines are kept as JSON for the test to wait on.
 */
final class CentralSystem implements AutoCloseable {

    static final File DIR = new File("src/test/central-system");
    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final int port;

    CentralSystem(String... args) throws Exception {
        installWhenMissing();
        // a port of its own when the test names none (a restarted central system takes the first one's port)
        List<String> cmd = new ArrayList<>(List.of("node", "central-system.js"));
        if (!List.of(args).contains("--port")) {
            cmd.addAll(List.of("--port", "0"));
        }
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).directory(DIR).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "central-system-stdout");
        reader.setDaemon(true);
        reader.start();
        port = awaitEvent(e -> "listening".equals(e.path("event").asText()), Duration.ofSeconds(20))
                .get("port").asInt();
    }

    static synchronized void installWhenMissing() throws IOException, InterruptedException {
        if (new File(DIR, "node_modules/ocpp-rpc").isDirectory()) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR).inheritIO().start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + DIR + " failed: the central system needs ocpp-rpc");
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                try {
                    events.add(json.readTree(line));
                } catch (IOException e) {
                    // not ours to judge: node's own output
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    JsonNode awaitEvent(Predicate<JsonNode> p, Duration within) {
        return Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20))
                .until(() -> events.stream().filter(p).findFirst().orElse(null), e -> e != null);
    }

    /** The frames the charge point sent, parsed: {@code [2, id, action, payload]} etc. */
    List<JsonNode> received() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            if ("message".equals(e.path("event").asText()) && !e.path("outbound").asBoolean()) {
                try {
                    out.add(json.readTree(e.get("message").asText()));
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return out;
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    void command(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
