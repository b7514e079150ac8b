package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.SessionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2SessionStoreTest {

    @TempDir
    Path dir;

    static SessionRecord session(int i) {
        Instant start = Instant.parse("2026-11-25T10:00:00Z").plusSeconds(3600L * i);
        return new SessionRecord(0, start, start.plusSeconds(1800), 1000.0 * i, 7000 + i, ChargingMode.FAST,
                "VEHICLE_DISCONNECTED");
    }

    @Test
    void urlHasNoWriteDelay() {
        String url = H2SessionStore.url(Path.of("data/infinergi/history"));
        assertTrue(url.contains(";WRITE_DELAY=0"), url);
        assertTrue(url.startsWith("jdbc:h2:file:/"), "absolute path: " + url);
    }

    @Test
    void storesAndReadsNewestFirst_schemaCreationIsIdempotent() throws Exception {
        Path file = dir.resolve("sub/history");
        try (H2SessionStore store = new H2SessionStore(file)) {
            for (int i = 1; i <= 3; i++) {
                store.insert(session(i));
            }
        }
        try (H2SessionStore store = new H2SessionStore(file)) {
            store.open();
            store.open();
            List<SessionRecord> all = store.sessions(10);
            assertEquals(3, all.size());
            assertEquals(session(3).start(), all.get(0).start(), "newest first");
            assertEquals(3000.0, all.get(0).energyWh());
            assertEquals(7003.0, all.get(0).peakPowerW());
            assertEquals("VEHICLE_DISCONNECTED", all.get(0).endReason());
            assertEquals(ChargingMode.FAST, all.get(0).mode());
            assertTrue(all.get(0).id() > all.get(1).id());
            assertEquals(2, store.sessions(2).size());
        }
    }

    @Test
    void component_writesInTheBackground_andQueriesSeeEarlierWrites() {
        SessionStoreComponent c = new SessionStoreComponent(Map.of("databaseFile", dir.resolve("h").toString()));
        try {
            c.record(session(1));
            c.record(session(2));
            List<SessionRecord> all = c.sessions(10);
            assertEquals(2, all.size());
            assertEquals(session(2).start(), all.get(0).start());
        } finally {
            c.deactivate();
        }
    }

    @Test
    void component_rejectsABlankFile_andKeepsThePrevious() {
        SessionStoreComponent c = new SessionStoreComponent(Map.of("databaseFile", dir.resolve("h").toString()));
        try {
            c.record(session(1));
            c.modified(Map.of("databaseFile", " "));
            assertEquals(1, c.sessions(10).size());
        } finally {
            c.deactivate();
        }
    }
}
