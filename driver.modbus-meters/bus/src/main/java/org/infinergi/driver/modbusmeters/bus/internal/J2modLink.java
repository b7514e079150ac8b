package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;

import org.infinergi.driver.modbusmeters.bus.RegisterMap.Function;

/**
 * A {@link ModbusLink} on j2mod's connections and transactions (not its master facade, so the answer's unit id
 * can be checked: a reply from another unit is another meter's values).
 */
abstract class J2modLink implements ModbusLink {

    static ModbusLink open(Endpoint endpoint) {
        return switch (endpoint.kind()) {
            case SERIAL -> new Serial(endpoint);
            case TCP -> new Tcp(endpoint);
            // j2mod does not check the CRC of RTU frames over TCP
            case RTU_OVER_TCP -> new RtuOverTcpLink(endpoint);
        };
    }

    /** A transaction on an open line, or throws when the line cannot be opened. */
    abstract ModbusTransaction transaction(int timeoutMs) throws ModbusException;

    @Override
    public int[] read(int unitId, Function function, int address, int count, int timeoutMs, int attempts)
            throws ModbusException {
        ModbusRequest request = function == Function.READ_INPUT_REGISTERS
                ? new ReadInputRegistersRequest(address, count)
                : new ReadMultipleRegistersRequest(address, count);
        request.setUnitID(unitId);
        try {
            ModbusTransaction tx = transaction(timeoutMs);
            tx.setRequest(request);
            tx.setRetries(Math.max(1, attempts));
            tx.execute();
            return registers(tx.getResponse(), unitId, count);
        } catch (ModbusIOException e) {
            // The line is in an unknown state (half a frame, a dead socket): start clean next time.
            close();
            throw e;
        }
    }

    private static int[] registers(ModbusResponse response, int unitId, int count) throws ModbusException {
        if (response == null) {
            throw new ModbusException("no answer");
        }
        if (response.getUnitID() != unitId) {
            throw new ModbusException("answer from unit " + response.getUnitID() + " to a request for unit " + unitId);
        }
        int[] words = new int[count];
        int got;
        if (response instanceof ReadInputRegistersResponse r) {
            got = r.getWordCount();
            for (int i = 0; i < Math.min(got, count); i++) {
                words[i] = r.getRegister(i).toUnsignedShort();
            }
        } else if (response instanceof ReadMultipleRegistersResponse r) {
            got = r.getWordCount();
            for (int i = 0; i < Math.min(got, count); i++) {
                words[i] = r.getRegister(i).toUnsignedShort();
            }
        } else {
            throw new ModbusException("unexpected answer " + response.getClass().getSimpleName());
        }
        if (got != count) {
            throw new ModbusException("wrong byte count: " + got + " registers for " + count + " asked");
        }
        return words;
    }

    /** Modbus TCP (RTU frames over TCP: {@link RtuOverTcpLink}). */
    static final class Tcp extends J2modLink {
        private final Endpoint endpoint;
        private TCPMasterConnection connection;

        Tcp(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        ModbusTransaction transaction(int timeoutMs) throws ModbusException {
            if (connection == null || !connection.isConnected()) {
                close();
                try {
                    TCPMasterConnection c = new TCPMasterConnection(InetAddress.getByName(endpoint.host()));
                    c.setPort(endpoint.tcpPort());
                    c.setTimeout(timeoutMs);
                    c.connect(false);
                    connection = c;
                } catch (UnknownHostException e) {
                    throw new ModbusIOException("unknown host " + endpoint.host());
                } catch (Exception e) {
                    throw new ModbusIOException("cannot connect to " + endpoint + ": " + e.getMessage());
                }
            }
            connection.setTimeout(timeoutMs);
            return new ModbusTCPTransaction(connection);
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /** RTU on a serial device through jSerialComm (the board's RS485 terminal, manual §4.7). */
    static final class Serial extends J2modLink {
        private final Endpoint endpoint;
        private SerialConnection connection;

        Serial(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        ModbusTransaction transaction(int timeoutMs) throws ModbusException {
            if (connection == null || !connection.isOpen()) {
                close();
                SerialParameters p = parameters(endpoint);
                SerialConnection c = new SerialConnection(p);
                c.setTimeout(timeoutMs);
                try {
                    c.open();
                } catch (IOException | RuntimeException | LinkageError e) {
                    // LinkageError: jSerialComm's native library does not load on this platform — a line that
                    // cannot open, not a reason to lose the bus thread.
                    try {
                        c.close();
                    } catch (RuntimeException | LinkageError ignored) {
                        // nothing was open
                    }
                    throw new ModbusIOException("cannot open " + endpoint + ": " + e);
                }
                connection = c;
            }
            connection.setTimeout(timeoutMs);
            return connection.getModbusTransport().createTransaction();
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /** j2mod's serial parameters of a line: 8 data bits, RTU, the endpoint's speed, parity and stop bits. */
    static SerialParameters parameters(Endpoint endpoint) {
        SerialParameters p = new SerialParameters();
        p.setPortName(endpoint.serialPort());
        p.setBaudRate(endpoint.baud());
        p.setDatabits(8);
        p.setParity(switch (endpoint.parity()) {
            case "EVEN" -> AbstractSerialConnection.EVEN_PARITY;
            case "ODD" -> AbstractSerialConnection.ODD_PARITY;
            default -> AbstractSerialConnection.NO_PARITY;
        });
        // j2mod numbers its stop-bit settings 1 = one, 2 = one and a half, 3 = two: the configured count is not one.
        p.setStopbits(endpoint.stopBits() == 2 ? AbstractSerialConnection.TWO_STOP_BITS
                : AbstractSerialConnection.ONE_STOP_BIT);
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        return p;
    }
}
