package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.SerialDefaults;
import org.infinergi.driver.modbusmeters.eastron.internal.Sdm230Model;
import org.infinergi.driver.modbusmeters.eastron.internal.Sdm72dModel;
import org.infinergi.driver.modbusmeters.eastron.internal.Sdm72dV1Model;
import org.infinergi.driver.modbusmeters.gavazzi.internal.Em111Model;
import org.infinergi.driver.modbusmeters.gavazzi.internal.Em340Model;
import org.infinergi.driver.modbusmeters.ivy.internal.Dts353f2Model;
import org.infinergi.driver.modbusmeters.ivy.internal.Em118090Model;
import org.infinergi.driver.modbusmeters.ivy.internal.Em519033Model;
import org.infinergi.driver.modbusmeters.lumel.internal.Nmid302Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the MID meters of manual §4.7, read by the bus with its vendor bundle's map from a real Modbus slave, over
 * Modbus TCP and over RTU framing (CRC) through TCP: the slave holds the raw words a meter of that model holds for
 * known values (written here by hand from the vendors' documents, in the meter's own encoding, word order, unit and
 * register table — not from the map under test), and the reading must be those values in V, A, W, Wh.
 */
class ModelsOverRealFramesTest {

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

    /** What a meter holds and what the reading must say. */
    record Known(MeterModel model, boolean holding, Consumer<Words> raw, double[] volts, double[] amps, double watts,
            double wattHours, SerialDefaults serial) {
        @Override
        public String toString() {
            return model.registerMap().model();
        }
    }

    /** The raw words of a meter's registers. */
    static final class Words {
        final Map<Integer, Integer> words = new java.util.TreeMap<>();

        /** IEEE-754 float32, high word first (Eastron, LUMEL, IVY). */
        Words f(int address, float v) {
            int bits = Float.floatToIntBits(v);
            words.put(address, bits >>> 16);
            words.put(address + 1, bits & 0xFFFF);
            return this;
        }

        /** INT32, least significant word first (Carlo Gavazzi). */
        Words lowFirst(int address, int raw) {
            words.put(address, raw & 0xFFFF);
            words.put(address + 1, raw >>> 16);
            return this;
        }
    }

    private static final SerialDefaults N1 = new SerialDefaults(1, 9600, "NONE", 1);
    private static final SerialDefaults E1 = new SerialDefaults(1, 9600, "EVEN", 1);
    private static final double NAN = Double.NaN;

    static Stream<Arguments> models() {
        List<Known> k = new ArrayList<>();
        k.add(new Known(new Sdm230Model(), false, w -> w.f(0x00, 230.1f).f(0x06, 16.5f).f(0x0C, 3796.5f)
                .f(0x48, 1234.5f), new double[] {230.1}, new double[] {16.5}, 3796.5, 1_234_500, N1));
        k.add(new Known(new Sdm72dModel(), false, w -> w.f(0x00, 230f).f(0x02, 231f).f(0x04, 229f)
                .f(0x06, 16f).f(0x08, 15.5f).f(0x0A, 16.5f).f(0x34, 11_040f).f(0x48, 98_765.4f),
                new double[] {230, 231, 229}, new double[] {16, 15.5, 16.5}, 11_040, 98_765_400, N1));
        k.add(new Known(new Sdm72dV1Model(), false, w -> w.f(0x34, 7_360f).f(0x48, 12.5f),
                new double[] {NAN, NAN, NAN}, new double[] {NAN, NAN, NAN}, 7_360, 12_500, N1));
        // The ET112 frame of the manufacturer's example: 09 1B 00 00 at 0x0000 = 233.1 V.
        k.add(new Known(new Em111Model(), false, w -> w.lowFirst(0x00, 2331).lowFirst(0x02, 16_000)
                .lowFirst(0x04, 37_296).lowFirst(0x10, 987_654), new double[] {233.1}, new double[] {16.0},
                3_729.6, 98_765_400, N1));
        // 110400 (11,040.0 W) and 987654 (98,765.4 kWh) need both words: the order shows.
        k.add(new Known(new Em340Model(), false, w -> w.lowFirst(0x00, 2300).lowFirst(0x02, 2315).lowFirst(0x04, 2299)
                .lowFirst(0x0C, 16_000).lowFirst(0x0E, 15_500).lowFirst(0x10, 32_100).lowFirst(0x28, 110_400)
                .lowFirst(0x34, 987_654), new double[] {230.0, 231.5, 229.9}, new double[] {16, 15.5, 32.1},
                11_040, 98_765_400, N1));
        k.add(new Known(new Nmid302Model(), false, w -> w.f(0x00, 230f).f(0x02, 0f).f(0x04, 0f).f(0x06, 32f)
                .f(0x08, 0f).f(0x0A, 0f).f(0x34, 7_360f).f(0x48, 321.5f), new double[] {230, 0, 0},
                new double[] {32, 0, 0}, 7_360, 321_500, N1));
        // IVY: function 03, power in kW.
        k.add(new Known(new Dts353f2Model(), true, w -> w.f(0x0E, 230f).f(0x10, 231f).f(0x12, 229f).f(0x16, 16f)
                .f(0x18, 16f).f(0x1A, 16f).f(0x1C, 11.04f).f(0x108, 1234.5f).f(0x110, 99f),
                new double[] {230, 231, 229}, new double[] {16, 16, 16}, 11_040, 1_234_500, E1));
        k.add(new Known(new Em519033Model(), true, w -> w.f(0x0E, 230f).f(0x10, 231f).f(0x12, 229f).f(0x16, 10f)
                .f(0x18, 10f).f(0x1A, 10f).f(0x1C, 6.9f).f(0x108, 10f), new double[] {230, 231, 229},
                new double[] {10, 10, 10}, 6_900, 10_000, E1));
        k.add(new Known(new Em118090Model(), true, w -> w.f(0x0E, 230f).f(0x16, 16f).f(0x1C, 3.68f).f(0x108, 42f),
                new double[] {230}, new double[] {16}, 3_680, 42_000, E1));
        return k.stream().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} rtu={1}")
    @MethodSource("models")
    void readsKnownValuesInVoltsAmperesWattsAndWattHours(Known k, boolean rtu) throws Exception {
        slave = new LoopbackSlave(0x160, rtu);
        Words w = new Words();
        k.raw().accept(w);
        w.words.forEach((a, v) -> slave.setWord(k.holding(), a, v));
        link = J2modLink.open(slave.endpoint());
        MeterPoller p = new MeterPoller(k.toString(), k.model().registerMap(), 1, 500, 1, 3000, clock, true);

        assertTrue(p.poll(link), p.failure());

        MeterReading r = p.latest().orElseThrow();
        assertArrayNear(k.volts(), r.voltagesV(), 0.01);
        assertArrayNear(k.amps(), r.currentsA(), 0.001);
        assertEquals(k.watts(), r.powerW(), 0.05);
        assertEquals(k.wattHours(), r.energyWh(), 5, "energy in Wh");
        assertEquals(k.serial(), k.model().serialDefaults(), "factory serial settings");
        assertEquals(k.holding() ? 60_000 : 0,
                k.model().startupGraceMs(), "IVY meters: a minute after power-up (manual §9.1 note 5)");
    }

    private static void assertArrayNear(double[] expected, double[] actual, double delta) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), "phase " + (i + 1) + " has no register: NaN");
            } else {
                assertEquals(expected[i], actual[i], delta, "phase " + (i + 1));
            }
        }
    }
}
