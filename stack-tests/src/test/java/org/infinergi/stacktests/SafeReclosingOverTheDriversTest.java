package org.infinergi.stacktests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.internal.ChargingCore;
import org.infinergi.core.charging.internal.CoreHarness;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.FakeBoardWiring;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.driver.pilot.internal.BoardSensorsDriver;
import org.infinergi.driver.pilot.internal.ConnectorLockDriver;
import org.infinergi.driver.pilot.internal.PilotAdc;
import org.infinergi.driver.pilot.internal.PilotConfig;
import org.infinergi.driver.pilot.internal.PilotDriver;
import org.infinergi.driver.pilot.internal.ProximityPilotDriver;
import org.infinergi.driver.pilot.internal.ResidualCurrentDriver;
import org.infinergi.sim.hw.SimBoard;
import org.infinergi.sim.internal.EvAction;
import org.infinergi.sim.internal.SimFault;
import org.infinergi.sim.internal.World;
import org.infinergi.sim.internal.WorldBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 "Safe re-closing", the real core over the real drivers on the sim's world (an untethered 3-phase box, as the
 * 3U-DR image): after V2 (DC leakage) with the leakage still injected, a reset is refused while the vehicle is
 * plugged in — as often as it is repeated — and the contactor never closes, no current flows. After an unplug the
 * reset is accepted; the next close comes only after a new RDC-DD self-test. The sim's leakage flows only with the
 * charging current (the RDC-DD cannot see it with the contactor open, {@code WorldPhysicsTest}), so that close trips
 * again at once and the charger is back to V2, latched, refusing resets until the next unplug.
 */
class SafeReclosingOverTheDriversTest {

    private final SimBoard board = new SimBoard();
    private final PilotConfig pilotConfig = Defaults.of(PilotConfig.class);
    private final PilotAdc adc = new PilotAdc(board.context(), () -> pilotConfig);
    private final PilotDriver driver = new PilotDriver(board.context(), adc, () -> pilotConfig);
    private final BoardSensorsDriver sensors = new BoardSensorsDriver(board.context(), adc, () -> pilotConfig);
    private final ProximityPilotDriver pp = new ProximityPilotDriver(adc, () -> pilotConfig);
    private final ConnectorLockDriver lock = new ConnectorLockDriver(board.context(), () -> pilotConfig);
    private final ResidualCurrentDriver rcd = new ResidualCurrentDriver(board.context(), () -> pilotConfig);
    private final World world = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3, false, 0.2);
    private final WorldBinding binding = new WorldBinding(board, world, new FakeBoardWiring());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final List<SessionRecord> stored = new CopyOnWriteArrayList<>();
    private final CoreHarness harness;
    private final ChargingCore core;
    /** World observations: the self-test current seen on since the last reset, and before the contactor closed. */
    private boolean testCurrentSeen;
    private boolean closedBeforeATest;

    SafeReclosingOverTheDriversTest() {
        Map<String, Object> config = new HashMap<>();
        config.put("installationComplete", true);
        config.put("chargingEnabled", true);
        config.put("wiringLimitA", 16);
        config.put("model", "INFINERGI-3U-DR");
        config.put("tethered", false);
        harness = new CoreHarness(driver, stored::add, clock, config);
        core = harness.core();
        harness.boardSensors(sensors);
        harness.proximityPilot(pp);
        harness.connectorLock(lock);
        harness.residualCurrentDevice(rcd);
    }

    @AfterEach
    void tearDown() {
        driver.deactivate();
        sensors.deactivate();
        lock.deactivate();
        rcd.deactivate();
        adc.deactivate();
        board.close();
    }

    private ChargerStatus cycles(int n) {
        for (int i = 0; i < n; i++) {
            binding.tick(0.05);
            clock.advanceMillis(50);
            harness.step();
            testCurrentSeen |= world.state().rcd().testCurrent();
            closedBeforeATest |= world.state().contactorCommanded() && !testCurrentSeen;
        }
        return core.status();
    }

    /** Runs {@code n} cycles; none may close the contactor or let current flow. */
    private ChargerStatus nothingFlows(int n, String why) {
        ChargerStatus s = core.status();
        for (int i = 0; i < n; i++) {
            s = cycles(1);
            assertFalse(world.state().contactorCommanded(), why + ": " + s);
            assertFalse(world.state().contactor(), why + ": " + s);
            assertEquals(0.0, world.state().evCurrentA(), why + ": " + s);
        }
        return s;
    }

    @Test
    void v2_leakageStays_resetsRefusedWhilePlugged_nothingFlows_aReCloseOnlyAfterUnplugResetAndASelfTest() {
        cycles(100);
        world.act(EvAction.CHARGE, 32.0, 3);
        assertEquals(ChargerState.CHARGING, cycles(60).state());
        world.setFault(SimFault.V2, null, true);
        ChargerStatus s = cycles(10);
        assertEquals("V2", s.error(), s.toString());
        double energy = world.state().evEnergyWh();

        for (int attempt = 0; attempt < 5; attempt++) {
            ChargerControl.Result r = core.attemptRecovery();
            assertFalse(r.accepted(), r.message());
            assertTrue(r.message().contains("disconnect the vehicle first"), r.message());
            s = nothingFlows(40, "reset " + attempt + " with the vehicle plugged in");
            assertEquals("V2", s.error(), s.toString());
        }
        assertEquals(energy, world.state().evEnergyWh(), 1e-9, "not one more watt-hour");

        world.act(EvAction.UNPLUG, null, null);
        cycles(20);
        testCurrentSeen = false;
        ChargerControl.Result r = core.attemptRecovery();
        assertTrue(r.accepted(), r.message());
        nothingFlows(10, "unplugged");

        world.act(EvAction.CHARGE, 32.0, 3);
        s = cycles(100);
        assertTrue(testCurrentSeen, "the RDC-DD was tested again");
        assertFalse(closedBeforeATest, "no close before the self-test");
        assertEquals("V2", s.error(), "the leakage is still there: tripped again " + s);
        assertFalse(world.state().contactor());
        assertFalse(core.attemptRecovery().accepted(), "latched again until the next unplug");
    }
}
