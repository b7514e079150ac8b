package org.infinergi.driver.rfid.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the reader's byte stream into cards. Framing of the RDM6300 / RDM630 family of 125 kHz UART reader
 * modules (Seeed "RDM630" datasheet; 9600 8N1, no commands):
 * <pre>
 *   0x02 | data: 2·N ASCII hex digits | checksum: 2 ASCII hex digits = XOR of the N data bytes | 0x03
 * </pre>
 * The RDM6300 sends N = 5 (version byte + 4 tag bytes of an EM4100 card). Modules of the same family for ISO/IEC
 * 14443 cards (the manual's reader, §2.5) send the 4, 7 or 10 byte UID in the same frame, so N may be 4..10. The
 * UID is the data field, upper-case.
 *
 * <p>Anything else is dropped with a reason, never a card: bytes outside a frame, a checksum that does not
 * match, non-hex characters, a length no UID has, a frame longer than the longest UID, a frame cut by a new STX,
 * a frame whose ETX does not come within {@code frameTimeoutMs} of its STX (the rest of a card that left the field
 * while the module was sending). Not thread-safe: one reader thread feeds it.
 */
final class FrameParser {

    static final int STX = 0x02;
    static final int ETX = 0x03;
    static final int MIN_UID_BYTES = 4;
    static final int MAX_UID_BYTES = 10;
    private static final int MAX_BODY = 2 * MAX_UID_BYTES + 2;

    /** What the stream said. */
    sealed interface Event permits Card, Dropped {
    }

    /** A well-formed frame with a good checksum. */
    record Card(String uid) implements Event {
    }

    /** Bytes that were not a card, and why. */
    record Dropped(String reason) implements Event {
    }

    private final long frameTimeoutMs;
    private final StringBuilder body = new StringBuilder(MAX_BODY);
    private boolean inFrame;
    private long frameStartMs;
    private int stray;

    FrameParser(long frameTimeoutMs) {
        this.frameTimeoutMs = frameTimeoutMs;
    }

    /** Feeds {@code length} bytes read at {@code nowMs}; answers what they completed, in order. */
    List<Event> feed(byte[] data, int length, long nowMs) {
        List<Event> events = new ArrayList<>(1);
        if (inFrame && nowMs - frameStartMs > frameTimeoutMs) {
            events.add(new Dropped("partial frame: no ETX within " + frameTimeoutMs + " ms after " + body.length()
                    + " character(s)"));
            inFrame = false;
        }
        for (int i = 0; i < length; i++) {
            int b = data[i] & 0xFF;
            if (b == STX) {
                flushStray(events);
                if (inFrame) {
                    events.add(new Dropped("partial frame: STX again after " + body.length() + " character(s)"));
                }
                inFrame = true;
                frameStartMs = nowMs;
                body.setLength(0);
            } else if (!inFrame) {
                stray++;
            } else if (b == ETX) {
                inFrame = false;
                events.add(decode(body));
            } else if (body.length() == MAX_BODY) {
                inFrame = false;
                events.add(new Dropped("frame longer than " + MAX_BODY + " characters (no UID is longer than "
                        + MAX_UID_BYTES + " bytes)"));
                stray++;
            } else {
                body.append((char) b);
            }
        }
        flushStray(events);
        return events;
    }

    private void flushStray(List<Event> events) {
        if (stray > 0) {
            events.add(new Dropped(stray + " byte(s) outside a frame"));
            stray = 0;
        }
    }

    private static Event decode(CharSequence body) {
        int n = body.length();
        if (n % 2 != 0 || n / 2 - 1 < MIN_UID_BYTES || n / 2 - 1 > MAX_UID_BYTES) {
            return new Dropped("frame of " + n + " characters: expected 2·N hex digits of UID (N = " + MIN_UID_BYTES
                    + ".." + MAX_UID_BYTES + ") and 2 of checksum");
        }
        int[] bytes = new int[n / 2];
        for (int i = 0; i < bytes.length; i++) {
            int hi = Character.digit(body.charAt(2 * i), 16);
            int lo = Character.digit(body.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return new Dropped("non-hex character in frame at position " + (hi < 0 ? 2 * i : 2 * i + 1));
            }
            bytes[i] = hi << 4 | lo;
        }
        int xor = 0;
        for (int i = 0; i < bytes.length - 1; i++) {
            xor ^= bytes[i];
        }
        int sent = bytes[bytes.length - 1];
        if (xor != sent) {
            return new Dropped(String.format(Locale.ROOT, "bad checksum: frame says %02X, data gives %02X", sent, xor));
        }
        return new Card(body.subSequence(0, n - 2).toString().toUpperCase(Locale.ROOT));
    }
}
