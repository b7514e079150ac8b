package org.infinergi.driver.pilot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProviderImpl;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProviderImpl;

import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A plain image on a PC: the board's context is there but the kernel exposes none of its I/O. The pilot driver
 * stays registered on the safe side and says why it reads nothing; every other driver's activation names the
 * I/O it could not open.
 */
class BoardIoUnavailableTest {

    private static final String PREFIX = "board I/O not available: ";

    /** A context that can open nothing, as pi4j's Linux providers on a PC. */
    private final Context noBoard = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook().build();
    private final PilotConfig config = Defaults.of(PilotConfig.class);
    private final BoardMap map = () -> config;

    @AfterEach
    void shutdown() {
        noBoard.shutdown();
    }

    @Test
    void thePilotDriverRegistersAnywayAndEveryReadNamesWhatFailed() {
        PilotDriver driver = new PilotDriver(noBoard, new PilotAdc(noBoard, map), map);

        IllegalStateException e = assertThrows(IllegalStateException.class, driver::readPilot);
        assertTrue(e.getMessage().startsWith(PREFIX + "Contactor output GPIO 23: "), e.getMessage());
        driver.deactivate();
    }

    @Test
    void withoutItsPinsThePilotDriverOffersNoCurrentAndClosesNoContactor() {
        PilotDriver driver = new PilotDriver(noBoard, new PilotAdc(noBoard, map), map);

        assertEquals(0.0, driver.dutyCycle(), "state F, as after a normal activation");
        assertMessage(PREFIX + "Contactor output GPIO 23", () -> driver.setDutyCycle(53.3));
        assertMessage(PREFIX + "Contactor output GPIO 23", () -> driver.setContactor(true));
        assertFalse(driver.contactorCommanded());
        assertFalse(driver.contactorFeedback(), "no coil output opened: the contactor is open");
        assertEquals(0.0, driver.dutyCycle(), "a refused offer changes nothing");

        driver.setDutyCycle(100.0); // "no offer" and state F stay allowed: the core's safe side
        driver.setContactor(false);
        assertEquals(100.0, driver.dutyCycle());
        driver.deactivate();
    }

    @Test
    void aPinThatDidOpenIsReleasedOnTheSafeSideWhenAnotherCannot() {
        // GPIO but no PWM: the contactor output opens, the pilot PWM does not.
        Context gpioOnly = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook()
                .add(new MockDigitalInputProviderImpl(), new MockDigitalOutputProviderImpl()).build();
        try {
            PilotDriver driver = new PilotDriver(gpioOnly, new PilotAdc(noBoard, map), map);

            assertTrue(gpioOnly.registry().all().isEmpty(), "the contactor output was released (low)");
            assertMessage(PREFIX + "Control pilot PWM 18", driver::readPilot);
        } finally {
            gpioOnly.shutdown();
        }
    }

    @Test
    void aPilotAdcThatCannotBeOpenedFailsEveryConversionNamingTheChip() {
        PilotAdc adc = new PilotAdc(noBoard, map);

        Mcp3208Adc.AdcException e = assertThrows(Mcp3208Adc.AdcException.class, () -> adc.read(0));
        assertTrue(e.getMessage().startsWith(PREFIX + "pilot ADC on SPI bus 0 CS 0: "), e.getMessage());
        assertTrue(Double.isNaN(new ProximityPilotDriver(adc, map).resistanceOhm()), "no cable reading");
        adc.deactivate();
    }

    @Test
    void withItsPinsButNoAdcThePilotDriverNamesTheAdc() {
        try (SimBoard board = new SimBoard()) {
            PilotDriver driver = new PilotDriver(board.context(), new PilotAdc(noBoard, map), map);

            assertMessage(PREFIX + "pilot ADC on SPI bus 0 CS 0", driver::readPilot);
            driver.setDutyCycle(53.3); // its own pins work: the core still drives the safe side itself
            assertTrue(board.pwm(18).orElseThrow().isOn());
            driver.deactivate();
        }
    }

    @Test
    void theOtherDriversFailActivationNamingTheIoTheyCouldNotOpen() {
        PilotAdc adc = new PilotAdc(noBoard, map);

        assertMessage(PREFIX + "Earth monitor input GPIO 20", () -> new BoardSensorsDriver(noBoard, adc, map));
        assertMessage(PREFIX + "RDC-DD test current output GPIO 12", () -> new ResidualCurrentDriver(noBoard, map));
        assertMessage(PREFIX + "Lock feedback input GPIO 8", () -> new ConnectorLockDriver(noBoard, map));
        assertMessage(PREFIX + "vehicle meter ADC on SPI bus", () -> new VehicleMeter(noBoard, config, 3));
    }

    private static void assertMessage(String start, Executable action) {
        IllegalStateException e = assertThrows(IllegalStateException.class, action);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

}
