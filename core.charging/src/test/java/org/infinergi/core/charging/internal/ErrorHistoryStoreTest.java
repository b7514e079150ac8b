package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.ErrorRecord;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.FakeBoardSensors;
import org.infinergi.core.charging.testing.FakePilotHardware;
import org.infinergi.core.charging.testing.FakeResidualCurrentDevice;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.infinergi.core.charging.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable error history (manual §9.1): raised/cleared timestamps and detail in the H2 store. */
class ErrorHistoryStoreTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void store_raisedThenCleared_newestFirst_survivesReopen() throws Exception {
        Path file = dir.resolve("h");
        try (H2SessionStore store = new H2SessionStore(file)) {
            store.insertError(ErrorCode.V2, T, "DC leakage");
            store.insertError(ErrorCode.I3, T.plusSeconds(1), "180 V");
            assertEquals(1, store.clearError(ErrorCode.V2, T.plusSeconds(5)));
            assertEquals(0, store.clearError(ErrorCode.D4, T.plusSeconds(5)), "nothing open to clear");
        }
        try (H2SessionStore store = new H2SessionStore(file)) {
            List<ErrorRecord> all = store.errors(10);
            assertEquals(2, all.size());
            assertEquals(ErrorCode.I3, all.get(0).code());
            assertNull(all.get(0).cleared(), "still active");
            assertEquals(ErrorCode.V2, all.get(1).code());
            assertEquals(T, all.get(1).raised());
            assertEquals(T.plusSeconds(5), all.get(1).cleared());
            assertEquals("DC leakage", all.get(1).detail());
        }
    }

    /** The core writes the history through the store component, off its own thread. */
    @Test
    void coreWritesRaisedAndClearedThroughTheComponent() throws Exception {
        SessionStoreComponent store = new SessionStoreComponent(Map.of("databaseFile", dir.resolve("c").toString()));
        try {
            MutableClock clock = new MutableClock(T);
            FakePilotHardware pilot = new FakePilotHardware();
            FakeBoardSensors sensors = new FakeBoardSensors();
            ChargingCore core = new ChargingCore(pilot, store, new AvailabilityComponent(Map.of()),
                    new InstallationComponent(Rig.config()), new ChargingComponent(Map.of()),
                    new DeviceComponent(Map.of()), clock, Rig.config());
            core.boardSensors = sensors;
            core.residualCurrentDevice = new FakeResidualCurrentDevice();
            core.limitProviders.add(new FixedLimitProvider(16, "dlm"));
            core.step(); // asks the store which session the previous start left; the cycles hold until it answers
            // The store answers on one thread, in order: once this answer is there, the core's is too.
            store.leftRunning().get(10, java.util.concurrent.TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                clock.advanceMillis(50);
                core.step();
            }
            pilot.vehicle(PilotState.B);
            sensors.phaseNeutralReversed(true);
            clock.advanceMillis(50);
            core.step();
            Instant raised = clock.instant();
            sensors.phaseNeutralReversed(false);
            clock.advanceMillis(50);
            core.step();
            core.attemptRecovery();
            clock.advanceMillis(50);
            core.step();
            List<ErrorRecord> errors = store.errors(10);
            assertEquals(1, errors.size(), errors.toString());
            assertEquals(ErrorCode.I2, errors.get(0).code());
            assertEquals(raised, errors.get(0).raised());
            assertEquals(clock.instant(), errors.get(0).cleared());
        } finally {
            store.deactivate();
        }
    }
}
