package org.infinergi.sim.hw;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;

/**
 * A simulated NXP PN532 on a UART (HSU, UM0701-02): it parses the host's frames
 * ({@code 00 00 FF LEN LCS D4 data DCS 00}) and answers as the chip does: ACK, then the response frame (TFI D5);
 * an unknown command gets the error frame; a frame with a bad LCS or DCS gets no answer. It sleeps after power-up
 * until the host sends the HSU wake-up (0x55 …). Commands: GetFirmwareVersion (IC 0x32, v1.6), SAMConfiguration,
 * RFConfiguration, InListPassiveTarget (106 kbps type A, one target, the card in the field), InRelease.
 *
 * <p>A card is in the field either for a few detections ({@link #present}: a swipe) or until removed
 * ({@link #hold}, {@link #remove}); {@link #silent} makes the chip answer nothing (unplugged, dead). The field is
 * counted in card detections, not in time: a swipe while the previous one is still in the field comes after a gap
 * of {@value #DETECTIONS_BETWEEN_SWIPES} empty detections (the hand moved away and back), so however fast or late
 * the driver polls, two swipes are two presentations. Thread-safe.
 */
public final class SimulatedPn532 implements SimulatedSerialDevice {

    /** How many card detections a swipe lasts: the card is seen by several polls, as a hand holds it a moment. */
    public static final int DETECTIONS_PER_SWIPE = 3;

    /** Empty detections between two swipes that follow each other closely (above the driver's removal count). */
    public static final int DETECTIONS_BETWEEN_SWIPES = 3;

    private static final byte[] ACK = {0x00, 0x00, (byte) 0xFF, 0x00, (byte) 0xFF, 0x00};
    /** A detection of an empty field in {@link #swipes} (the deque takes no null). */
    private static final String NO_CARD = "";
    private static final byte[] ERROR = {0x00, 0x00, (byte) 0xFF, 0x01, (byte) 0xFF, 0x7F, (byte) 0x81, 0x00};

    private final ArrayDeque<Byte> out = new ArrayDeque<>();
    private final ByteArrayOutputStream in = new ByteArrayOutputStream();
    private boolean awake;
    private boolean silent;
    private boolean open;
    /** What the next detections see ({@link #NO_CARD}: none), after which {@link #held} is in the field. */
    private final ArrayDeque<String> swipes = new ArrayDeque<>();
    private String held;
    /**
     * Empty detections since the last one that saw a card: a swipe before the gap is complete gets the rest of it
     * first, or the driver (which counts a card away only after a few empty detections) would see one presence.
     */
    private int emptyInARow = DETECTIONS_BETWEEN_SWIPES;
    private int detections;
    private int commands;

    /** Swipes {@code uid} (hex, 4, 7 or 10 bytes): in the field for the next {@value #DETECTIONS_PER_SWIPE} detections. */
    public synchronized void present(String uid) {
        String card = checked(uid);
        boolean cardAhead = !swipes.isEmpty() || held != null;
        int gap = cardAhead ? DETECTIONS_BETWEEN_SWIPES : Math.max(0, DETECTIONS_BETWEEN_SWIPES - emptyInARow);
        held = null;
        for (int i = 0; i < gap; i++) {
            swipes.add(NO_CARD);
        }
        for (int i = 0; i < DETECTIONS_PER_SWIPE; i++) {
            swipes.add(card);
        }
    }

    /** Holds {@code uid} in the field until {@link #remove()}. */
    public synchronized void hold(String uid) {
        swipes.clear();
        held = checked(uid);
    }

    /** Takes the card out of the field. */
    public synchronized void remove() {
        swipes.clear();
        held = null;
    }

    /** True: the chip answers nothing (its supply or its UART is gone); false: it answers again, asleep. */
    public synchronized void silent(boolean value) {
        if (silent && !value) {
            awake = false; // it comes back from a power-up
        }
        silent = value;
        in.reset();
    }

    /** Whether a driver has the UART open. */
    public synchronized boolean isOpen() {
        return open;
    }

    /** InListPassiveTarget commands answered so far. */
    public synchronized int detections() {
        return detections;
    }

    /** Well-formed commands received so far (answered or not). */
    public synchronized int commands() {
        return commands;
    }

    private static String checked(String uid) {
        int bytes = uid.length() / 2;
        if (uid.length() % 2 != 0 || (bytes != 4 && bytes != 7 && bytes != 10)) {
            throw new IllegalArgumentException("uid \"" + uid + "\" is not an ISO/IEC 14443-A UID: 4, 7 or 10 bytes"
                    + " (8, 14 or 20 hex digits)");
        }
        return uid.toUpperCase(Locale.ROOT);
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
    public synchronized void received(byte[] data, int offset, int length) {
        if (silent) {
            return;
        }
        for (int i = offset; i < offset + length; i++) {
            if (!awake && data[i] == 0x55) {
                awake = true; // HSU wake-up: the rest of the preamble is zeros, skipped like any noise
            }
        }
        if (!awake) {
            return;
        }
        in.write(data, offset, length);
        byte[] frame;
        while ((frame = nextFrame()) != null) {
            if (frame.length > 0) {
                answer(frame);
            }
        }
    }

    @Override
    public synchronized void opened() {
        open = true;
    }

    @Override
    public synchronized void closed() {
        open = false;
        out.clear();
        in.reset();
    }

    /** The data (after TFI) of the next complete host frame, an empty array for a frame dropped, null if none. */
    private byte[] nextFrame() {
        byte[] b = in.toByteArray();
        int start = -1;
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == 0x00 && b[i + 1] == (byte) 0xFF) {
                start = i;
                break;
            }
        }
        if (start < 0 || b.length < start + 4) {
            return null;
        }
        int len = b[start + 2] & 0xFF;
        int lcs = b[start + 3] & 0xFF;
        if (((len + lcs) & 0xFF) != 0 || len == 0) {
            return keep(b, start + 2, new byte[0]); // bad LCS (or an ACK from the host): no answer
        }
        int end = start + 4 + len + 1;
        if (b.length < end) {
            return null;
        }
        int sum = 0;
        for (int i = start + 4; i < end; i++) {
            sum += b[i] & 0xFF;
        }
        boolean good = (sum & 0xFF) == 0 && (b[start + 4] & 0xFF) == 0xD4;
        return keep(b, end, good ? Arrays.copyOfRange(b, start + 5, end - 1) : new byte[0]);
    }

    private byte[] keep(byte[] b, int from, byte[] result) {
        in.reset();
        in.write(b, from, b.length - from);
        return result;
    }

    private void answer(byte[] command) {
        commands++;
        byte[] response = switch (command[0]) {
            case 0x02 -> new byte[] {0x03, 0x32, 0x01, 0x06, 0x07};
            case 0x14 -> new byte[] {0x15};
            case 0x32 -> new byte[] {0x33};
            case 0x52 -> new byte[] {0x53, 0x00};
            case 0x4A -> command.length >= 3 && command[2] == 0x00 ? listPassiveTarget() : null;
            default -> null;
        };
        send(ACK);
        send(response == null ? ERROR : frame(response));
    }

    /** InListPassiveTarget answer: NbTg, then Tg 1, SENS_RES, SEL_RES, NFCIDLength, NFCID1 of the card in the field. */
    private byte[] listPassiveTarget() {
        detections++;
        String card = swipes.isEmpty() ? held : swipes.poll();
        boolean sawCard = card != null && !card.isEmpty();
        emptyInARow = sawCard ? 0 : Math.min(emptyInARow + 1, DETECTIONS_BETWEEN_SWIPES);
        if (!sawCard) {
            return new byte[] {0x4B, 0x00};
        }
        byte[] uid = new byte[card.length() / 2];
        for (int i = 0; i < uid.length; i++) {
            uid[i] = (byte) Integer.parseInt(card.substring(2 * i, 2 * i + 2), 16);
        }
        // SENS_RES bits 7–6 give the UID size (ISO/IEC 14443-3 §6.4.2): single 00, double 01, triple 10.
        int size = uid.length == 4 ? 0x00 : uid.length == 7 ? 0x40 : 0x80;
        byte sak = uid.length == 4 ? (byte) 0x08 : 0x00;
        byte[] r = new byte[7 + uid.length];
        r[0] = 0x4B;
        r[1] = 0x01;
        r[2] = 0x01;
        r[3] = 0x00;
        r[4] = (byte) (size | 0x04);
        r[5] = sak;
        r[6] = (byte) uid.length;
        System.arraycopy(uid, 0, r, 7, uid.length);
        return r;
    }

    private static byte[] frame(byte[] data) {
        int len = data.length + 1;
        byte[] f = new byte[len + 7];
        f[2] = (byte) 0xFF;
        f[3] = (byte) len;
        f[4] = (byte) -len;
        f[5] = (byte) 0xD5;
        int sum = 0xD5;
        for (int i = 0; i < data.length; i++) {
            f[6 + i] = data[i];
            sum += data[i] & 0xFF;
        }
        f[6 + data.length] = (byte) -sum;
        return f;
    }

    private void send(byte[] bytes) {
        if (!open) {
            return; // a UART nobody listens to: lost
        }
        for (byte x : bytes) {
            out.add(x);
        }
    }
}
