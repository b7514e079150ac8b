package org.infinergi.itest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./run.sh} of this repository, started as a user starts it (no terminal on stdin: {@code bin/karaf server}),
 * its instances in a scratch run root instead of the user's run/ ({@code INFINERGI_RUN_ROOT}) and the images of this
 * reactor as they are ({@code INFINERGI_NO_BUILD}). Runs on the driver side.
 */
final class RunScript implements AutoCloseable {

    static final Duration BOOT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;
    final int port;
    final Http http;

    private RunScript(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.http = new Http(port);
    }

    /** The repository's root: run.sh and karaf-assembly/target beside it. */
    static Path root() {
        return Path.of(System.getProperty("infinergi.root", "..")).toAbsolutePath().normalize();
    }

    /** Deletes a run root and its instances (about 60 MB each) once its test is over. */
    static void delete(Path runRoot) {
        try (Stream<Path> all = Files.walk(runRoot)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh run root under target/, as run/ is in a fresh clone. */
    static Path newRunRoot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "run-sh"));
            return Files.createTempDirectory(dir, name).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code ./run.sh --port port args...} in the background. */
    static RunScript start(Path runRoot, int port, String... args) {
        return start(runRoot, Map.of(), port, args);
    }

    /** The same with more environment (INFINERGI_IMAGES: another folder of images). */
    static RunScript start(Path runRoot, Map<String, String> env, int port, String... args) {
        List<String> command = new ArrayList<>(List.of(root().resolve("run.sh").toString(), "--port",
                String.valueOf(port)));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(runRoot, "run-sh-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                            Path.of("/dev/null").toFile()));
            pb.environment().put("INFINERGI_RUN_ROOT", runRoot.toString());
            pb.environment().put("INFINERGI_NO_BUILD", "1");
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().putAll(env);
            return new RunScript(pb.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What run.sh and the firmware printed so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM of the firmware (run.sh's child), -1 while there is none. */
    long firmwarePid() {
        return process.children().findFirst().map(ProcessHandle::pid).orElse(-1L);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The script's exit code, waiting at most {@code within} for it to end; throws when it still runs. */
    int exitCode(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("run.sh still runs after " + within + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until /api/status shows {@code state}; its status then. */
    JsonNode awaitState(String state) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(BOOT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> state.equals((last[0] = http.get("/api/status")).get("state").asText()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("expected state " + state + "; last status: " + last[0] + "; run.sh "
                    + (alive() ? "runs" : "ended") + "; output:\n" + output(), e);
        }
        return last[0];
    }

    /** Ctrl-C or kill of the script (SIGTERM): the firmware stops; waits for the script to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
