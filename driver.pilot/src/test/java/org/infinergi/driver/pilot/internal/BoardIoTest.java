package org.infinergi.driver.pilot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.sim.hw.Mcp3208;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PP, NTC, lock, RDC-DD and mains-supervision drivers on pi4j's mock platform and the simulated MCP3208. */
class BoardIoTest {

    private final SimBoard board = new SimBoard();
    private final PilotConfig config = Defaults.of(PilotConfig.class);
    private final Mcp3208 pilotAdc = board.adc(0, 0);
    private PilotAdc adc = new PilotAdc(board.context(), () -> config);
    private ProximityPilotDriver pp = new ProximityPilotDriver(adc, () -> config);
    private BoardSensorsDriver sensors = new BoardSensorsDriver(board.context(), adc, () -> config);
    private ConnectorLockDriver lock = new ConnectorLockDriver(board.context(), () -> config);
    private ResidualCurrentDriver rcd = new ResidualCurrentDriver(board.context(), () -> config);

    @AfterEach
    void tearDown() {
        sensors.deactivate();
        lock.deactivate();
        rcd.deactivate();
        adc.deactivate();
        board.close();
    }

    private static int dividerCounts(double bottomOhm, double topOhm) {
        return (int) Math.round(4095 * bottomOhm / (bottomOhm + topOhm));
    }

    private static double ntcOhm(double celsius) {
        return 10000 * Math.exp(3950 * (1 / (celsius + 273.15) - 1 / 298.15));
    }

    @ParameterizedTest(name = "{0} Ω")
    @ValueSource(doubles = {60, 100, 150, 220, 680, 1500, 2460, 4500, 10000})
    void readsTheCablesCodingResistorOnChannel2(double ohm) {
        pilotAdc.setCounts(2, dividerCounts(ohm, 1000));
        assertEquals(ohm, pp.resistanceOhm(), ohm * 0.015 + 1, "within ADC resolution");
    }

    @Test
    void ppOpenShortOrSilentAdcIsNoResistance() {
        pilotAdc.setCounts(2, 4095);
        assertTrue(Double.isNaN(pp.resistanceOhm()), "open: no cable / broken wire");
        pilotAdc.setCounts(2, 0);
        assertTrue(Double.isNaN(pp.resistanceOhm()), "dead short");
        pilotAdc.setCounts(2, dividerCounts(220, 1000));
        pilotAdc.setAbsent(true);
        assertTrue(Double.isNaN(pp.resistanceOhm()), "ADC silent");
        pilotAdc.setAbsent(false);
        assertEquals(220, pp.resistanceOhm(), 3);
    }

    @ParameterizedTest(name = "{0} °C")
    @ValueSource(doubles = {-20, 0, 25, 45, 60, 75, 90, 110})
    void readsTheEnclosureNtcByTheBetaModel(double celsius) {
        pilotAdc.setCounts(3, dividerCounts(ntcOhm(celsius), 10000));
        assertEquals(celsius, sensors.temperatureC(), 0.5);
    }

    @Test
    void ntcOpenShortOrSilentAdcIsNoTemperature() {
        pilotAdc.setCounts(3, 4095);
        assertTrue(Double.isNaN(sensors.temperatureC()), "sensor open");
        pilotAdc.setCounts(3, 0);
        assertTrue(Double.isNaN(sensors.temperatureC()), "sensor shorted");
        pilotAdc.setCounts(3, dividerCounts(ntcOhm(25), 10000));
        pilotAdc.setAbsent(true);
        assertTrue(Double.isNaN(sensors.temperatureC()), "ADC silent");
    }

    @Test
    void earthAndPhaseReversalInputs() {
        board.setInput(20, true);
        board.setInput(21, false);
        assertTrue(sensors.earthPresent());
        assertFalse(sensors.phaseNeutralReversed());
        board.setInput(20, false);
        board.setInput(21, true);
        assertFalse(sensors.earthPresent());
        assertTrue(sensors.phaseNeutralReversed());
    }

    @Test
    void lockOutputAndFeedback() {
        assertFalse(board.digitalOutput(25).orElseThrow().isHigh(), "starts released when the switch says released");
        lock.setLocked(true);
        assertTrue(board.digitalOutput(25).orElseThrow().isHigh());
        board.setInput(8, false);
        assertFalse(lock.lockedFeedback());
        board.setInput(8, true);
        assertTrue(lock.lockedFeedback());
        lock.setLocked(false);
        assertFalse(board.digitalOutput(25).orElseThrow().isHigh());
    }

    @Test
    void anActivatedLockDriverKeepsALockedPlugLocked() {
        // A fresh mock input reads low: with an active-low switch that is "locked".
        lock.deactivate();
        lock = new ConnectorLockDriver(board.context(), () -> Defaults.of(PilotConfig.class,
                Map.of("lockFeedbackActiveHigh", false)));
        assertTrue(lock.lockedFeedback());
        assertTrue(board.digitalOutput(25).orElseThrow().isHigh(), "the actuator starts where the plug is: locked");
    }

    @Test
    void rcdTestOutputAndTripInput() {
        assertFalse(board.digitalOutput(12).orElseThrow().isHigh(), "test current off at start");
        rcd.setTestCurrent(true);
        assertTrue(board.digitalOutput(12).orElseThrow().isHigh());
        board.setInput(16, true);
        assertTrue(rcd.tripped());
        board.setInput(16, false);
        assertFalse(rcd.tripped());
        var out = board.digitalOutput(12).orElseThrow();
        rcd.deactivate();
        assertFalse(out.isHigh(), "deactivation switches the test current off");
        rcd = new ResidualCurrentDriver(board.context(), () -> config);
    }

    @Test
    void pinsChannelsPolarityAndDividersAreConfiguration() {
        sensors.deactivate();
        lock.deactivate();
        rcd.deactivate();
        PilotConfig other = Defaults.of(PilotConfig.class, Map.ofEntries(Map.entry("ppChannel", 5),
                Map.entry("ppPullUpOhm", 330.0), Map.entry("ntcChannel", 6), Map.entry("ntcSeriesOhm", 4700.0),
                Map.entry("lockAddress", 26), Map.entry("lockFeedbackAddress", 27),
                Map.entry("lockFeedbackActiveHigh", false), Map.entry("rcdTestAddress", 4),
                Map.entry("rcdTripAddress", 17), Map.entry("rcdTripActiveHigh", false),
                Map.entry("earthMonitorAddress", 22), Map.entry("earthPresentActiveHigh", false),
                Map.entry("phaseReversalAddress", 3), Map.entry("phaseReversedActiveHigh", false)));
        pp = new ProximityPilotDriver(adc, () -> other);
        sensors = new BoardSensorsDriver(board.context(), adc, () -> other);
        lock = new ConnectorLockDriver(board.context(), () -> other);
        rcd = new ResidualCurrentDriver(board.context(), () -> other);

        pilotAdc.setCounts(5, dividerCounts(680, 330));
        assertEquals(680, pp.resistanceOhm(), 10);
        pilotAdc.setCounts(6, dividerCounts(ntcOhm(70), 4700));
        assertEquals(70, sensors.temperatureC(), 0.5);
        board.setInput(27, false);
        assertTrue(lock.lockedFeedback(), "active-low lock switch");
        lock.setLocked(false);
        assertFalse(board.digitalOutput(26).orElseThrow().isHigh());
        rcd.setTestCurrent(true);
        assertTrue(board.digitalOutput(4).orElseThrow().isHigh());
        board.setInput(17, true);
        assertFalse(rcd.tripped(), "active-low trip");
        board.setInput(22, false);
        assertTrue(sensors.earthPresent(), "active-low earth");
        board.setInput(3, true);
        assertFalse(sensors.phaseNeutralReversed(), "active-low reversal");
    }

    @Test
    void badDividerConfigurationFailsActivationNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ProximityPilotDriver(adc,
                () -> Defaults.of(PilotConfig.class, Map.of("ppChannel", 8))));
        assertTrue(e.getMessage().contains("ppChannel"));
        e = assertThrows(IllegalArgumentException.class, () -> new BoardSensorsDriver(board.context(), adc,
                () -> Defaults.of(PilotConfig.class, Map.of("ntcBeta", 0.0))));
        assertTrue(e.getMessage().contains("ntcBeta"));
    }

    @Test
    void betaModelRoundTripsAtTheReferencePoint() {
        assertEquals(25.0, AnalogFrontEnd.ntcCelsius(10000, 10000, 3950), 1e-9);
        assertTrue(Double.isNaN(AnalogFrontEnd.ntcCelsius(Double.NaN, 10000, 3950)));
        assertEquals(220.0, AnalogFrontEnd.bottomResistorOhm(737, 1000, 8), 1.0);
    }
}
