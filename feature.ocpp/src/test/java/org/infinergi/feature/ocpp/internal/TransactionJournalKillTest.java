package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The journal across {@code kill -9}: a child JVM queues transaction messages as the client does (and delivers
 * some, so the file is compacted now and then), saying each thing it did once it is durable; it is killed (SIGKILL)
 * at once after a random number of them, four times over one file. After each kill every message it said it queued
 * and did not say it delivered is still queued, once, in the order queued. The kill may land in the one step the
 * child was taking and had not said yet: that step is either wholly there or wholly absent.
 */
class TransactionJournalKillTest {

    static final String QUEUED = "QUEUED ";
    static final String DELIVERED = "DELIVERED ";

    @TempDir
    Path dir;

    @Test
    void everyQueuedMessageSurvivesKillMinus9_onceAndInOrder() throws Exception {
        Path file = dir.resolve("journal");
        Random random = new Random(17);
        List<Integer> expected = new ArrayList<>();
        for (int kill = 0; kill < 4; kill++) {
            runAndKill(file, 50 + random.nextInt(400), expected, (kill + 1) * 100_000 + random.nextInt(100));
            TransactionJournal j = TransactionJournal.open(file);
            List<Integer> queued = new ArrayList<>(j.pending().stream().map(e -> e.payload().get("n").asInt())
                    .toList());
            j.close();
            List<Integer> said = new ArrayList<>(expected);
            if (queued.size() == said.size() + 1 && queued.subList(0, said.size()).equals(said)) {
                said.add(queued.get(queued.size() - 1)); // queued, killed before saying so
            } else if (queued.size() == said.size() - 1 && said.subList(1, said.size()).equals(queued)) {
                said.remove(0); // delivered, killed before saying so
            }
            assertEquals(said, queued, "what was said to be queued and not delivered, kill " + kill);
            expected.clear();
            expected.addAll(queued);
        }
    }

    /** Runs the child until it has said {@code lines} things, then SIGKILL; keeps {@code expected} up to date. */
    private static void runAndKill(Path file, int lines, List<Integer> expected, int first) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChildMain.class.getName(), file.toString(), Integer.toString(first))
                .redirectErrorStream(true).start();
        int said = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; said < lines && (line = out.readLine()) != null;) {
                said += follow(line, expected);
            }
            // SIGKILL at once after the last line read; through the handle, which leaves the pipes open
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            // what it said between that line and its death is in the pipe still
            for (String line; (line = out.readLine()) != null;) {
                follow(line, expected);
            }
        } finally {
            child.destroyForcibly();
        }
        assertTrue(said >= lines, "the child said its lines");
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
    }

    /** Applies one line of the child to what should be queued; 1 when it was a step, 0 otherwise. */
    private static int follow(String line, List<Integer> expected) {
        if (line.startsWith(QUEUED)) {
            expected.add(Integer.parseInt(line.substring(QUEUED.length()).trim()));
            return 1;
        }
        if (line.startsWith(DELIVERED)) {
            assertEquals(expected.remove(0), Integer.valueOf(line.substring(DELIVERED.length()).trim()),
                    "the child delivers the head");
            return 1;
        }
        return 0;
    }

    /** The child: queues forever, delivers as a connected client would; only the kill ends it. */
    public static final class ChildMain {
        public static void main(String[] args) throws Exception {
            TransactionJournal j = TransactionJournal.open(Path.of(args[0]));
            ObjectMapper json = new ObjectMapper();
            for (int n = Integer.parseInt(args[1]);; n++) {
                j.enqueue(TransactionJournal.METER_VALUES, 1, json.createObjectNode().put("n", n)
                        .put("pad", "x".repeat(200)));
                System.out.println(QUEUED + n);
                System.out.flush();
                // every third the head is answered; every hundredth the queue is drained (the file is then compacted)
                int deliveries = n % 100 == 0 ? j.size() : n % 3 == 0 ? 1 : 0;
                for (int d = 0; d < deliveries; d++) {
                    TransactionJournal.Entry head = j.head().orElseThrow();
                    j.delivered(head);
                    System.out.println(DELIVERED + head.payload().get("n").asInt());
                    System.out.flush();
                }
            }
        }
    }
}
