package org.infinergi.sim.internal.modbus;

import java.net.InetAddress;
import java.util.function.Supplier;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/** One simulated Modbus device: a j2mod RTU-over-TCP slave on a loopback port, unit 1, with a {@link LiveImage}. */
final class SimModbusDevice implements AutoCloseable {

    static final int UNIT_ID = 1;

    private final String name;
    private final int port;
    private final LiveImage image;
    /** Further devices on the same line, each its own unit id (a grid meter beside the MID meter on RS485). */
    private final java.util.Map<Integer, LiveImage> others = new java.util.LinkedHashMap<>();
    private ModbusSlave slave;
    private SimSerialLine serial;

    SimModbusDevice(String name, int port, Supplier<int[]> registers) {
        this(name, port, registers, false);
    }

    /** {@code holding}: the device answers function 03 (IVY meters), not 04. */
    SimModbusDevice(String name, int port, Supplier<int[]> registers, boolean holding) {
        this.name = name;
        this.port = port;
        this.image = new LiveImage(UNIT_ID, registers, holding);
    }

    /** Another device on the same line at {@code unitId} (before {@link #open()}); it has its own silence. */
    synchronized LiveImage addUnit(int unitId, Supplier<int[]> registers) {
        LiveImage other = new LiveImage(unitId, registers);
        others.put(unitId, other);
        return other;
    }

    /** Starts serving on loopback only (RTU frames over TCP: the meter is an RTU device on RS485). */
    synchronized void open() throws ModbusException {
        // One client (the firmware's bus line) plus room for its reconnection while the old socket still closes: two
        // handler threads, not j2mod's customary four (the 3U-DR sim image has 128 MB RSS to live in).
        ModbusSlave s = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, true);
        s.addProcessImage(UNIT_ID, image);
        others.forEach(s::addProcessImage);
        s.setThreadName("infinergi-sim-modbus " + name + " :" + port);
        try {
            s.open();
        } catch (ModbusException e) {
            ModbusSlaveFactory.close(s);
            throw e;
        }
        slave = s;
    }

    /** Serves the same registers on a serial line too (RTU on a pseudo-terminal pair); closed with this device. */
    synchronized void serveSerial(SimSerialLine line, int baud, String parity, int stopBits) throws Exception {
        line.open(image, UNIT_ID, baud, parity, stopBits);
        serial = line;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    synchronized boolean serving() {
        return slave != null;
    }

    void setSilent(boolean silent) {
        image.setSilent(silent);
    }

    boolean silent() {
        return image.silent();
    }

    @Override
    public synchronized void close() {
        if (serial != null) {
            serial.close();
            serial = null;
        }
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
            slave = null;
        }
    }
}
