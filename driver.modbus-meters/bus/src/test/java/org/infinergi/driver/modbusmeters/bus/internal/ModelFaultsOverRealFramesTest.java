package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.driver.modbusmeters.bus.Encoding;
import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.Quantity;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.infinergi.driver.modbusmeters.bus.internal.ModelsOverRealFramesTest.Known;
import org.infinergi.driver.modbusmeters.bus.internal.ModelsOverRealFramesTest.Words;
import org.infinergi.driver.modbusmeters.bus.internal.RawModbusDevice.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19: for each of the MID meters of manual §4.7, with its vendor bundle's map, over Modbus TCP and RTU framing,
 * what a line or a meter gets wrong — an exception response, another unit's reply, a short answer, a CRC error, a
 * NaN, a negative or a backwards energy — is flagged with its cause, logged once per episode at WARN, and never
 * becomes a reading: the last good reading stands unchanged (so nothing the core derives from it, the offer or a
 * session's energy, moves), and once the meter answers right again its energy continues where it was.
 */
class ModelFaultsOverRealFramesTest {

    /** Polls per episode: the WARN comes once, however long the episode lasts. */
    private static final int POLLS = 3;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private RawModbusDevice device;
    private ModbusLink link;
    private RegisterMap currentMap;

    @AfterEach
    void close() {
        if (link != null) {
            link.close();
        }
        if (device != null) {
            device.close();
        }
    }

    static Stream<Arguments> models() {
        return ModelsOverRealFramesTest.models();
    }

    /** A meter of model {@code k} holding its known values, polled once: the reading every fault must leave alone. */
    private MeterPoller answering(Known k, boolean rtu) {
        device = new RawModbusDevice(rtu);
        Words w = new Words();
        k.raw().accept(w);
        w.words.forEach(device::word);
        link = J2modLink.open(device.endpoint());
        // a long hold: the last good reading is still there to compare with after every episode
        currentMap = k.model().registerMap();
        MeterPoller p = new MeterPoller(k.toString(), currentMap, 1, 300, 1, 600_000, clock, true);
        assertTrue(p.poll(link), p.failure());
        return p;
    }

    @ParameterizedTest(name = "{0} rtu={1}")
    @MethodSource("models")
    void aBadAnswerIsFlaggedWithItsCauseLoggedOnceAndNeverAReading(Known k, boolean rtu) {
        MeterPoller p = answering(k, rtu);
        MeterReading good = p.latest().orElseThrow();

        List<Fault> faults = new ArrayList<>(List.of(Fault.EXCEPTION, Fault.WRONG_UNIT, Fault.SHORT_ANSWER));
        if (rtu) {
            faults.add(Fault.CRC); // Modbus TCP frames carry no CRC
        }
        for (Fault f : faults) {
            device.fault(f);
            MeterReading last = p.latest().orElseThrow();
            String log = episode(p, f.toString());
            assertEquals(1, warnings(log), f + ": one WARN per episode\n" + log);
            assertTrue(log.contains("Meter " + k + ": " + cause(f)), f + ": its cause named\n" + log);
            assertSame(last, p.latest().orElseThrow(), f + ": never a reading");

            device.fault(Fault.NONE);
            assertTrue(pollAfterASecond(p), f + " cleared: " + p.failure());
            assertEquals(good.energyWh(), p.latest().orElseThrow().energyWh(), 1e-6, f + ": the energy goes on");
        }
    }

    @ParameterizedTest(name = "{0} rtu={1}")
    @MethodSource("models")
    void aNanNegativeOrBackwardsEnergyIsFlaggedLoggedOnceAndNeverAReading(Known k, boolean rtu) {
        MeterPoller p = answering(k, rtu);
        MeterReading good = p.latest().orElseThrow();
        RegisterMap map = k.model().registerMap();
        Field energy = field(map, Quantity.IMPORT_ENERGY);
        Field power = field(map, Quantity.POWER);

        // NaN where the register is a float; the overflow value 0x7FFFFFFF where it is an integer (Carlo Gavazzi)
        write(map, energy, Double.NaN);
        rejected(p, good, POLLS, "NaN energy", "beyond any meter's register");
        write(map, energy, -5_000);
        rejected(p, good, POLLS, "negative energy", energy.encoding() == Encoding.UINT32 ? "beyond" : "negative energy");
        // backwards: two polls only — three agreeing values would be a replaced meter, taken as the new reference
        write(map, energy, good.energyWh() - 1_000);
        rejected(p, good, 2, "backwards energy", "energy went backwards");
        if (power.encoding() == Encoding.FLOAT32) {
            write(map, power, Double.NaN);
            rejected(p, good, POLLS, "NaN power", "POWER is NaN");
        }
    }

    /**
     * {@code polls} polls of a value no meter can mean: one WARN with {@code cause}, the last good reading unchanged;
     * then the meter's good values again, read at once, the energy where it was (a session total neither jumps nor
     * drops, and the next fault is a new episode).
     */
    private void rejected(MeterPoller p, MeterReading good, int polls, String what, String cause) {
        MeterReading last = p.latest().orElseThrow();
        String log = episode(p, polls, what);
        assertEquals(1, warnings(log), what + ": one WARN per episode\n" + log);
        assertTrue(log.contains(cause), what + ": its cause named\n" + log);
        assertSame(last, p.latest().orElseThrow(), what + ": never a reading");

        RegisterMap map = currentMap;
        write(map, field(map, Quantity.IMPORT_ENERGY), good.energyWh());
        write(map, field(map, Quantity.POWER), good.powerW());
        assertTrue(pollAfterASecond(p), what + " cleared: " + p.failure());
        assertEquals(good.energyWh(), p.latest().orElseThrow().energyWh(), 1e-6, what + ": the energy goes on");
        assertEquals(good.powerW(), p.latest().orElseThrow().powerW(), 1e-6, what + ": the power as before");
    }

    private String episode(MeterPoller p, String what) {
        return episode(p, POLLS, what);
    }

    /** Polls {@code polls} times a second apart, each refused; returns what was logged. */
    private String episode(MeterPoller p, int polls, String what) {
        return stderr(() -> {
            for (int i = 0; i < polls; i++) {
                assertFalse(pollAfterASecond(p), what + " became a reading");
            }
        });
    }

    private boolean pollAfterASecond(MeterPoller p) {
        clock.advance(Duration.ofSeconds(1));
        return p.poll(link);
    }

    private static String cause(Fault f) {
        return switch (f) {
            case EXCEPTION -> "exception response 4";
            case WRONG_UNIT -> "wrong unit id";
            case SHORT_ANSWER -> "short answer";
            case CRC -> "CRC error";
            case NONE -> throw new IllegalArgumentException();
        };
    }

    private static Field field(RegisterMap map, Quantity q) {
        return map.fields().stream().filter(f -> f.quantity() == q).findFirst().orElseThrow();
    }

    /** Writes {@code value} (in W or Wh) into the field's registers, in the meter's own encoding and word order. */
    private void write(RegisterMap map, Field f, double value) {
        int bits;
        if (f.encoding() == Encoding.FLOAT32) {
            bits = Float.floatToIntBits((float) (value / f.scale()));
        } else {
            bits = Double.isNaN(value) ? Integer.MAX_VALUE : (int) Math.round(value / f.scale());
        }
        int high = bits >>> 16;
        int low = bits & 0xFFFF;
        boolean highFirst = map.wordOrder() == RegisterMap.WordOrder.HIGH_FIRST;
        device.word(f.address(), highFirst ? high : low);
        device.word(f.address() + 1, highFirst ? low : high);
    }

    private static long warnings(String log) {
        return log.lines().filter(l -> l.contains("WARN")).count();
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
