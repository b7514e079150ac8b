package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.internal.CoreHarness;
import org.infinergi.core.charging.testing.FakePilotHardware;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.SerialDefaults;
import org.infinergi.driver.modbusmeters.bus.internal.ModelsOverRealFramesTest.Known;
import org.infinergi.driver.modbusmeters.bus.internal.ModelsOverRealFramesTest.Words;
import org.infinergi.driver.modbusmeters.ivy.internal.Dts353f2Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RTU on a real serial line: the bus opens one end of a pseudo-terminal pair through jSerialComm with the model's
 * factory settings, a j2mod RTU slave serves the meter's raw registers on the other end — each of the nine models
 * with the known values of {@link ModelsOverRealFramesTest}, and a parity mismatch.
 */
class RtuOverPtyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private PtyPair pty;
    private ModbusSlave slave;
    private ModbusLink link;

    @BeforeEach
    void line() throws Exception {
        assumeTrue(PtyPair.available(), "socat is installed by test.sh");
        pty = new PtyPair();
    }

    @AfterEach
    void close() throws Exception {
        if (link != null) {
            link.close();
        }
        if (slave != null) {
            closeWithin(slave, 5_000);
        }
        if (pty != null) {
            pty.close();
        }
    }

    /**
     * jSerialComm's closePort can wait forever for its own event thread (seen once: the build hung ten minutes in
     * this teardown); a close that does not end in time is left to the daemon thread, and the pty's end frees it.
     */
    private static void closeWithin(ModbusSlave slave, long ms) throws InterruptedException {
        Thread closing = new Thread(() -> ModbusSlaveFactory.close(slave), "rtu-slave-close");
        closing.setDaemon(true);
        closing.start();
        closing.join(ms);
    }

    private SimpleProcessImage serve(SerialDefaults s) throws Exception {
        return serve(s, pty.slave.toString());
    }

    private SimpleProcessImage serve(SerialDefaults s, String port) throws Exception {
        SerialParameters p = J2modLink.parameters(Endpoint.serial(port, s.baud(), s.parity(), s.stopBits()));
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        slave = ModbusSlaveFactory.createSerialSlave(p);
        SimpleProcessImage image = new SimpleProcessImage(s.slaveId());
        for (int i = 0; i < 0x120; i++) {
            image.addInputRegister(new SimpleInputRegister(0));
            image.addRegister(new SimpleRegister(0));
        }
        slave.addProcessImage(s.slaveId(), image);
        slave.open();
        return image;
    }

    private MeterPoller poller(MeterModel m) {
        return poller(m, pty.master.toString(), m.serialDefaults().parity());
    }

    private MeterPoller poller(MeterModel m, String port, String parity) {
        SerialDefaults s = m.serialDefaults();
        link = J2modLink.open(Endpoint.serial(port, s.baud(), parity, s.stopBits()));
        return new MeterPoller(m.registerMap().model(), m.registerMap(), s.slaveId(), 1000, 2, 3000, clock, true);
    }

    private static void put(SimpleProcessImage image, boolean holding, int address, int word) {
        if (holding) {
            ((SimpleRegister) image.getRegister(address)).setValue(word);
        } else {
            ((SimpleInputRegister) image.getInputRegister(address)).setValue(word);
        }
    }

    private static void putFloat(SimpleProcessImage image, int address, float v) {
        int bits = Float.floatToIntBits(v);
        put(image, true, address, bits >>> 16);
        put(image, true, address + 1, bits & 0xFFFF);
    }

    /** Each model once: its serial settings are the line's, whatever the framing of the TCP cases. */
    static Stream<Known> models() {
        return ModelsOverRealFramesTest.models().map(a -> (Known) a.get()[0]).distinct();
    }

    /**
     * Each of the nine MID meters of manual §4.7 on a real serial line with its factory settings (IVY 8E1, the others
     * 8N1; 9600 baud, unit 1): the bus's RTU transport (jSerialComm, j2mod's RTU framing and CRC) reads the raw words
     * such a meter holds — its function, word order, scaling and register blocks — as the known V, A, W, Wh.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void eachModelReadsItsKnownValuesOverASerialLineWithItsFactorySettings(Known k) throws Exception {
        MeterModel m = k.model();
        assertEquals(k.serial(), m.serialDefaults(), "factory serial settings");
        SimpleProcessImage image = serve(m.serialDefaults());
        Words w = new Words();
        k.raw().accept(w);
        w.words.forEach((a, v) -> put(image, k.holding(), a, v));
        MeterPoller p = poller(m);

        assertTrue(p.poll(link), p.failure());

        MeterReading r = p.latest().orElseThrow();
        for (int i = 0; i < k.volts().length; i++) {
            assertNear(k.volts()[i], r.voltagesV()[i], 0.01, "V L" + (i + 1));
            assertNear(k.amps()[i], r.currentsA()[i], 0.001, "I L" + (i + 1));
        }
        assertEquals(k.watts(), r.powerW(), 0.05, "W");
        assertEquals(k.wattHours(), r.energyWh(), 5, "Wh");
    }

    private static void assertNear(double expected, double actual, double delta, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": no register, NaN");
        } else {
            assertEquals(expected, actual, delta, what);
        }
    }

    @Test
    void aWrongParityGivesNoReadingNeverWrongValues() throws Exception {
        MeterModel m = new Dts353f2Model();
        try (ParityMismatchLine line = new ParityMismatchLine()) {
            SimpleProcessImage image = serve(m.serialDefaults(), line.meterPort()); // the meter: 8E1
            putFloat(image, 0x1C, 11.04f);
            putFloat(image, 0x108, 1234.5f);
            MeterPoller p = poller(m, line.busPort(), "NONE"); // the installer set 8N1

            for (int i = 0; i < 3; i++) {
                clock.advance(java.time.Duration.ofSeconds(1));
                assertTrue(!p.poll(link), "a frame with bytes lost is no reading");
            }
            assertTrue(p.latest().isEmpty(), "no value at all: the core raises D9 when it stays so");
            assertTrue(p.failure() != null, "the cause is logged");
        }
    }

    /**
     * The two halves joined (issue 19: "a wrong parity must end in D9, not in wrong values"): the meter at 8E1, the
     * installer's line at 8N1, the bus's Meter service as SCR publishes it, and the real charging core with that
     * meter configured as its MID vehicle meter, all on one clock the test moves. No reading ever reaches the core,
     * and once the core's meterStaleMs (60 s) has passed without one the charger shows D9 (category 3).
     */
    @Test
    void aWrongParityEndsInD9NeverInAReading() throws Exception {
        MeterModel m = new Dts353f2Model();
        try (ParityMismatchLine line = new ParityMismatchLine()) {
            SimpleProcessImage image = serve(m.serialDefaults(), line.meterPort()); // the meter: 8E1
            putFloat(image, 0x1C, 11.04f);
            putFloat(image, 0x108, 1234.5f);
            MeterPoller p = poller(m, line.busPort(), "NONE"); // the installer set 8N1
            Meter polled = p::latest;
            Meter published = new PublishedMeter(Map.of(PublishedMeter.POLLED, polled));
            CoreHarness core = new CoreHarness(new FakePilotHardware(), session -> { }, clock, coreConfig())
                    .midVehicleMeter(published);
            ChargerStatus s = core.step();

            // The bus polls every second; a poll every 20 s of the clock is enough here (each costs the link's
            // timeout in real time) and changes nothing: no poll over this line ever gives a reading.
            for (int second = 1; second <= 61; second++) {
                clock.advance(Duration.ofSeconds(1));
                if (second % 20 == 1) {
                    assertFalse(p.poll(link), "a frame with bytes lost is no reading");
                }
                assertTrue(published.latest().isEmpty(), "never a value from a wrong parity");
                s = core.step();
            }

            assertEquals(ChargerState.ERROR, s.state(), s.toString());
            assertEquals("D9", s.error(), s.toString());
            assertEquals(3, s.errorCategory(), s.toString());
            assertTrue(s.detail().startsWith("D9 "), s.detail());
        }
    }

    /** An installed box at rest, with neither RDC-DD nor board sensor drivers in this test (issue 3). */
    private static Map<String, Object> coreConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("installationComplete", true);
        config.put("chargingEnabled", true);
        config.put("wiringLimitA", 32);
        config.put("model", "INFINERGI-3T-DR");
        config.put("requireRdcDd", false);
        config.put("requireBoardSensors", false);
        return config;
    }
}
