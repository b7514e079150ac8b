package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.driver.modbusmeters.bus.Encoding;
import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.Quantity;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The poller against a real j2mod slave on loopback: real Modbus frames both ways. */
class MeterPollerTest {

    private static final long HOLD_MS = 3000;
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

    private MeterPoller poller(boolean rtuOverTcp, RegisterMap map) throws Exception {
        slave = new LoopbackSlave(0x60, rtuOverTcp);
        link = J2modLink.open(slave.endpoint());
        return new MeterPoller("test", map, 1, 300, 1, HOLD_MS, clock);
    }

    private void healthy() {
        slave.setFloat(0x00, 230.5f);
        slave.setFloat(0x02, 231.0f);
        slave.setFloat(0x04, 229.5f);
        slave.setFloat(0x06, 16.25f);
        slave.setFloat(0x08, 16.0f);
        slave.setFloat(0x0A, 15.75f);
        slave.setFloat(0x34, 11_040f);
        slave.setFloat(0x48, 1234.5f); // kWh
    }

    @ParameterizedTest(name = "rtuOverTcp={0}")
    @ValueSource(booleans = {false, true})
    void knownRegistersGiveTheScaledReadingStampedWithTheAnswerTime(boolean rtuOverTcp) throws Exception {
        MeterPoller p = poller(rtuOverTcp, TestMaps.threePhase());
        healthy();

        assertTrue(p.poll(link), p.failure());

        MeterReading r = p.latest().orElseThrow();
        assertEquals(clock.instant(), r.at());
        assertArrayEquals(new double[] {230.5, 231.0, 229.5}, r.voltagesV(), 1e-9);
        assertArrayEquals(new double[] {16.25, 16.0, 15.75}, r.currentsA(), 1e-9);
        assertEquals(11_040, r.powerW(), 1e-9);
        assertEquals(1_234_500, r.energyWh(), 1e-9); // kWh × 1000: the known SDM230 trap is 0.001
        assertNull(p.failure());
    }

    @Test
    void aMapWithoutPerPhaseValuesReadsNaNThere() throws Exception {
        RegisterMap v1 = new RegisterMap("V1", RegisterMap.Source.MID, 3, RegisterMap.Function.READ_INPUT_REGISTERS,
                RegisterMap.WordOrder.HIGH_FIRST, 80, List.of(new Field(Quantity.POWER, 0x34, Encoding.FLOAT32, 1),
                        new Field(Quantity.IMPORT_ENERGY, 0x48, Encoding.FLOAT32, 1000)));
        MeterPoller p = poller(false, v1);
        healthy();

        assertTrue(p.poll(link));

        MeterReading r = p.latest().orElseThrow();
        assertEquals(3, r.voltagesV().length);
        assertTrue(Double.isNaN(r.voltagesV()[0]) && Double.isNaN(r.currentsA()[2]));
    }

    @Test
    void aSilentMeterKeepsItsLastReadingWhichGrowsOld() throws Exception {
        MeterPoller p = poller(false, TestMaps.threePhase());
        healthy();
        assertTrue(p.poll(link));
        Instant answered = p.latest().orElseThrow().at();

        slave.close();
        // The slave's handler may still answer a request already on its connection; then the line is gone.
        boolean failed = false;
        for (int i = 0; i < 3 && !failed; i++) {
            clock.advance(Duration.ofSeconds(1));
            failed = !p.poll(link);
        }
        assertTrue(failed, "polls kept succeeding after the slave closed");
        Instant lastGood = p.latest().orElseThrow().at();
        assertTrue(!lastGood.isBefore(answered));
        assertNotNull(p.failure());

        clock.advance(Duration.ofMillis(HOLD_MS).minus(Duration.between(lastGood, clock.instant())));
        assertFalse(p.poll(link));
        assertEquals(lastGood, p.latest().orElseThrow().at(), "no reading is made up while the meter is silent");

        clock.advance(Duration.ofMillis(1));
        assertFalse(p.poll(link));
        assertTrue(p.latest().isEmpty(), "older than holdMs: no values rather than old ones (HAL: stale = missing)");
    }

    @Test
    void anExceptionResponseKeepsTheLastReading() throws Exception {
        MeterPoller p = poller(false, TestMaps.threePhase());
        healthy();
        assertTrue(p.poll(link));
        MeterReading before = p.latest().orElseThrow();

        // The energy registers disappear: the slave answers "illegal data address".
        slave.close();
        slave = new LoopbackSlave(0x40, false);
        link.close();
        link = J2modLink.open(slave.endpoint());
        clock.advance(Duration.ofSeconds(1));

        assertFalse(p.poll(link));
        assertTrue(p.failure().startsWith("exception response 2"), p.failure());
        assertEquals(before, p.latest().orElseThrow());
    }

    @Test
    void implausibleValuesAreNotAReading() throws Exception {
        MeterPoller p = poller(false, TestMaps.threePhase());
        healthy();
        assertTrue(p.poll(link));
        MeterReading before = p.latest().orElseThrow();

        slave.setFloat(0x48, Float.NaN);
        assertFalse(p.poll(link));
        assertTrue(p.failure().contains("NaN"), p.failure());

        healthy();
        assertTrue(p.poll(link));
        slave.setFloat(0x48, 1000f); // less than 1234.5 kWh
        assertFalse(p.poll(link));
        assertTrue(p.failure().contains("backwards"), p.failure());

        healthy();
        assertTrue(p.poll(link));
        slave.setFloat(0x48, -1f);
        assertFalse(p.poll(link));
        assertTrue(p.failure().contains("negative energy"), p.failure());
        assertEquals(before.energyWh(), p.latest().orElseThrow().energyWh());
        assertEquals(before.at(), p.latest().orElseThrow().at());

        healthy();
        clock.advance(Duration.ofSeconds(1));
        assertTrue(p.poll(link));
        assertNull(p.failure());
    }

    @Test
    void reconnectsWhenTheMeterAnswersAgain() throws Exception {
        MeterPoller p = poller(false, TestMaps.threePhase());
        healthy();
        assertTrue(p.poll(link));
        slave.close();
        boolean failed = false;
        for (int i = 0; i < 3 && !failed; i++) {
            failed = !p.poll(link);
        }
        assertTrue(failed);

        slave.open();
        clock.advance(Duration.ofSeconds(5));

        assertTrue(p.poll(link), p.failure());
        assertEquals(clock.instant(), p.latest().orElseThrow().at());
    }

    @Test
    void aMeterThatIsNotThereIsNoReadingAtAll() throws Exception {
        MeterPoller p = poller(false, TestMaps.threePhase());
        slave.close();

        assertFalse(p.poll(link));
        assertTrue(p.latest().isEmpty());
        assertTrue(p.failure().startsWith("no answer"), p.failure());
    }
}
