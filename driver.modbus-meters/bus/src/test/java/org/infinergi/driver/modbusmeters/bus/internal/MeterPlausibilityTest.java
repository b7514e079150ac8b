package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;

import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the bus makes of values no meter can mean, over real frames from a loopback slave: an energy spike, a
 * register that runs faster than the meter's rating, a replaced meter, one bad quantity among good ones.
 */
class MeterPlausibilityTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private LoopbackSlave slave;
    private ModbusLink link;

    @AfterEach
    void close() {
        if (link != null) {
            link.close();
        }
        if (slave != null) {
            slave.close();
        }
    }

    private MeterPoller poller(boolean vehicle) throws Exception {
        slave = new LoopbackSlave(0x60, false);
        link = J2modLink.open(slave.endpoint());
        slave.setFloat(0x00, 230f);
        slave.setFloat(0x02, 231f);
        slave.setFloat(0x04, 229f);
        slave.setFloat(0x06, 16.25f);
        slave.setFloat(0x08, 16f);
        slave.setFloat(0x0A, 15.75f);
        slave.setFloat(0x34, 11_040f);
        slave.setFloat(0x48, 1234.5f);
        return new MeterPoller("test", TestMaps.threePhase(), 1, 300, 1, 3000, clock, vehicle);
    }

    private boolean pollAfter(MeterPoller p, long ms) {
        clock.advance(Duration.ofMillis(ms));
        return p.poll(link);
    }

    private static double energy(MeterPoller p) {
        return p.latest().orElseThrow().energyWh();
    }

    @Test
    void anEnergySpikeIsIgnoredAndTheNextCorrectReadingIsAcceptedAtOnce() throws Exception {
        MeterPoller p = poller(true);
        assertTrue(p.poll(link));

        slave.setFloat(0x48, 1_000_000f); // 1,000,000 kWh for one poll
        assertFalse(pollAfter(p, 1000));
        assertTrue(p.failure().contains("beyond any meter's register"), p.failure());
        assertEquals(1_234_500, energy(p), 1e-6, "the spike never becomes a reading");

        slave.setFloat(0x48, 1234.5f);
        assertTrue(pollAfter(p, 1000), p.failure());
        assertEquals(1_234_500, energy(p), 1e-6);
        assertNull(p.failure());
    }

    @Test
    void noMoreEnergyThanTheRatedPowerAllowsSinceTheLastReading() throws Exception {
        MeterPoller p = poller(true);
        assertTrue(p.poll(link));

        slave.setFloat(0x48, 1244.5f); // +10 kWh in 1 s: 36 MW
        assertFalse(pollAfter(p, 1000));
        assertTrue(p.failure().contains("more than"), p.failure());

        slave.setFloat(0x48, 1244.5f); // the same +10 kWh after an hour at 10 kW is plausible
        assertTrue(pollAfter(p, 3_600_000), p.failure());
        assertEquals(1_244_500, energy(p), 1e-3);
    }

    @Test
    void aReplacedMeterWhoseRegisterStartsLowerIsTakenBackAndTheTotalContinues() throws Exception {
        MeterPoller p = poller(true);
        assertTrue(p.poll(link));

        slave.setFloat(0x48, 5.0f);
        assertFalse(pollAfter(p, 1000));
        assertTrue(p.failure().contains("backwards"), p.failure());
        slave.setFloat(0x48, 5.001f);
        assertFalse(pollAfter(p, 1000));
        slave.setFloat(0x48, 5.002f);
        assertTrue(pollAfter(p, 1000), "three agreeing values: the new register is the reference");
        assertEquals(1_234_500, energy(p), 1e-3, "the published total continues, it does not drop");

        slave.setFloat(0x48, 5.1f);
        assertTrue(pollAfter(p, 60_000));
        assertEquals(1_234_500 + 98, energy(p), 0.01, "and grows with the new register");
    }

    @Test
    void oneBadQuantityDoesNotDropTheReading() throws Exception {
        MeterPoller p = poller(true);
        slave.setFloat(0x08, Float.NaN);
        slave.setFloat(0x0A, Float.POSITIVE_INFINITY);
        slave.setFloat(0x02, Float.NaN);

        assertTrue(p.poll(link), p.failure());

        MeterReading r = p.latest().orElseThrow();
        assertEquals(16.25, r.currentsA()[0], 1e-9, "the valid current stands");
        assertTrue(Double.isNaN(r.currentsA()[1]));
        assertTrue(Double.isNaN(r.currentsA()[2]), "an infinite current is no value, not an overload");
        assertArrayEquals(new double[] {230, Double.NaN, 229}, r.voltagesV(), 1e-9);
        assertEquals(11_040, r.powerW(), 1e-9);
        assertTrue(p.flagged().toString().contains("CURRENT_L3 is Infinity"), p.flagged().toString());
    }

    @Test
    void aVehicleMetersNegativePowerReadsZeroAGridMetersStands() throws Exception {
        MeterPoller vehicle = poller(true);
        slave.setFloat(0x34, -2300f);
        assertTrue(vehicle.poll(link));
        assertEquals(0, vehicle.latest().orElseThrow().powerW(), 1e-9);

        MeterPoller grid = new MeterPoller("grid", TestMaps.threePhase(), 1, 300, 1, 3000, clock, false);
        assertTrue(grid.poll(link));
        assertEquals(-2300, grid.latest().orElseThrow().powerW(), 1e-9, "a grid meter exports");
    }

    @Test
    void aNonFinitePowerIsNoReading() throws Exception {
        MeterPoller p = poller(true);
        assertTrue(p.poll(link));
        slave.setFloat(0x34, Float.NaN);

        assertFalse(pollAfter(p, 1000));
        assertTrue(p.failure().contains("POWER is NaN"), p.failure());
        assertEquals(11_040, p.latest().orElseThrow().powerW(), 1e-9);
    }

    @Test
    void theFirstFailureOfAnEpisodeIsLoggedAtWarnWithItsCauseOnce() throws Exception {
        MeterPoller p = poller(true);
        assertTrue(p.poll(link));
        // The energy registers disappear: every request gets "illegal data address".
        slave.close();
        slave = new LoopbackSlave(0x40, false);
        link.close();
        link = J2modLink.open(slave.endpoint());
        String log = stderr(() -> {
            for (int i = 0; i < 4; i++) {
                pollAfter(p, 1000);
            }
        });
        assertEquals(1, log.split("WARN").length - 1, log);
        assertTrue(log.contains("WARN") && log.contains("Meter test: exception response 2"), log);
    }

    @Test
    void anIvyMeterStartingUpIsNoWarningDuringItsMinuteThenItIs() throws Exception {
        slave = new LoopbackSlave(0x40, false); // answers "illegal data address" to the energy read
        link = J2modLink.open(slave.endpoint());
        MeterPoller p = new MeterPoller("ivy", TestMaps.threePhase(), 1, 300, 1, 3000, clock, true).startupGrace(60_000);

        String during = stderr(() -> {
            for (int i = 0; i < 3; i++) {
                pollAfter(p, 10_000);
            }
        });
        assertFalse(during.contains("WARN"), during);
        assertTrue(p.failure() != null);

        String after = stderr(() -> {
            for (int i = 0; i < 3; i++) {
                pollAfter(p, 20_000);
            }
        });
        assertEquals(1, after.split("WARN").length - 1, after);
        assertTrue(after.contains("Meter ivy: exception response 2"), after);
    }

    @Test
    void theCauseNamesCrcTimeoutShortAnswerAndWrongUnit() {
        assertTrue(MeterPoller.cause(new ModbusIOException("Executing transaction failed (tried 1 times) CRC Error "
                + "in received frame: 8 bytes: 01 04")).startsWith("CRC error"));
        assertTrue(MeterPoller.cause(new ModbusIOException("I/O exception - Serial port timeout"))
                .startsWith("timeout"));
        assertTrue(MeterPoller.cause(new ModbusException("wrong byte count: 2 registers for 4 asked"))
                .startsWith("short answer"));
        assertTrue(MeterPoller.cause(new ModbusException("answer from unit 2 to a request for unit 1"))
                .startsWith("wrong unit id"));
        assertTrue(MeterPoller.cause(new ModbusIOException("cannot connect to tcp://127.0.0.1:1"))
                .startsWith("no answer"));
    }

    private static String stderr(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
