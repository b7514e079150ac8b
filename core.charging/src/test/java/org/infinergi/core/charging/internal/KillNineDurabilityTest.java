package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.infinergi.core.charging.api.SessionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2: a finished session survives {@code kill -9} of the JVM. A child JVM stores a session, prints a marker
 * and waits; the test SIGKILLs it right after the marker (no shutdown hooks, no close) and reads the row back.
 */
class KillNineDurabilityTest {

    static final String MARKER = "STORED ";

    @TempDir
    Path dir;

    @Test
    void aStoredSessionSurvivesKillMinus9() throws Exception {
        Path file = dir.resolve("history");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChildMain.class.getName(), file.toString()).redirectErrorStream(true).start();
        String marker = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                if (line.startsWith(MARKER)) {
                    marker = line;
                    break;
                }
            }
            child.destroyForcibly(); // SIGKILL on Unix
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertNotNull(marker, "the child stored a session");
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        try (H2SessionStore store = new H2SessionStore(file)) {
            List<SessionRecord> all = store.sessions(10);
            assertEquals(1, all.size());
            assertEquals(Long.parseLong(marker.substring(MARKER.length()).trim()), all.get(0).id());
            assertEquals(H2SessionStoreTest.session(7).energyWh(), all.get(0).energyWh());
            assertEquals(H2SessionStoreTest.session(7).start(), all.get(0).start());
        }
    }

    /** The child: stores one session, prints the marker, then waits to be killed. */
    public static final class ChildMain {
        public static void main(String[] args) throws Exception {
            H2SessionStore store = new H2SessionStore(Path.of(args[0]));
            long id = store.insert(H2SessionStoreTest.session(7));
            System.out.println(MARKER + id);
            System.out.flush();
            new CountDownLatch(1).await(); // never closed: only the kill ends this JVM
        }
    }
}
