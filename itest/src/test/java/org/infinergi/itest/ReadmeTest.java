package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every {@code ```sh} block of README.md, line by line, as a reader types it (issue 15, "README"): {@code ./run.sh ...}
 * starts the simulated charger (a running one is stopped first, as the README says), {@code ./test.sh} is skipped (it
 * is what runs this test), every other line runs in bash and must succeed. A GET's comment is its expectation: each
 * upper-case word (a state, an error code) must be a value in the answer ("A or B" in the comment: one of them), and
 * {@code name > n} or {@code name = true|false} must hold for the first {@code name} in it; the line is repeated until it holds (a reader who
 * looks again), for at most {@link #EXPECTATION}. So the README cannot drift from the firmware.
 */
public class ReadmeTest {

    /** Long enough for the README's slowest expectation: D9 after meterStaleMs (60 s). */
    private static final Duration EXPECTATION = Duration.ofSeconds(120);
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```");
    private static final Pattern VALUE = Pattern.compile("\\b[A-Z][A-Z0-9_]*[A-Z0-9]\\b");
    private static final Pattern GREATER = Pattern.compile("\\b([a-zA-Z]+) > (-?[0-9.]+)");
    private static final Pattern EQUALS = Pattern.compile("\\b([a-z][a-zA-Z]*) = (true|false)\\b");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path runRoot = RunScript.newRunRoot("readme");
    private final int port = Images.freePort();
    private RunScript charger;
    private int linesRun;

    @Test
    public void everyShellBlockOfTheReadmeRunsAsWritten() throws IOException {
        String readme = Files.readString(RunScript.root().resolve("README.md"), StandardCharsets.UTF_8);
        Path work = Files.createDirectories(runRoot.resolve("work"));
        // The README's update example uploads the reader's signed-bundle.jar: here an unsigned bundle of this build.
        Files.copy(bundleJar(), work.resolve("signed-bundle.jar"));
        Matcher blocks = BLOCK.matcher(readme);
        int count = 0;
        try {
            while (blocks.find()) {
                count++;
                for (String line : blocks.group(1).split("\n")) {
                    if (!line.isBlank() && !line.trim().startsWith("#")) {
                        runLine(line, work);
                    }
                }
            }
        } finally {
            if (charger != null) {
                charger.close();
            }
            RunScript.delete(runRoot);
        }
        assertTrue("README.md has its shell blocks", count >= 5);
        assertTrue(linesRun > 20);
    }

    private void runLine(String line, Path work) {
        int hash = commentStart(line);
        String command = line.substring(0, hash).trim().replace("localhost:8181", "localhost:" + port)
                .replace("/tmp/", work.resolve("tmp") + "/");
        String comment = hash < line.length() ? line.substring(hash + 1).trim() : "";
        linesRun++;
        if (command.equals("./test.sh")) {
            return;
        }
        int runSh = command.indexOf("./run.sh");
        if (runSh >= 0) {
            String before = command.substring(0, runSh).trim().replaceAll("&&$", "").trim();
            if (!before.isEmpty()) {
                bash(before, work, line);
            }
            start(command.substring(runSh + "./run.sh".length()).trim(), line);
            return;
        }
        if (command.startsWith("curl") && !command.contains("-XPOST") && !comment.isBlank()) {
            expect(command, comment, work, line);
            return;
        }
        bash(command, work, line);
    }

    /** Where a line's comment starts: the first " #" outside single quotes (bash's rule); else its length. */
    private static int commentStart(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '#' && !quoted && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
                return i;
            }
        }
        return line.length();
    }

    private void start(String args, String line) {
        if (charger != null) {
            charger.close();
        }
        List<String> argv = args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+"));
        charger = RunScript.start(runRoot, port, argv.toArray(String[]::new));
        RunScript running = charger;
        await().atMost(RunScript.BOOT).pollInterval(Duration.ofMillis(300))
                .until(() -> !running.alive() || running.http.answers("/api/status"));
        assertTrue("README line: " + line + "\n" + running.output(), running.alive());
    }

    /** Repeats a GET until its answer shows what its comment says. */
    private void expect(String command, String comment, Path work, String line) {
        List<String> values = new ArrayList<>();
        Matcher v = VALUE.matcher(comment);
        while (v.find()) {
            values.add(v.group());
        }
        boolean anyOf = comment.contains(" or ");
        String[] last = {""};
        try {
            await().atMost(EXPECTATION).pollInterval(Duration.ofMillis(500)).until(() -> {
                last[0] = run(command, work).output();
                return shows(last[0], values, anyOf, comment);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("README line: " + line + "\nexpected " + values + (anyOf ? " (one of)" : "")
                    + " and " + comment + "\nlast answer: " + last[0] + "\n" + diagnostics(work), e);
        }
    }

    /** What the charger shows besides, for the message of a failed expectation. */
    private String diagnostics(Path work) {
        StringBuilder b = new StringBuilder();
        for (String path : List.of("/api/status", "/api/errors", "/api/auth", "/api/sim/card", "/api/sim")) {
            b.append("GET ").append(path).append(": ")
                    .append(run("curl -s -u " + Http.ADMIN + ":" + Http.ADMIN_PASSWORD + " localhost:" + port + path, work)
                            .output()).append('\n');
        }
        return b.append(charger == null ? "" : charger.output()).toString();
    }

    private boolean shows(String answer, List<String> values, boolean anyOf, String comment) {
        JsonNode json;
        try {
            json = mapper.readTree(answer);
        } catch (IOException e) {
            return false;
        }
        List<String> found = values.stream().filter(value -> containsValue(json, value)).toList();
        boolean valuesHold = anyOf ? !found.isEmpty() || values.isEmpty() : found.size() == values.size();
        Matcher e = EQUALS.matcher(comment);
        while (e.find()) {
            JsonNode flag = json.findValue(e.group(1));
            if (flag == null || !flag.isBoolean() || flag.asBoolean() != Boolean.parseBoolean(e.group(2))) {
                return false;
            }
        }
        Matcher g = GREATER.matcher(comment);
        while (g.find()) {
            JsonNode number = json.findValue(g.group(1));
            if (number == null || !number.isNumber() || number.asDouble() <= Double.parseDouble(g.group(2))) {
                return false;
            }
        }
        return valuesHold;
    }

    private static boolean containsValue(JsonNode json, String value) {
        if (json.isTextual()) {
            return json.asText().equals(value);
        }
        for (JsonNode child : json) {
            if (containsValue(child, value)) {
                return true;
            }
        }
        return false;
    }

    /** Runs one line in bash in the work folder; its output; fails the test when it fails. */
    private static String bash(String command, Path work, String line) {
        Result result = run(command, work);
        assertEquals("README line failed: " + line + "\n" + result.output(), 0, result.exitCode());
        return result.output();
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs one line in bash in the work folder, at most 60 s. */
    private static Result run(String command, Path work) {
        try {
            Process p = new ProcessBuilder("timeout", "60", "bash", "-c", command).directory(work.toFile())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue("still runs after 60 s: " + command, p.waitFor(70, TimeUnit.SECONDS));
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bundle jar of this build (feature.web's). */
    private static Path bundleJar() throws IOException {
        try (Stream<Path> jars = Files.list(RunScript.root().resolve("feature.web/target"))) {
            Path jar = jars.filter(p -> p.getFileName().toString().matches("org\\.infinergi\\.feature\\.web-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("sources"))
                    .findFirst().orElseThrow(() -> new AssertionError("no feature.web jar: build it first"));
            assertFalse(jar.toString().isEmpty());
            return jar;
        }
    }
}
