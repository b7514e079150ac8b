package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.SerialDefaults;
import org.infinergi.driver.modbusmeters.gavazzi.internal.Em340Model;
import org.infinergi.driver.modbusmeters.ivy.internal.Dts353f2Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RTU on a real serial line: the bus opens one end of a pseudo-terminal pair through jSerialComm with the model's
 * factory settings, a j2mod RTU slave serves the meter's raw registers on the other end.
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

    @Test
    void anIvyDts353f2At9600EvenParityFunction03PowerInKw() throws Exception {
        MeterModel m = new Dts353f2Model();
        assertEquals("9600 8E1 id 1", m.serialDefaults().toString());
        SimpleProcessImage image = serve(m.serialDefaults());
        putFloat(image, 0x0E, 230f);
        putFloat(image, 0x10, 231f);
        putFloat(image, 0x12, 229f);
        putFloat(image, 0x16, 16f);
        putFloat(image, 0x18, 16f);
        putFloat(image, 0x1A, 16f);
        putFloat(image, 0x1C, 11.04f);
        putFloat(image, 0x108, 1234.5f);
        MeterPoller p = poller(m);

        assertTrue(p.poll(link), p.failure());

        MeterReading r = p.latest().orElseThrow();
        assertEquals(231, r.voltagesV()[1], 1e-3);
        assertEquals(11_040, r.powerW(), 0.1);
        assertEquals(1_234_500, r.energyWh(), 1);
    }

    @Test
    void aGavazziEm340At9600NoParityLowWordFirst() throws Exception {
        MeterModel m = new Em340Model();
        SimpleProcessImage image = serve(m.serialDefaults());
        int[][] words = {{0x00, 2300}, {0x02, 2315}, {0x04, 2299}, {0x0C, 16_000}, {0x0E, 15_500}, {0x10, 32_100},
            {0x28, 110_400}, {0x34, 987_654}};
        for (int[] w : words) {
            put(image, false, w[0], w[1] & 0xFFFF);
            put(image, false, w[0] + 1, w[1] >>> 16);
        }
        MeterPoller p = poller(m);

        assertTrue(p.poll(link), p.failure());

        MeterReading r = p.latest().orElseThrow();
        assertEquals(231.5, r.voltagesV()[1], 1e-6);
        assertEquals(32.1, r.currentsA()[2], 1e-6);
        assertEquals(11_040, r.powerW(), 1e-6);
        assertEquals(98_765_400, r.energyWh(), 1e-3);
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
}
