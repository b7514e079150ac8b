package org.infinergi.sim.internal.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;

import org.infinergi.sim.internal.World;
import org.infinergi.sim.internal.WorldState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated devices over real Modbus frames: what a master reads, and silence. */
class SimModbusDeviceTest {

    private final World world = new World(new double[] {230, 231, 229}, 3, 0.05, 16, 3);
    private SimModbusDevice device;
    private ModbusTCPMaster master;

    @AfterEach
    void close() {
        if (master != null) {
            master.disconnect();
        }
        if (device != null) {
            device.close();
        }
    }

    private void start(boolean ct) throws Exception {
        int port = freePort();
        device = new SimModbusDevice("test", port,
                () -> ct ? MeterRegisters.ctRemote(world.state()) : MeterRegisters.eastron(world.state()));
        device.open();
        master = new ModbusTCPMaster("127.0.0.1", port, 300, false, true);
        master.connect();
        master.setRetries(1);
    }

    private static float f(InputRegister[] r, int at) {
        return Float.intBitsToFloat(r[at].toUnsignedShort() << 16 | r[at + 1].toUnsignedShort());
    }

    @Test
    void theMidMeterAnswersTheWorldsValuesInEastronsLayout() throws Exception {
        start(false);

        InputRegister[] r = master.readInputRegisters(1, 0x0000, 12);
        assertEquals(230f, f(r, 0));
        assertEquals(231f, f(r, 2));
        assertEquals(229f, f(r, 4));
        assertEquals(0f, f(r, 6), "no EV: no current");
        assertEquals(0f, f(master.readInputRegisters(1, 0x0048, 2), 0), "kWh imported");
        assertEquals(50f, f(master.readInputRegisters(1, 0x0046, 2), 0));
        ModbusSlaveException outside = assertThrows(ModbusSlaveException.class,
                () -> master.readInputRegisters(1, MeterRegisters.EASTRON_SIZE, 2));
        assertEquals(2, outside.getType(), "illegal data address");
    }

    private void start(String model) throws Exception {
        int port = freePort();
        MeterRegisters.Layout layout = MeterRegisters.layout(model);
        device = new SimModbusDevice("test", port, () -> layout.registers().apply(world.state()), layout.holding());
        device.open();
        master = new ModbusTCPMaster("127.0.0.1", port, 300, false, true);
        master.connect();
        master.setRetries(1);
    }

    @Test
    void aGavazziEm340AnswersInt32LowWordFirstScaled() throws Exception {
        start("EM340");

        InputRegister[] r = master.readInputRegisters(1, 0x0000, 6);
        assertEquals(2310, r[2].toUnsignedShort() | r[3].toUnsignedShort() << 16, "231.0 V in 0.1 V steps");
        assertEquals(500, master.readInputRegisters(1, 0x0033, 1)[0].toUnsignedShort(), "50.0 Hz");
    }

    @Test
    void anIvyMeterAnswersFunction03OnlyPowerInKw() throws Exception {
        start("DTS353F-2");

        com.ghgande.j2mod.modbus.procimg.Register[] r = master.readMultipleRegisters(1, 0x000E, 6);
        assertEquals(231f, Float.intBitsToFloat(r[2].toUnsignedShort() << 16 | r[3].toUnsignedShort()));
        assertEquals(0f, Float.intBitsToFloat(master.readMultipleRegisters(1, 0x001C, 2)[0].toUnsignedShort() << 16),
                "no EV: 0 kW");
        ModbusSlaveException fc04 = assertThrows(ModbusSlaveException.class,
                () -> master.readInputRegisters(1, 0x000E, 2));
        assertEquals(2, fc04.getType());
    }

    @Test
    void theMidMeterAnswersRtuOnASerialLineWithItsFactorySettings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "")
                .split(":")).anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, "socat"))),
                "socat is installed by test.sh");
        start("DTS353F-2");
        String link = dir.resolve("mid").toString();
        device.serveSerial(new SimSerialLine(link), 9600, "EVEN", 1);
        com.ghgande.j2mod.modbus.util.SerialParameters p = new com.ghgande.j2mod.modbus.util.SerialParameters();
        p.setPortName(link);
        p.setBaudRate(9600);
        p.setDatabits(8);
        p.setParity(com.ghgande.j2mod.modbus.net.AbstractSerialConnection.EVEN_PARITY);
        p.setStopbits(1);
        p.setEncoding(com.ghgande.j2mod.modbus.Modbus.SERIAL_ENCODING_RTU);
        com.ghgande.j2mod.modbus.facade.ModbusSerialMaster serial = new com.ghgande.j2mod.modbus.facade.ModbusSerialMaster(p, 1000);
        try {
            serial.connect();
            com.ghgande.j2mod.modbus.procimg.Register[] r = serial.readMultipleRegisters(1, 0x000E, 6);
            assertEquals(229f, Float.intBitsToFloat(r[4].toUnsignedShort() << 16 | r[5].toUnsignedShort()));
        } finally {
            serial.disconnect();
            device.close();
            device = null; // socat removes its links as it exits; JUnit deletes the folder with whatever is left
        }
    }

    @Test
    void anUnknownMidMeterModelIsRefusedNamingTheModels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeterRegisters.layout("X1"));
        assertTrue(e.getMessage().contains("EM340"), e.getMessage());
    }

    @Test
    void theCtRemoteDeviceAnswersItsMapInOneRead() throws Exception {
        start(true);

        InputRegister[] r = master.readInputRegisters(1, 0x0000, MeterRegisters.CT_REMOTE_SIZE);
        assertEquals(230f, f(r, 0));
        assertEquals(0f, f(r, 0x0E));
    }

    @Test
    void aSilentDeviceDoesNotAnswerUntilItSpeaksAgain() throws Exception {
        start(false);
        master.readInputRegisters(1, 0, 2);

        device.setSilent(true);
        assertThrows(ModbusException.class, () -> master.readInputRegisters(1, 0, 2));
        master.disconnect();
        master.connect();
        assertThrows(ModbusException.class, () -> master.readInputRegisters(1, 0, 2));

        device.setSilent(false);
        master.disconnect();
        master.connect();
        assertEquals(230f, f(master.readInputRegisters(1, 0, 2), 0));
    }

    @Test
    void registersFollowTheWorld() {
        WorldState w = world.state();
        int[] eastron = MeterRegisters.eastron(w);
        int[] ct = MeterRegisters.ctRemote(w);
        assertEquals(MeterRegisters.EASTRON_SIZE, eastron.length);
        assertEquals(Float.floatToIntBits(230f) >>> 16, eastron[0]);
        assertEquals(Float.floatToIntBits(229f) >>> 16, ct[4]);
    }

    private static float word(int[] r, int address) {
        return Float.intBitsToFloat((r[address] << 16) | r[address + 1]);
    }

    /** The CT remote device and the grid meter measure house + charger − PV, signed: + import, − export. */
    @Test
    void theGridMetersMeasureTheSite_importPlusExportMinus() {
        world.setSite(new double[] {460, 2300, 0}, 6900); // PV: 2300 W on each phase
        WorldState w = world.state();
        int[] ct = MeterRegisters.ctRemote(w);
        int[] grid = MeterRegisters.eastronGrid(w);
        assertEquals(-1840f / 230, word(ct, 0x0006), 0.01f, "L1 exports 1840 W");
        assertEquals(0f, word(ct, 0x0008), 0.01f, "L2 balanced");
        assertEquals(-2300f / 229, word(ct, 0x000A), 0.01f, "L3 exports all its PV (229 V)");
        assertEquals(460 + 2300 - 6900f, word(ct, 0x000C), 0.5f);
        assertEquals(-1840f, word(grid, 0x000C), 0.5f);
        assertEquals(-2300f, word(grid, 0x0010), 0.5f);
        assertEquals(-4140f, word(grid, 0x0034), 0.5f);
    }

    @Test
    void theGridMeterAnswersAtItsOwnUnitBesideTheMidMeter() throws Exception {
        int port = freePort();
        world.setSite(new double[] {1000, 0, 0}, 0);
        SimModbusDevice line = new SimModbusDevice("MID meter", port, () -> MeterRegisters.eastron(world.state()));
        line.addUnit(2, () -> MeterRegisters.eastronGrid(world.state()));
        line.open();
        ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", port, 2000, true, true);
        try {
            master.connect();
            assertEquals(1000f, f(master.readInputRegisters(2, 0x000C, 2), 0), 0.5f, "unit 2: the grid");
            assertEquals(0f, f(master.readInputRegisters(1, 0x000C, 2), 0), 0.5f, "unit 1: the charger");
        } finally {
            master.disconnect();
            line.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
