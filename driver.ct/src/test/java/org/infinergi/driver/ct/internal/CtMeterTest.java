package org.infinergi.driver.ct.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import java.time.Duration;

import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.SelectedMeter;
import org.infinergi.core.charging.testing.DataArea;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.sim.hw.Mcp3208;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wired CTs on the simulated CT MCP3208 carrying sine waves (the sim's own chip, real SPI frames): the RMS,
 * direction and scaling the grid reading shows, time driven by a clock the test moves (no sleeping).
 */
class CtMeterTest {

    private final SimBoard board = new SimBoard();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-21T12:00:00Z"));
    /** The sampling time base, shared by the simulated chip: pacing moves it instead of sleeping. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private CtMeter meter;

    private CtConfig config(Map<String, Object> overrides) {
        return Defaults.of(CtConfig.class, overrides);
    }

    private CtMeter meter(CtConfig c, int phases) {
        Mcp3208 chip = board.adc(c.adcBus(), c.adcChipSelect());
        chip.setClock(nanos::get);
        meter = new CtMeter(board.context(), c, phases, nanos::get, nanos::addAndGet, clock, false);
        return meter;
    }

    /** The grid current on each phase, signed (+ into the house, − back to the grid), at 230 V, 120° apart. */
    private void grid(CtConfig c, double... amps) {
        Mcp3208 chip = board.adc(c.adcBus(), c.adcChipSelect());
        int[] ct = {c.ct1Channel(), c.ct2Channel(), c.ct3Channel()};
        int[] volt = {c.voltageL1Channel(), c.voltageL2Channel(), c.voltageL3Channel()};
        for (int p = 0; p < 3; p++) {
            double phase = -2 * Math.PI * p / 3;
            chip.setSine(volt[p], 230, phase, 50, c.voltageGain(), c.voltageOffset());
            chip.setSine(ct[p], p < amps.length ? amps[p] : 0, phase, 50, c.ctGain(), c.ctOffset());
        }
    }

    @AfterEach
    void tearDown() {
        if (meter != null) {
            meter.deactivate();
        }
        board.close();
    }

    /** The core's answer to gridMeter=CT. */
    private static final SelectedMeter GRID_CT = new SelectedMeter() {
        @Override
        public String role() {
            return "GRID";
        }

        @Override
        public String source() {
            return "CT";
        }
    };

    @Test
    void theCtsMeasureOnlyWhileTheCoreSelectsThemAsTheGridMeter() {
        CtConfig c = config(Map.of());
        Mcp3208 chip = board.adc(c.adcBus(), c.adcChipSelect());
        chip.setClock(nanos::get);
        meter = new CtMeter(board.context(), c, 3, nanos::get, nanos::addAndGet, clock, true);
        grid(c, 10.0, 10.0, 10.0);

        assertFalse(meter.measuring(), "gridMeter NONE (no selection): no ADC conversion, no thread time");
        assertTrue(meter.latest().isEmpty());

        meter.selected(GRID_CT);
        assertTrue(meter.measuring());
        await("a measurement once selected").atMost(Duration.ofSeconds(10)).until(() -> meter.latest().isPresent());
        assertEquals(230 * 30.0, meter.latest().orElseThrow().powerW(), 90);

        meter.deselected(GRID_CT);
        assertFalse(meter.measuring(), "another grid meter selected: the CTs rest");
        assertTrue(meter.latest().isEmpty(), "a resting CT's last reading is not the grid's");
    }

    @Test
    void eachPhaseReadsImportPlusOrExportMinus_andTheTotal() {
        CtConfig c = config(Map.of());
        CtMeter m = meter(c, 3);
        grid(c, 12.0, -8.0, 0.5);

        m.measure();
        MeterReading r = m.latest().orElseThrow();

        assertEquals(12.0, r.currentsA()[0], 0.1);
        assertEquals(-8.0, r.currentsA()[1], 0.1);
        assertEquals(0.5, r.currentsA()[2], 0.1);
        assertEquals(230.0, r.voltagesV()[1], 0.5);
        assertEquals(230 * 12.0, r.phasePowersW()[0], 30);
        assertEquals(-230 * 8.0, r.phasePowersW()[1], 30);
        assertEquals(230 * (12.0 - 8.0 + 0.5), r.powerW(), 60);
        assertTrue(Double.isNaN(r.energyWh()), "the CTs count no energy");
        assertEquals(clock.instant(), r.at());
    }

    @Test
    void aHundredAmperesIsReadAtFullRange() {
        CtConfig c = config(Map.of());
        CtMeter m = meter(c, 3);
        grid(c, 100.0, -100.0, 63.0);
        m.measure();
        MeterReading r = m.latest().orElseThrow();
        assertEquals(100.0, r.currentsA()[0], 0.3);
        assertEquals(-100.0, r.currentsA()[1], 0.3);
        assertEquals(63.0, r.currentsA()[2], 0.3);
    }

    @Test
    void aCtWhoseArrowIsInvertedInTheConfiguration_stillReadsImportPositive() {
        // Manual §4.6: a CT on the neutral must have its arrow inverted; the physical current through it is reversed.
        CtConfig c = config(Map.of("ct2Inverted", true));
        CtMeter m = meter(c, 3);
        grid(c, 10.0, -6.0, 0);
        m.measure();
        double[] normal = m.latest().orElseThrow().currentsA();
        assertEquals(-10.0 * -1, normal[0], 0.1);
        assertEquals(6.0, normal[1], 0.1, "the inverted CT2 sees −6 A flowing against its arrow: import of 6 A");
    }

    @Test
    void aSinglePhaseModelReadsCt1Only() {
        CtConfig c = config(Map.of());
        CtMeter m = meter(c, 1);
        grid(c, -4.0, 30.0, 30.0);
        m.measure();
        MeterReading r = m.latest().orElseThrow();
        assertEquals(1, r.currentsA().length);
        assertEquals(-4.0, r.currentsA()[0], 0.1);
        assertEquals(-920.0, r.powerW(), 15);
    }

    @Test
    void anOldMeasurementIsNoReading_neitherIsAFailedAdc() {
        CtConfig c = config(Map.of("staleAfterMs", 3000));
        CtMeter m = meter(c, 3);
        grid(c, 5, 5, 5);
        m.measure();
        clock.advanceMillis(3000);
        assertTrue(m.latest().isPresent());
        clock.advanceMillis(1);
        assertTrue(m.latest().isEmpty(), "stale: not the last good value");

        m.measure();
        assertTrue(m.latest().isPresent());
        board.adc(c.adcBus(), c.adcChipSelect()).setAbsent(true);
        m.measure();
        assertTrue(m.latest().isEmpty(), "the ADC stopped answering");
    }

    @Test
    void phasesOtherThanOneOrThreeAreRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> meter(config(Map.of("phases", 2)), 3));
        assertTrue(e.getMessage().contains("org.infinergi.driver.ct phases"), e.getMessage());
    }

    @Test
    void theWiringTellsTheSimulatedBoardWhereTheCtsAre() {
        CtMapComponent map = new CtMapComponent(Map.of("ct1Channel", "6"), DataArea.none());
        assertEquals(6, map.currents().get(0).channel());
        assertEquals(2, map.currents().get(0).chipSelect());
        assertEquals(1, map.voltages().get(2).bus());
        assertArrayEquals(new int[] {3, 4, 5}, map.voltages().stream().mapToInt(a -> a.channel()).toArray());
    }
}
