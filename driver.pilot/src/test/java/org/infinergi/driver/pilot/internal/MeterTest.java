package org.infinergi.driver.pilot.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.sim.hw.Mcp3208;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The internal vehicle meter on the simulated metering MCP3208, time driven by a clock the test moves. */
class MeterTest {

    private final SimBoard board = new SimBoard();
    private final PilotConfig config = Defaults.of(PilotConfig.class);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final Pi4jIo io = new Pi4jIo(board.context());
    private final Mcp3208Adc adc = new Mcp3208Adc(io.spi("test-meter-adc", "meter ADC", 0, 1, 1_000_000));
    private final Mcp3208 chip = board.adc(0, 1);

    @AfterEach
    void tearDown() {
        io.close();
        board.close();
    }

    private void apply(double volts, double amps, int phases) {
        for (int p = 0; p < 3; p++) {
            chip.setValue(p, volts, config.meterVoltageGain(), 0);
            chip.setValue(3 + p, p < phases ? amps : 0.0, config.meterCurrentGain(), 0);
        }
    }

    private void run(MeterSampler s, double seconds) {
        for (int i = 0; i < Math.round(seconds * 10); i++) {
            clock.advanceMillis(100);
            s.sample();
        }
    }

    @Test
    void readsVoltagesCurrentsAndPowerPerPhase() {
        MeterSampler s = new MeterSampler(adc, config, 3, clock);
        apply(230, 16, 3);
        s.sample();
        MeterReading r = s.latest().orElseThrow();
        assertEquals(3, r.voltagesV().length);
        assertEquals(230.0, r.voltagesV()[2], 0.05);
        assertEquals(16.0, r.currentsA()[1], 0.01);
        assertEquals(3 * 230 * 16.0, r.powerW(), 3 * 16 * 0.05 + 3 * 230 * 0.01);
    }

    @Test
    void integratesEnergyMonotonically() {
        MeterSampler s = new MeterSampler(adc, config, 3, clock);
        apply(230, 16, 3);
        s.sample();
        run(s, 36);
        double expected = 3 * 230 * 16 * 36 / 3600.0; // 110.4 Wh
        assertEquals(expected, s.latest().orElseThrow().energyWh(), expected * 0.005);

        double before = s.latest().orElseThrow().energyWh();
        apply(230, 0, 3);
        run(s, 5);
        double after = s.latest().orElseThrow().energyWh();
        assertTrue(after >= before, "monotonic");
        assertEquals(before, after, 3 * 230 * 16 * 0.05 / 3600.0 + 1e-9, "only the ramp-down half-sample");
    }

    /** Idle CPU budget: no current on any phase → the idle period; current, or no reading at all → the full pace. */
    @Test
    void theMeterSamplesAtItsIdlePeriodOnlyWhileNoPhaseCarriesCurrent() {
        MeterSampler s = new MeterSampler(adc, config, 3, clock);
        assertTrue(s.carrying(), "no sample yet: full pace");

        apply(230, 0, 3);
        s.sample();
        assertFalse(s.carrying(), "mains present, no vehicle drawing");
        assertEquals(500, VehicleMeter.nextSampleMs(s.carrying(), config.meterSamplePeriodMs(),
                config.meterIdleSamplePeriodMs()));
        assertEquals(230.0, s.latest().orElseThrow().voltagesV()[0], 0.05, "the mains voltage still judged (I3/I4)");

        apply(230, 6, 1);
        clock.advanceMillis(500);
        s.sample();
        assertTrue(s.carrying(), "a vehicle draws 6 A on L1");
        assertEquals(100, VehicleMeter.nextSampleMs(s.carrying(), config.meterSamplePeriodMs(),
                config.meterIdleSamplePeriodMs()));
        assertEquals(230 * 6 * 0.5 / 2 / 3600.0, s.latest().orElseThrow().energyWh(), 0.01,
                "the idle interval counts half the new power");
    }

    @Test
    void singlePhaseMetersOnePhase() {
        MeterSampler s = new MeterSampler(adc, config, 1, clock);
        apply(230, 32, 3);
        s.sample();
        MeterReading r = s.latest().orElseThrow();
        assertEquals(1, r.currentsA().length);
        assertEquals(230 * 32.0, r.powerW(), 230 * 0.02 + 32 * 0.1);
    }

    @Test
    void staleOrFailedIsEmpty() {
        MeterSampler s = new MeterSampler(adc, config, 3, clock);
        assertTrue(s.latest().isEmpty(), "nothing sampled yet");
        apply(230, 16, 3);
        s.sample();
        clock.advance(Duration.ofMillis(2000));
        assertTrue(s.latest().isPresent(), "2 s old is still fresh");
        clock.advance(Duration.ofMillis(1));
        assertTrue(s.latest().isEmpty(), "older than 2 s is stale");

        s.sample();
        assertTrue(s.latest().isPresent());
        chip.setAbsent(true);
        clock.advanceMillis(100);
        s.sample();
        assertTrue(s.latest().isEmpty(), "ADC failed");
        chip.setAbsent(false);
        clock.advanceMillis(100);
        s.sample();
        assertTrue(s.latest().isPresent());
    }

    @Test
    void noEnergyIsInventedAcrossAnOutage() {
        MeterSampler s = new MeterSampler(adc, config, 3, clock);
        apply(230, 16, 3);
        s.sample();
        double e0 = s.latest().orElseThrow().energyWh();
        chip.setAbsent(true);
        run(s, 10);
        chip.setAbsent(false);
        clock.advanceMillis(100);
        s.sample();
        assertEquals(e0, s.latest().orElseThrow().energyWh(), 1e-9);
    }

    @Test
    void theComponentSamplesOnItsOwnSchedulerWithTheDevicesPhases() {
        io.close();
        apply(230, 10, 1);
        VehicleMeter meter = new VehicleMeter(board.context(), config, 1);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> meter.latest().isPresent());
            MeterReading r = meter.latest().orElseThrow();
            assertEquals(1, r.voltagesV().length);
            assertEquals(10.0, r.currentsA()[0], 0.01);
            await().atMost(Duration.ofSeconds(5)).until(() -> meter.latest().orElseThrow().energyWh() > 0);
        } finally {
            meter.deactivate();
        }
    }
}
