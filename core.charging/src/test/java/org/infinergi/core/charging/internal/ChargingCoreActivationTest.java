package org.infinergi.core.charging.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.testing.FakeBoardSensors;
import org.infinergi.core.charging.testing.FakePilotHardware;
import org.infinergi.core.charging.testing.FakeResidualCurrentDevice;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;

/** The DS lifecycle: activate starts the loop on its own thread and returns; deactivate stops it safely. */
class ChargingCoreActivationTest {

    @Test
    void activateRunsTheLoop_deactivateDrivesTheSafeSide() {
        FakePilotHardware pilot = new FakePilotHardware();
        List<SessionRecord> stored = new CopyOnWriteArrayList<>();
        Map<String, Object> config = Rig.config("loopPeriodMs", 10);
        ChargingCore core = new ChargingCore(pilot, stored::add, new AvailabilityComponent(Map.of()),
                new InstallationComponent(config), new ChargingComponent(config), new DeviceComponent(config), config);
        try {
            core.boardSensors = new FakeBoardSensors();
            core.residualCurrentDevice = new FakeResidualCurrentDevice();
            core.limitProviders.add(new FixedLimitProvider(16, "test"));
            assertFalse(loopThreadAlive(), "the constructor starts nothing: the loop waits for every reference");
            core.activate();
            pilot.vehicle(PilotState.B);
            await().atMost(Duration.ofSeconds(5)).until(() -> core.status().state() == ChargerState.WAITING_FOR_CURRENT);
            pilot.vehicle(PilotState.C);
            await().atMost(Duration.ofSeconds(5)).until(pilot::contactorCommanded);
            assertEquals(26.7, pilot.dutyCycle(), 0.05);
            // A reconfiguration of the period keeps the charge running.
            core.modified(Rig.config("loopPeriodMs", 20));
            assertTrue(pilot.contactorCommanded());
        } finally {
            core.deactivate();
        }
        assertFalse(pilot.contactorCommanded());
        assertEquals(100.0, pilot.dutyCycle());
        assertEquals(1, stored.size());
        assertFalse(loopThreadAlive(), "loop thread ended");
    }

    private static boolean loopThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("infinergi-charging-core") && t.isAlive());
    }
}
