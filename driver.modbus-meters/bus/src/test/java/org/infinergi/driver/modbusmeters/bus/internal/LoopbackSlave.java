package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

import org.infinergi.driver.modbusmeters.bus.RegisterMap.WordOrder;

/**
 * A real j2mod TCP slave on a free loopback port, unit 1, with {@code size} input registers and as many holding
 * registers (all 0).
 */
final class LoopbackSlave implements AutoCloseable {

    final int port;
    final boolean rtuOverTcp;
    final SimpleProcessImage image = new SimpleProcessImage(1);
    private ModbusSlave slave;

    LoopbackSlave(int size, boolean rtuOverTcp) throws ModbusException {
        this.port = freePort();
        this.rtuOverTcp = rtuOverTcp;
        for (int i = 0; i < size; i++) {
            image.addInputRegister(new SimpleInputRegister(0));
            image.addRegister(new SimpleRegister(0));
        }
        open();
    }

    void open() throws ModbusException {
        // j2mod turns port 0 into 502, so the port is picked beforehand.
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, rtuOverTcp);
        slave.addProcessImage(1, image);
        slave.open();
    }

    /** The meter goes silent: its endpoint closes. */
    @Override
    public void close() {
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
            slave = null;
        }
    }

    void setFloat(int address, float value) {
        int[] w = Registers.float32(value, WordOrder.HIGH_FIRST);
        ((SimpleInputRegister) image.getInputRegister(address)).setValue(w[0]);
        ((SimpleInputRegister) image.getInputRegister(address + 1)).setValue(w[1]);
    }

    /** Sets one raw 16-bit word: in the holding registers (function 03) or the input registers (04). */
    void setWord(boolean holding, int address, int word) {
        if (holding) {
            ((SimpleRegister) image.getRegister(address)).setValue(word);
        } else {
            ((SimpleInputRegister) image.getInputRegister(address)).setValue(word);
        }
    }

    Endpoint endpoint() {
        return Endpoint.tcp(rtuOverTcp ? Endpoint.Kind.RTU_OVER_TCP : Endpoint.Kind.TCP, "127.0.0.1", port);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
