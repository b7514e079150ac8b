package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HexFormat;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;

import org.infinergi.driver.modbusmeters.bus.RegisterMap.Function;

/**
 * RTU frames over TCP (a serial server in front of an RS485 line; the simulator), framed here rather than by j2mod:
 * j2mod 3.2.1 reads the CRC of an RTU-over-TCP answer and throws it away, so a frame a noisy line corrupted became a
 * reading. Every answer's CRC is checked (a bad one is a "CRC Error", retried like no answer), then its unit id and
 * its register count, as {@link J2modLink} does for the other framings.
 */
final class RtuOverTcpLink implements ModbusLink {

    private final Endpoint endpoint;
    private Socket socket;

    RtuOverTcpLink(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public int[] read(int unitId, Function function, int address, int count, int timeoutMs, int attempts)
            throws ModbusException {
        int code = function == Function.READ_INPUT_REGISTERS ? 0x04 : 0x03;
        byte[] request = request(unitId, code, address, count);
        ModbusIOException failure = null;
        for (int i = 0; i < Math.max(1, attempts); i++) {
            try {
                Socket s = socket(timeoutMs);
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
                return answer(s.getInputStream(), unitId, code, count);
            } catch (SocketTimeoutException e) {
                failure = new ModbusIOException("timeout: no answer within " + timeoutMs + " ms");
            } catch (CrcError e) {
                failure = new ModbusIOException(e.getMessage());
            } catch (IOException e) {
                failure = new ModbusIOException("no answer from " + endpoint + ": " + e.getMessage());
            }
            close(); // half a frame may be on its way: start the next try on a clean connection
        }
        throw failure;
    }

    private Socket socket(int timeoutMs) throws IOException {
        if (socket == null || socket.isClosed()) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(endpoint.host(), endpoint.tcpPort()), timeoutMs);
            } catch (IOException e) {
                s.close();
                throw new IOException("cannot connect: " + e.getMessage(), e);
            }
            s.setTcpNoDelay(true);
            socket = s;
        }
        socket.setSoTimeout(timeoutMs);
        return socket;
    }

    static byte[] request(int unitId, int code, int address, int count) {
        byte[] f = {(byte) unitId, (byte) code, (byte) (address >> 8), (byte) address, (byte) (count >> 8),
            (byte) count, 0, 0};
        int crc = crc16(f, 6);
        f[6] = (byte) crc; // low byte first
        f[7] = (byte) (crc >> 8);
        return f;
    }

    /** The registers of one answer; its CRC first, then whose answer it is and how much it holds. */
    private static int[] answer(InputStream in, int unitId, int code, int count) throws IOException, ModbusException {
        byte[] head = readN(in, 3); // unit, function, byte count or exception code
        int function = head[1] & 0xFF;
        byte[] frame;
        if (function == (code | 0x80)) {
            frame = concat(head, readN(in, 2));
        } else if (function == code) {
            frame = concat(head, readN(in, (head[2] & 0xFF) + 2));
        } else {
            throw new IOException("unexpected function " + function + " in answer to " + code);
        }
        int crc = (frame[frame.length - 2] & 0xFF) | (frame[frame.length - 1] & 0xFF) << 8;
        if (crc != crc16(frame, frame.length - 2)) {
            throw new CrcError("CRC Error in received frame: " + frame.length + " bytes: "
                    + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(frame));
        }
        int unit = head[0] & 0xFF;
        if (unit != unitId) {
            throw new ModbusException("answer from unit " + unit + " to a request for unit " + unitId);
        }
        if (function != code) {
            throw new ModbusSlaveException(head[2] & 0xFF);
        }
        int got = (head[2] & 0xFF) / 2;
        if (got != count) {
            throw new ModbusException("wrong byte count: " + got + " registers for " + count + " asked");
        }
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = (frame[3 + 2 * i] & 0xFF) << 8 | (frame[4 + 2 * i] & 0xFF);
        }
        return words;
    }

    private static byte[] readN(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("premature end of answer: " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Modbus RTU CRC-16 (polynomial 0xA001, initial 0xFFFF) of the first {@code length} bytes. */
    static int crc16(byte[] b, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** An answer whose CRC does not match: the line corrupted it. */
    private static final class CrcError extends IOException {
        private static final long serialVersionUID = 1L;

        CrcError(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closed anyway
            }
            socket = null;
        }
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
