package org.infinergi.stacktests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.pi4j.io.pwm.Pwm;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.internal.ChargingCore;
import org.infinergi.core.charging.internal.CoreHarness;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.FakeBoardWiring;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.driver.pilot.internal.PilotAdc;
import org.infinergi.driver.pilot.internal.PilotConfig;
import org.infinergi.driver.pilot.internal.PilotDriver;
import org.infinergi.sim.hw.SimBoard;
import org.infinergi.sim.internal.EvAction;
import org.infinergi.sim.internal.World;
import org.infinergi.sim.internal.WorldBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real charging core over the real pilot driver on pi4j's mock platform, with the sim's world (EV,
 * relay, simulated MCP3208) below it — stepped cycle by cycle with a clock the test moves: the duty cycle
 * and pin states the board would show in each pilot state.
 */
class CoreOverPilotDriverTest {

    private final SimBoard board = new SimBoard();
    private final PilotConfig pilotConfig = Defaults.of(PilotConfig.class);
    private final PilotDriver driver = new PilotDriver(board.context(), new PilotAdc(board.context(), () -> pilotConfig),
            () -> pilotConfig);
    private final World world = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3);
    private final WorldBinding binding = new WorldBinding(board, world, new FakeBoardWiring());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final List<SessionRecord> stored = new CopyOnWriteArrayList<>();
    private final CoreHarness harness;
    private final ChargingCore core;

    CoreOverPilotDriverTest() {
        Map<String, Object> config = new HashMap<>();
        config.put("installationComplete", true);
        config.put("chargingEnabled", true);
        config.put("wiringLimitA", 32);
        config.put("model", "INFINERGI-3T-DR");
        // This board has no RDC-DD or board sensor driver service here: the core may charge without them only
        // when told so (issue 3; on real images both stay required).
        config.put("requireRdcDd", false);
        config.put("requireBoardSensors", false);
        harness = new CoreHarness(driver, stored::add, clock, config);
        core = harness.core();
    }

    @AfterEach
    void tearDown() {
        driver.deactivate();
        board.close();
    }

    /** {@code n} control cycles of 50 ms, the world stepping alongside. */
    private ChargerStatus cycles(int n) {
        for (int i = 0; i < n; i++) {
            binding.tick(0.05);
            clock.advanceMillis(50);
            harness.step();
        }
        return core.status();
    }

    private Pwm pwm() {
        return board.pwm(18).orElseThrow();
    }

    private float dutyOnPin() {
        return pwm().isOn() ? pwm().getDutyCycle() : 0.0f;
    }

    private boolean contactorPin() {
        return board.digitalOutput(23).orElseThrow().isHigh();
    }

    @Test
    void dutyCycleAndPinsFollowThePilotStates() {
        // A: no vehicle — steady +12 V (100 %), contactor open.
        ChargerStatus s = cycles(10);
        assertEquals("A", world.state().evState());
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, s.state());
        assertEquals(100.0f, dutyOnPin(), 1e-3);
        assertEquals(1000, pwm().getFrequency());
        assertFalse(contactorPin());

        // B: vehicle connected — PWM offer for 32 A (53.3 %), contactor still open.
        world.act(EvAction.PLUG, 32.0, 3);
        s = cycles(10);
        assertEquals("B", world.state().evState());
        assertEquals(53.3f, dutyOnPin(), 0.05);
        assertEquals(1000, pwm().getFrequency());
        assertFalse(contactorPin());
        assertEquals(-12.0, world.state().pilotNegativeV(), "diode seen under PWM");

        // C: vehicle ready — contactor closes, relay feedback follows, the EV draws 32 A.
        world.act(EvAction.CHARGE, null, null);
        s = cycles(10);
        assertEquals("C", world.state().evState());
        assertEquals(ChargerState.CHARGING, s.state());
        assertTrue(contactorPin());
        assertEquals(53.3f, dutyOnPin(), 0.05);
        assertTrue(world.state().contactor());
        assertEquals(32.0, world.state().evCurrentA(), 0.5);

        // D: ventilation requested — infinergi pauses: PWM withdrawn, contactor open.
        world.act(EvAction.VENTILATION, null, null);
        s = cycles(10);
        assertEquals("D", world.state().evState());
        assertFalse(contactorPin());
        assertEquals(100.0f, dutyOnPin(), 1e-3);
        assertEquals(0.0, world.state().evCurrentA());

        // Back to C, then the EV finishes (B) and leaves (A).
        world.act(EvAction.CHARGE, null, null);
        cycles(10);
        assertTrue(contactorPin());
        world.act(EvAction.FULL, null, null);
        cycles(10);
        assertEquals("B", world.state().evState());
        assertFalse(contactorPin(), "C → B opens the contactor");
        world.act(EvAction.UNPLUG, null, null);
        s = cycles(10);
        assertEquals("A", world.state().evState());
        assertEquals(100.0f, dutyOnPin(), 1e-3);
        assertFalse(contactorPin());
    }

    @Test
    void statesEAndFAreSafe() {
        world.act(EvAction.CHARGE, 32.0, 3);
        cycles(10);
        assertTrue(contactorPin());

        // E: pilot shorted to PE — 0 V on both peak detectors.
        for (int i = 0; i < 10; i++) {
            board.adc(0, 0).setValue(0, 0.0, pilotConfig.pilotPositiveGain(), pilotConfig.pilotPositiveOffset());
            board.adc(0, 0).setValue(1, 0.0, pilotConfig.pilotNegativeGain(), pilotConfig.pilotNegativeOffset());
            clock.advanceMillis(50);
            harness.step();
        }
        assertFalse(contactorPin(), "E: contactor open");
        float d = dutyOnPin();
        assertTrue(d == 0.0f || d == 100.0f, "E: no offer, was " + d);

        // F: the line at −12 V.
        for (int i = 0; i < 10; i++) {
            board.adc(0, 0).setValue(0, -12.0, pilotConfig.pilotPositiveGain(), pilotConfig.pilotPositiveOffset());
            board.adc(0, 0).setValue(1, -12.0, pilotConfig.pilotNegativeGain(), pilotConfig.pilotNegativeOffset());
            clock.advanceMillis(50);
            harness.step();
        }
        assertFalse(contactorPin(), "F: contactor open");
        d = dutyOnPin();
        assertTrue(d == 0.0f || d == 100.0f, "F: no offer, was " + d);
    }
}
