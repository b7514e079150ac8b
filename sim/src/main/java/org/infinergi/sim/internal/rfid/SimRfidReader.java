package org.infinergi.sim.internal.rfid;

import java.util.ArrayDeque;

import org.infinergi.sim.hw.SimulatedSerialDevice;

/**
 * The simulated RFID reader module at the end of the board's UART. A presented card makes it send its frame
 * {@value #FRAMES_PER_PRESENTATION} times in a row: a real module repeats the frame while the card stays in its
 * field, so the driver's debounce is exercised by every presentation. Like a UART with nobody listening, what it
 * sends while no driver has the port open is lost.
 */
final class SimRfidReader implements SimulatedSerialDevice {

    /** How many frames one presentation sends (a card held about a third of a second). */
    static final int FRAMES_PER_PRESENTATION = 3;

    /** What a presentation did. */
    record Presented(String uid, boolean readerOpen, int bytesSent) {
    }

    private final ArrayDeque<Byte> out = new ArrayDeque<>();
    private boolean open;
    private String lastUid;
    private int presentations;

    /**
     * Presents {@code uid} (validated, upper-case) to the reader.
     */
    synchronized Presented present(String uid) {
        lastUid = uid;
        presentations++;
        if (!open) {
            return new Presented(uid, false, 0);
        }
        byte[] frame = ReaderFrame.of(uid);
        for (int n = 0; n < FRAMES_PER_PRESENTATION; n++) {
            for (byte b : frame) {
                out.add(b);
            }
        }
        return new Presented(uid, true, frame.length * FRAMES_PER_PRESENTATION);
    }

    synchronized boolean open() {
        return open;
    }

    synchronized String lastUid() {
        return lastUid;
    }

    synchronized int presentations() {
        return presentations;
    }

    @Override
    public synchronized int available() {
        return out.size();
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
        int n = 0;
        while (n < length && !out.isEmpty()) {
            buffer[offset + n++] = out.poll();
        }
        return n;
    }

    @Override
    public void received(byte[] data, int offset, int length) {
        // An RDM6300-type module has no commands: what the driver writes goes nowhere.
    }

    @Override
    public synchronized void opened() {
        open = true;
    }

    @Override
    public synchronized void closed() {
        open = false;
        out.clear();
    }
}
