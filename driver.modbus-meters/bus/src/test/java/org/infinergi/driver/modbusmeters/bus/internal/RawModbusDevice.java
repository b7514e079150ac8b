package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A meter on a loopback TCP port that writes its answer frames byte by byte — Modbus TCP (MBAP header) or RTU frames
 * with their CRC over TCP — so a test can make the frame wrong the way a line or a meter does: an exception
 * response, another unit's reply, fewer registers than asked, a broken CRC. Registers are raw 16-bit words, the same
 * for function 03 and 04. One client at a time (the bus's line).
 */
final class RawModbusDevice implements AutoCloseable {

    /** What the device does wrong with every answer. */
    enum Fault {
        NONE, EXCEPTION, WRONG_UNIT, SHORT_ANSWER, CRC
    }

    final int port;
    final boolean rtu;
    private final Map<Integer, Integer> words = new ConcurrentHashMap<>();
    private final ServerSocket server;
    private volatile Fault fault = Fault.NONE;

    RawModbusDevice(boolean rtu) {
        this.rtu = rtu;
        try {
            server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.getLocalPort();
        Thread t = new Thread(this::serve, "raw-modbus-" + port);
        t.setDaemon(true);
        t.start();
    }

    void word(int address, int value) {
        words.put(address, value & 0xFFFF);
    }

    void fault(Fault f) {
        fault = f;
    }

    Endpoint endpoint() {
        return Endpoint.tcp(rtu ? Endpoint.Kind.RTU_OVER_TCP : Endpoint.Kind.TCP, "127.0.0.1", port);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                answer(s.getInputStream(), s.getOutputStream());
            } catch (IOException e) {
                // the client went (the bus closes its line after a failure) or the device closed
            }
        }
    }

    private void answer(InputStream in, OutputStream out) throws IOException {
        while (true) {
            int tid = 0;
            byte[] req;
            if (rtu) {
                req = in.readNBytes(8); // unit, function, address, count, CRC
                if (req.length < 8) {
                    return;
                }
            } else {
                byte[] mbap = in.readNBytes(7);
                if (mbap.length < 7) {
                    return;
                }
                tid = u16(mbap, 0);
                byte[] pdu = in.readNBytes(u16(mbap, 4) - 1);
                req = new byte[1 + pdu.length];
                req[0] = mbap[6];
                System.arraycopy(pdu, 0, req, 1, pdu.length);
            }
            int unit = req[0] & 0xFF;
            int function = req[1] & 0xFF;
            int address = u16(req, 2);
            int count = u16(req, 4);
            Fault f = fault;
            byte[] pdu = f == Fault.EXCEPTION ? new byte[] {(byte) (function | 0x80), 0x04} : registers(function,
                    address, f == Fault.SHORT_ANSWER ? count - 1 : count);
            int replyUnit = f == Fault.WRONG_UNIT ? unit + 1 : unit;
            out.write(rtu ? rtuFrame(replyUnit, pdu, f == Fault.CRC) : tcpFrame(tid, replyUnit, pdu));
            out.flush();
        }
    }

    private byte[] registers(int function, int address, int count) {
        byte[] pdu = new byte[2 + 2 * count];
        pdu[0] = (byte) function;
        pdu[1] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            int w = words.getOrDefault(address + i, 0);
            pdu[2 + 2 * i] = (byte) (w >> 8);
            pdu[3 + 2 * i] = (byte) w;
        }
        return pdu;
    }

    private static byte[] tcpFrame(int tid, int unit, byte[] pdu) {
        byte[] f = new byte[7 + pdu.length];
        f[0] = (byte) (tid >> 8);
        f[1] = (byte) tid;
        f[4] = (byte) ((pdu.length + 1) >> 8);
        f[5] = (byte) (pdu.length + 1);
        f[6] = (byte) unit;
        System.arraycopy(pdu, 0, f, 7, pdu.length);
        return f;
    }

    private static byte[] rtuFrame(int unit, byte[] pdu, boolean badCrc) {
        byte[] f = new byte[3 + pdu.length];
        f[0] = (byte) unit;
        System.arraycopy(pdu, 0, f, 1, pdu.length);
        int crc = crc16(f, f.length - 2) ^ (badCrc ? 0x5A5A : 0);
        f[f.length - 2] = (byte) crc; // low byte first
        f[f.length - 1] = (byte) (crc >> 8);
        return f;
    }

    /** Modbus RTU CRC-16 (polynomial 0xA001, initial 0xFFFF). */
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

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closed
        }
    }
}
