package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.SessionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a session the firmware has reported survives {@code kill -9}, and the ids of the history go up by one
 * across kills. A child JVM writes as the firmware does — through {@link SessionStoreComponent}, on its thread,
 * with sessions in progress and error episodes between the sessions — and prints a session's id only when the
 * store says it is durable (the moment the core tells Event Admin); the test SIGKILLs it after a random number of
 * sessions, several times over the same file, and reads every reported session back. The whole image under
 * {@code kill -9}: itest KillNineOnARunningImageTest and bench/durability.sh.
 */
class KillNineDurabilityTest {

    static final String MARKER = "STORED ";

    @TempDir
    Path dir;

    @Test
    void everyReportedSessionSurvivesKillMinus9_idsGoUpByOne() throws Exception {
        Path file = dir.resolve("history");
        Random random = new Random(15);
        List<Long> reported = new ArrayList<>();
        for (int kill = 0; kill < 4; kill++) {
            reported.addAll(runAndKill(file, 1 + random.nextInt(4)));
        }
        try (H2SessionStore store = new H2SessionStore(file)) {
            List<Long> ids = store.sessions(1000).stream().map(SessionRecord::id).sorted().toList();
            assertTrue(ids.containsAll(reported), "reported " + reported + ", stored " + ids);
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(i + 1, ids.get(i), "ids go up by one: " + ids);
            }
        }
    }

    /** Starts a child on {@code file}, kills it right after it reported {@code sessions} sessions; their ids. */
    private static List<Long> runAndKill(Path file, int sessions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChildMain.class.getName(), file.toString()).redirectErrorStream(true).start();
        List<Long> ids = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; ids.size() < sessions && (line = out.readLine()) != null;) {
                if (line.startsWith(MARKER)) {
                    ids.add(Long.parseLong(line.substring(MARKER.length()).trim()));
                }
            }
            child.destroyForcibly(); // SIGKILL on Unix, at once after the last report
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(sessions, ids.size(), "the child reported its sessions");
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        return ids;
    }

    /** The child: writes as the firmware does, forever; only the kill ends it. */
    public static final class ChildMain {
        public static void main(String[] args) throws Exception {
            SessionStoreComponent store = new SessionStoreComponent(Map.of("databaseFile", args[0]));
            Semaphore reported = new Semaphore(0);
            for (int i = 1;; i++) {
                SessionRecord s = H2SessionStoreTest.session(i);
                store.keepRunning(new RunningSession(new Session(s.start(), s.mode(), 0, i, 7000, true, null),
                        Instant.now(), false));
                store.errorRaised(ErrorCode.D3, Instant.now(), "board sensors gone");
                store.errorCleared(ErrorCode.D3, Instant.now());
                store.record(s, stored -> {
                    System.out.println(MARKER + stored.id());
                    System.out.flush();
                    reported.release();
                });
                // The next session only once this one is reported: the parent's kill then lands in its writes.
                reported.acquire();
            }
        }
    }
}
