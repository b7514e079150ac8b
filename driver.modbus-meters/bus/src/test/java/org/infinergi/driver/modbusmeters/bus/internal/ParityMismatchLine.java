package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A serial line whose two ends disagree on parity (one 8N1, the other 8E1), between two pseudo-terminal pairs: a
 * pseudo-terminal carries bytes, not bits, so the UARTs' disagreement is played here, byte by byte. An 8N1 receiver
 * takes an 8E1 sender's parity bit for its stop bit, and an 8E1 receiver takes an 8N1 sender's stop bit (1) for the
 * parity bit: either way a byte arrives only when that bit is 1, i.e. when its data bits hold an odd number of ones;
 * the others end in a framing or parity error and are lost. What gets through is a frame with bytes missing.
 */
final class ParityMismatchLine implements AutoCloseable {

    private final PtyPair busSide = new PtyPair();
    private final PtyPair meterSide = new PtyPair();
    private final InputStream fromBus;
    private final OutputStream toBus;
    private final InputStream fromMeter;
    private final OutputStream toMeter;

    ParityMismatchLine() throws IOException {
        fromBus = new FileInputStream(busSide.slave.toFile());
        toBus = new FileOutputStream(busSide.slave.toFile());
        fromMeter = new FileInputStream(meterSide.master.toFile());
        toMeter = new FileOutputStream(meterSide.master.toFile());
        relay(fromBus, toMeter, "bus to meter");
        relay(fromMeter, toBus, "meter to bus");
    }

    /** The end the bus opens. */
    String busPort() {
        return busSide.master.toString();
    }

    /** The end the meter opens. */
    String meterPort() {
        return meterSide.slave.toString();
    }

    private static void relay(InputStream in, OutputStream out, String name) {
        Thread t = new Thread(() -> {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    if (Integer.bitCount(b) % 2 == 1) {
                        out.write(b);
                        out.flush();
                    }
                }
            } catch (IOException closed) {
                // the line is taken down
            }
        }, "parity-mismatch " + name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {fromBus, toBus, fromMeter, toMeter}) {
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
