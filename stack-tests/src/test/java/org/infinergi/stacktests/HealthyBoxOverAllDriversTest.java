package org.infinergi.stacktests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * The real charging core over every real driver (pilot, PP, lock, RDC-DD, board sensors) on an untethered
 * 3-phase model, the sim's world below: a healthy box charges (RDC-DD self-test passes, lock engages), and
 * injected physical causes surface as the manual's codes.
 */
class HealthyBoxOverAllDriversTest {

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

    HealthyBoxOverAllDriversTest() {
        Map<String, Object> config = new HashMap<>();
        config.put("installationComplete", true);
        config.put("chargingEnabled", true);
        config.put("wiringLimitA", 32);
        config.put("model", "INFINERGI-3U");
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
        }
        return core.status();
    }

    private ChargerStatus charge() {
        cycles(100);
        world.act(EvAction.CHARGE, 32.0, 3);
        return cycles(100);
    }

    @Test
    void aHealthyUntetheredBoxCharges() {
        ChargerStatus s = charge();
        assertNull(s.error(), s.toString());
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        assertTrue(world.state().lock().locked(), "plug locked while charging");
        assertTrue(world.state().contactor());
        assertEquals(32.0, world.state().evCurrentA(), 0.5);
        assertFalse(world.state().rcd().testCurrent(), "self-test over");

        world.act(EvAction.FULL, null, null);
        cycles(40);
        world.act(EvAction.UNPLUG, null, null);
        s = cycles(40);
        assertFalse(world.state().contactor());
        assertFalse(world.state().lock().locked(), "released after the contactor opened");
        assertNull(s.error(), s.toString());
    }

    private void assertRaises(SimFault fault, String code) {
        ChargerStatus s = charge();
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        world.setFault(fault, null, true);
        s = cycles(200);
        assertEquals(code, s.error(), s.toString());
        assertFalse(world.state().contactorCommanded(), "safe: contactor open");
    }

    @Test
    void v2LeakageDuringTheCharge() {
        assertRaises(SimFault.V2, "V2");
    }

    @Test
    void i1EarthLost() {
        assertRaises(SimFault.I1, "I1");
    }

    @Test
    void d7Overheating() {
        assertRaises(SimFault.D7, "D7");
    }

    @Test
    void d8PilotOscillatorStuck_unexpectedStatus_latchedUntilFixedAndReset() {
        cycles(100);
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, core.status().state());
        world.setFault(SimFault.D8, null, true);
        ChargerStatus s = cycles(40);
        assertEquals("D8", s.error(), s.toString());
        assertFalse(world.state().contactorCommanded(), "safe: contactor open");
        assertFalse(core.attemptRecovery().accepted(), "refused while the oscillator runs on");
        world.setFault(SimFault.D8, null, false);
        cycles(40);
        assertTrue(core.attemptRecovery().accepted());
        s = cycles(5);
        assertNull(s.error(), s.toString());
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, s.state());
    }

    @Test
    void d6SelfTestFails() {
        world.setFault(SimFault.D6, null, true);
        ChargerStatus s = charge();
        assertEquals("D6", s.error(), s.toString());
        assertFalse(world.state().contactorCommanded());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} → {2}")
    @org.junit.jupiter.params.provider.CsvSource({"I2, default, I2", "V4, diode, V4", "V4, short, V4", "V5, default, V5",
            "D3, default, D3", "D4, open, D4"})
    void duringTheChargeEachCauseIsDetectedSafely(SimFault fault, String variant, String code) {
        ChargerStatus s = charge();
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        world.setFault(fault, "default".equals(variant) ? null : variant, true);
        s = cycles(200);
        assertTrue(s.activeErrors().contains(code), s.toString());
        assertFalse(world.state().contactorCommanded(), "safe: contactor open");
        assertTrue(world.state().dutyCyclePct() == 0.0 || world.state().dutyCyclePct() == 100.0
                || !world.state().pwmOn(), "no offer");
    }

    /** The vehicle meter as the world measures it, for the causes the core reads from the meter. */
    private void meterFromTheWorld() {
        harness.vehicleMeter(() -> {
            double[] v = world.mainsVoltagesV();
            double[] i = world.phaseCurrentsA();
            double p = 0;
            for (int k = 0; k < 3; k++) {
                p += v[k] * i[k];
            }
            return java.util.Optional.of(new org.infinergi.core.charging.hal.MeterReading(clock.instant(), v, i, p,
                    world.state().evEnergyWh()));
        });
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} → {1}")
    @org.junit.jupiter.params.provider.CsvSource({"I3, I3", "I4, I4", "V1, V1"})
    void meterCausesDuringTheCharge(SimFault fault, String code) {
        meterFromTheWorld();
        ChargerStatus s = charge();
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        world.setFault(fault, null, true);
        s = cycles(200);
        assertTrue(s.activeErrors().contains(code), s.toString());
        assertFalse(world.state().contactorCommanded(), "safe: contactor open");
    }

    @Test
    void v3AVehicleThatIgnoresTheWithdrawnPwmIsStopped() {
        meterFromTheWorld();
        ChargerStatus s = charge();
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        world.setFault(SimFault.V3, null, true);
        core.pause();
        s = cycles(100);
        assertEquals("V3", s.error(), s.toString());
        assertFalse(world.state().contactorCommanded(), "the contactor stops what the vehicle would not");
        assertEquals(0.0, world.state().evCurrentA(), 1e-9);
    }

    @Test
    void aStuckLockIsD5AndNoCharge() {
        world.setFault(SimFault.D5, null, true);
        ChargerStatus s = charge();
        assertEquals("D5", s.error(), s.toString());
        assertFalse(world.state().contactorCommanded());
    }

    @Test
    void aWeldedContactorShowsWhenTheCoreOpensIt() {
        charge();
        world.setFault(SimFault.D4, "welded", true);
        world.act(EvAction.FULL, null, null);
        ChargerStatus s = cycles(200);
        assertTrue(s.activeErrors().contains("D4"), s.toString());
        assertFalse(world.state().contactorCommanded());
        assertTrue(world.state().contactor(), "still welded: feedback closed");
    }
}
