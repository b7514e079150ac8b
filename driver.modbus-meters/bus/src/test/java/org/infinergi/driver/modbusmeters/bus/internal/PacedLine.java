package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * A serial line at a real speed between two pseudo-terminal pairs: a pseudo-terminal moves bytes at memory speed
 * whatever baud rate is set, so each byte is held here for the time its frame (start bit, 8 data bits, parity,
 * stop bits) takes on the wire. For the benchmark (bench/meters.sh).
 */
final class PacedLine implements AutoCloseable {

    private final PtyPair busSide = new PtyPair();
    private final PtyPair meterSide = new PtyPair();
    private final AutoCloseable[] streams;

    PacedLine(int baud, int bitsPerByte) throws IOException {
        long byteNanos = 1_000_000_000L * bitsPerByte / baud;
        InputStream fromBus = new FileInputStream(busSide.slave.toFile());
        OutputStream toBus = new FileOutputStream(busSide.slave.toFile());
        InputStream fromMeter = new FileInputStream(meterSide.master.toFile());
        OutputStream toMeter = new FileOutputStream(meterSide.master.toFile());
        streams = new AutoCloseable[] {fromBus, toBus, fromMeter, toMeter};
        relay(fromBus, toMeter, byteNanos, "bus to meter");
        relay(fromMeter, toBus, byteNanos, "meter to bus");
    }

    String busPort() {
        return busSide.master.toString();
    }

    String meterPort() {
        return meterSide.slave.toString();
    }

    private static void relay(InputStream in, OutputStream out, long byteNanos, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                long wireFreeAt = System.nanoTime();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        wireFreeAt = Math.max(wireFreeAt, System.nanoTime()) + byteNanos;
                        long wait = wireFreeAt - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        out.write(buf[i]);
                    }
                    out.flush();
                }
            } catch (IOException closed) {
                // the line is taken down
            }
        }, "paced-line " + name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        for (AutoCloseable c : streams) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        busSide.close();
        meterSide.close();
    }
}
