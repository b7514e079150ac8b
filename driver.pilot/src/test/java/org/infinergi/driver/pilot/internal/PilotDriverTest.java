package org.infinergi.driver.pilot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import com.pi4j.io.pwm.Pwm;

import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.hal.PilotReading;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.sim.hw.Mcp3208;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real driver on pi4j's mock platform, with a simulated MCP3208 answering its SPI frames. */
class PilotDriverTest {

    private final SimBoard board = new SimBoard();
    private final PilotConfig config = Defaults.of(PilotConfig.class);
    private final PilotAdc adc = new PilotAdc(board.context(), () -> config);
    private PilotDriver driver = new PilotDriver(board.context(), adc, () -> config);

    @AfterEach
    void tearDown() {
        driver.deactivate();
        board.close();
    }

    private Pwm pwm() {
        return board.pwm(18).orElseThrow();
    }

    private boolean contactorPin() {
        return board.digitalOutput(23).orElseThrow().isHigh();
    }

    @Test
    void activatesOnTheSafeSide() {
        assertFalse(pwm().isOn(), "PWM off = −12 V, state F");
        assertEquals(0.0, driver.dutyCycle());
        assertFalse(contactorPin());
        assertFalse(driver.contactorCommanded());
    }

    @Test
    void drivesThePilotPwmAtOneKilohertz() {
        driver.setDutyCycle(100.0);
        assertTrue(pwm().isOn());
        assertEquals(100.0f, pwm().getDutyCycle(), 1e-4, "steady +12 V");
        assertEquals(1000, pwm().getFrequency());

        driver.setDutyCycle(32 / 0.6);
        assertTrue(pwm().isOn());
        assertEquals(53.333f, pwm().getDutyCycle(), 1e-3, "32 A offer");
        assertEquals(1000, pwm().getFrequency());
        assertEquals(32 / 0.6, driver.dutyCycle(), 1e-9);

        driver.setDutyCycle(10.0);
        assertEquals(10.0f, pwm().getDutyCycle(), 1e-4, "6 A offer");

        driver.setDutyCycle(0.0);
        assertFalse(pwm().isOn(), "0 % = output off = steady −12 V (F)");
        assertEquals(0.0, driver.dutyCycle());

        driver.setDutyCycle(150.0);
        assertEquals(100.0f, pwm().getDutyCycle(), 1e-4, "clamped");
    }

    @ParameterizedTest(name = "state {0}: +{1} V / {2} V")
    @CsvSource({"A, 12, -12", "B, 9, -12", "C, 6, -12", "D, 3, -12", "E, 0, 0", "F, -12, -12"})
    void readsThePilotPlateausOfEveryState(PilotState state, double positiveV, double negativeV) {
        Mcp3208 adc = board.adc(0, 0);
        adc.setValue(0, positiveV, config.pilotPositiveGain(), config.pilotPositiveOffset());
        adc.setValue(1, negativeV, config.pilotNegativeGain(), config.pilotNegativeOffset());
        PilotReading r = driver.readPilot();
        assertEquals(positiveV, r.positiveV(), 0.01);
        assertEquals(negativeV, r.negativeV(), 0.01);
        assertEquals(Optional.of(state), PilotState.ofVolts(r.positiveV()));
    }

    @Test
    void aMissingAdcIsNoReading() {
        board.adc(0, 0).setAbsent(true);
        PilotReading r = driver.readPilot();
        assertTrue(Double.isNaN(r.positiveV()));
        assertTrue(PilotState.ofVolts(r.positiveV()).isEmpty());
        board.adc(0, 0).setAbsent(false);
        board.adc(0, 0).setValue(0, 9, config.pilotPositiveGain(), config.pilotPositiveOffset());
        assertEquals(9.0, driver.readPilot().positiveV(), 0.01);
    }

    @Test
    void switchesTheContactorAndReadsTheRelayFeedback() {
        driver.setContactor(true);
        assertTrue(contactorPin());
        assertTrue(driver.contactorCommanded());
        board.setInput(24, false);
        assertFalse(driver.contactorFeedback());
        board.setInput(24, true);
        assertTrue(driver.contactorFeedback());

        driver.setContactor(false);
        assertFalse(contactorPin());
        assertFalse(driver.contactorCommanded());
    }

    @Test
    void deactivationDrivesTheSafeSideAndFreesThePins() {
        driver.setDutyCycle(53.3);
        driver.setContactor(true);
        Pwm pwm = pwm();
        driver.deactivate();
        assertFalse(pwm.isOn());
        assertTrue(board.digitalOutput(23).isEmpty(), "pins released");
        driver = new PilotDriver(board.context(), adc, () -> config); // reactivation finds the ids free
        assertFalse(contactorPin());
    }

    @Test
    void thePinAndChannelMapIsConfiguration() {
        driver.deactivate();
        PilotConfig other = Defaults.of(PilotConfig.class, Map.of("pwmAddress", 13, "contactorAddress", 5,
                "feedbackAddress", 6, "feedbackActiveHigh", false, "pilotAdcBus", 1, "pilotAdcChipSelect", 2,
                "pilotPositiveChannel", 6, "pilotNegativeChannel", 7, "pilotPositiveGain", 0.01, "pilotPositiveOffset", -20.0));
        adc.deactivate();
        driver = new PilotDriver(board.context(), new PilotAdc(board.context(), () -> other), () -> other);
        driver.setDutyCycle(26.7);
        assertEquals(26.7f, board.pwm(13).orElseThrow().getDutyCycle(), 1e-4);
        driver.setContactor(true);
        assertTrue(board.digitalOutput(5).orElseThrow().isHigh());
        board.setInput(6, false);
        assertTrue(driver.contactorFeedback(), "active-low feedback");
        board.adc(1, 2).setValue(6, 6.0, 0.01, -20.0);
        board.adc(1, 2).setValue(7, -12.0, 0.0073260073, -15.0);
        assertEquals(6.0, driver.readPilot().positiveV(), 0.01);
        assertEquals(-12.0, driver.readPilot().negativeV(), 0.01);
    }

    @Test
    void rejectsAPwmFrequencyOutsideTheStandard() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PilotDriver(board.context(), adc, () -> Defaults.of(PilotConfig.class, Map.of("pwmFrequencyHz", 500))));
        assertTrue(e.getMessage().contains("pwmFrequencyHz"));
    }
}
