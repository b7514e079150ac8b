package org.infinergi.driver.pilot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotReading;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.sim.hw.SimBoard;
import org.infinergi.sim.internal.EvAction;
import org.infinergi.sim.internal.SimFault;
import org.infinergi.sim.internal.World;
import org.infinergi.sim.internal.WorldBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every physical cause the sim injects, seen through the real drivers exactly as the core will see it
 * (untethered 3-phase model, world stepped by hand, no sleeping): the sim never tells a code, the
 * readings change.
 */
class FaultsThroughDriversTest {

    private final SimBoard board = new SimBoard();
    private final PilotConfig config = Defaults.of(PilotConfig.class);
    private final PilotAdc adc = new PilotAdc(board.context(), () -> config);
    private final PilotDriver pilot = new PilotDriver(board.context(), adc, () -> config);
    private final ProximityPilotDriver pp = new ProximityPilotDriver(adc, () -> config);
    private final BoardSensorsDriver sensors = new BoardSensorsDriver(board.context(), adc, () -> config);
    private final ConnectorLockDriver lock = new ConnectorLockDriver(board.context(), () -> config);
    private final ResidualCurrentDriver rcd = new ResidualCurrentDriver(board.context(), () -> config);
    private final World world = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3, false, 0.2);
    private final WorldBinding binding = new WorldBinding(board, world, new BoardMapComponent(config));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final Pi4jIo meterIo = new Pi4jIo(board.context());
    private final MeterSampler meter = new MeterSampler(
            new Mcp3208Adc(meterIo.spi("test-meter-adc", "meter ADC", 0, 1, 1_000_000)), config, 3, clock);

    @AfterEach
    void tearDown() {
        pilot.deactivate();
        sensors.deactivate();
        lock.deactivate();
        rcd.deactivate();
        meterIo.close();
        adc.deactivate();
        board.close();
    }

    private void run(double seconds) {
        for (int i = 0; i < Math.round(seconds / 0.02); i++) {
            binding.tick(0.02);
        }
    }

    private MeterReading meterNow() {
        clock.advanceMillis(100);
        meter.sample();
        return meter.latest().orElseThrow();
    }

    /** A healthy session up to charging at 16 A: lock engaged, contactor closed. */
    private void charge16A() {
        pilot.setDutyCycle(16 / 0.6);
        world.act(EvAction.CHARGE, 32.0, 3);
        lock.setLocked(true);
        run(0.3);
        pilot.setContactor(true);
        run(0.1);
    }

    @Test
    void aHealthyBoardReadsHealthy() {
        binding.tick(0.02);
        assertTrue(sensors.earthPresent());
        assertFalse(sensors.phaseNeutralReversed());
        assertEquals(25.0, sensors.temperatureC(), 0.5);
        assertEquals(220.0, pp.resistanceOhm(), 3, "32 A cable in the socket");
        assertFalse(rcd.tripped());
        assertFalse(lock.lockedFeedback());

        rcd.setTestCurrent(true);
        binding.tick(0.02);
        assertTrue(rcd.tripped(), "the RDC-DD trips on its test current");
        rcd.setTestCurrent(false);
        binding.tick(0.02);
        assertFalse(rcd.tripped(), "and releases after it");

        lock.setLocked(true);
        run(0.1);
        assertFalse(lock.lockedFeedback(), "the actuator takes ≈ 200 ms");
        run(0.12);
        assertTrue(lock.lockedFeedback());

        charge16A();
        assertEquals(6.0, pilot.readPilot().positiveV(), 0.05);
        assertEquals(-12.0, pilot.readPilot().negativeV(), 0.05);
        assertTrue(pilot.contactorFeedback());
        assertEquals(16.0, meterNow().currentsA()[0], 0.05);
        assertFalse(rcd.tripped(), "no leakage");
    }

    @Test
    void i1EarthLostAndI2PhaseReversal() {
        world.setFault(SimFault.I1, null, true);
        world.setFault(SimFault.I2, null, true);
        binding.tick(0.02);
        assertFalse(sensors.earthPresent());
        assertTrue(sensors.phaseNeutralReversed());
        world.setFault(SimFault.I1, null, false);
        world.setFault(SimFault.I2, null, false);
        binding.tick(0.02);
        assertTrue(sensors.earthPresent());
        assertFalse(sensors.phaseNeutralReversed());
    }

    @Test
    void i3AndI4MainsVoltageOnTheMeter() {
        world.setFault(SimFault.I3, null, true);
        binding.tick(0.02);
        MeterReading r = meterNow();
        for (int p = 0; p < 3; p++) {
            assertEquals(180.0, r.voltagesV()[p], 0.1);
        }
        world.setFault(SimFault.I4, null, true);
        binding.tick(0.02);
        assertEquals(270.0, meterNow().voltagesV()[1], 0.1);
        world.setFault(SimFault.I4, null, false);
        binding.tick(0.02);
        assertEquals(230.0, meterNow().voltagesV()[2], 0.1, "I4 replaced I3: nominal again");
    }

    @Test
    void v1TheEvDraws140PercentOfTheOffer() {
        world.setFault(SimFault.V1, null, true);
        charge16A();
        assertEquals(16 * 1.4, meterNow().currentsA()[0], 0.05);
    }

    @Test
    void v2LeakageTripsTheRdcDdOnlyWhileCurrentFlows() {
        world.setFault(SimFault.V2, null, true);
        binding.tick(0.02);
        assertFalse(rcd.tripped(), "no current, no leakage");
        charge16A();
        assertTrue(rcd.tripped());
        pilot.setContactor(false);
        run(0.1);
        assertFalse(rcd.tripped(), "contactor open: the leak stops");
    }

    @Test
    void v3TheEvGoesToCWithoutAnyOffer() {
        pilot.setDutyCycle(100.0);
        world.setFault(SimFault.V3, null, true);
        world.act(EvAction.PLUG, null, null);
        run(0.1);
        assertEquals(6.0, pilot.readPilot().positiveV(), 0.05, "C at steady +12 V");
    }

    @Test
    void v4MissingDiodeAndPilotShort() {
        charge16A();
        world.setFault(SimFault.V4, "diode", true);
        binding.tick(0.02);
        PilotReading r = pilot.readPilot();
        assertEquals(6.0, r.positiveV(), 0.05);
        assertEquals(-6.0, r.negativeV(), 0.05, "no diode: the negative half-wave is loaded too");
        world.setFault(SimFault.V4, "short", true);
        binding.tick(0.02);
        r = pilot.readPilot();
        assertEquals(0.0, r.positiveV(), 0.05, "state E");
        assertEquals(0.0, r.negativeV(), 0.05);
        run(0.1);
        assertEquals(0.0, meterNow().currentsA()[0], 0.05, "the EV stops drawing without a pilot");
    }

    @Test
    void v5InvalidCableResistor() {
        world.setFault(SimFault.V5, null, true);
        binding.tick(0.02);
        assertEquals(10_000.0, pp.resistanceOhm(), 300);
        world.setFault(SimFault.V5, null, false);
        world.setCableResistance(680.0);
        binding.tick(0.02);
        assertEquals(680.0, pp.resistanceOhm(), 10, "20 A cable");
        world.setCableResistance(null);
        binding.tick(0.02);
        assertTrue(Double.isNaN(pp.resistanceOhm()), "no cable: PP open");
    }

    @Test
    void d3ThePilotAdcStopsAnswering() {
        world.setFault(SimFault.D3, null, true);
        binding.tick(0.02);
        assertTrue(Double.isNaN(pilot.readPilot().positiveV()));
        assertTrue(Double.isNaN(pp.resistanceOhm()));
        assertTrue(Double.isNaN(sensors.temperatureC()));
        world.setFault(SimFault.D3, null, false);
        binding.tick(0.02);
        assertEquals(12.0, pilot.readPilot().positiveV() + 24.0, 0.05, "F again (PWM off at activation)");
    }

    @Test
    void d4WeldedOrFailedContactor() {
        world.setFault(SimFault.D4, "welded", true);
        binding.tick(0.02);
        assertFalse(pilot.contactorCommanded());
        assertTrue(pilot.contactorFeedback(), "welded: closed while commanded open");
        world.setFault(SimFault.D4, "open", true);
        pilot.setContactor(true);
        run(0.2);
        assertFalse(pilot.contactorFeedback(), "failed: open while commanded closed");
    }

    @Test
    void d5TheLockIsStuck() {
        world.setFault(SimFault.D5, null, true);
        lock.setLocked(true);
        run(1.0);
        assertFalse(lock.lockedFeedback());
        world.setFault(SimFault.D5, null, false);
        run(0.22);
        assertTrue(lock.lockedFeedback());
    }

    @Test
    void d6TheRdcDdDoesNotTripOnItsTestCurrent() {
        world.setFault(SimFault.D6, null, true);
        rcd.setTestCurrent(true);
        run(0.1);
        assertFalse(rcd.tripped());
    }

    @Test
    void d7Overheating() {
        world.setTemperature(62.0);
        binding.tick(0.02);
        assertEquals(62.0, sensors.temperatureC(), 0.5);
        world.setFault(SimFault.D7, null, true);
        binding.tick(0.02);
        assertEquals(90.0, sensors.temperatureC(), 0.5);
        world.setFault(SimFault.D7, null, false);
        binding.tick(0.02);
        assertEquals(62.0, sensors.temperatureC(), 0.5);
    }
}
