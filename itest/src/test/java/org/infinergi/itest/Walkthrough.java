package org.infinergi.itest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs one scenario of a browser walkthrough script of {@code src/test/browser} (playwright-core driving Debian's
 * chromium) with node, inside the container: what the script saw, one JSON object a line, or an AssertionError with
 * its stderr and what it saw when it failed or did not end in time.
 */
final class Walkthrough {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Walkthrough() {
    }

    /**
     * @param dir the scripts' folder (with their node_modules)
     * @param out where the script writes screenshots; its output goes to {@code name.jsonl} and {@code name.stderr.txt}
     * @param args the script and its arguments
     */
    static List<JsonNode> run(File dir, File out, String name, long minutes, List<String> args) {
        File stdout = new File(out, name + ".jsonl");
        File stderr = new File(out, name + ".stderr.txt");
        out.mkdirs();
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(args);
        try {
            Process node = new ProcessBuilder(command).directory(dir).redirectOutput(stdout).redirectError(stderr)
                    .start();
            if (!node.waitFor(minutes, TimeUnit.MINUTES)) {
                node.destroyForcibly();
                throw new AssertionError("the " + name + " walkthrough did not end in " + minutes + " min; it saw "
                        + read(stdout));
            }
            if (node.exitValue() != 0) {
                throw new AssertionError("the " + name + " walkthrough: " + read(stderr) + "\nit saw: " + read(stdout)
                        + " expected:<0> but was:<" + node.exitValue() + ">");
            }
            List<JsonNode> seen = new ArrayList<>();
            for (String line : read(stdout).split("\n")) {
                if (!line.isBlank()) {
                    seen.add(JSON.readTree(line));
                }
            }
            return seen;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first thing the walkthrough saw at {@code step}. */
    static JsonNode step(List<JsonNode> seen, String step) {
        return seen.stream().filter(n -> step.equals(n.path("step").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("the walkthrough saw no " + step + ": " + seen));
    }

    private static String read(File f) throws IOException {
        return f.isFile() ? Files.readString(f.toPath(), StandardCharsets.UTF_8) : "";
    }
}
