package org.infinergi.sim.internal.rfid;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the simulated reader sends for a card: the ASCII frame of the RDM6300 / RDM630 family of 125 kHz UART
 * reader modules (9600 8N1): {@code 0x02}, the UID's bytes as upper-case ASCII hex, the XOR of those bytes as two
 * ASCII hex digits, {@code 0x03}. The RDM6300 sends 5 data bytes; the same framing carries the 4, 7 and 10 byte
 * UIDs of ISO/IEC 14443 cards (docs/auth.md "Reader framing").
 */
final class ReaderFrame {

    static final byte STX = 0x02;
    static final byte ETX = 0x03;

    private ReaderFrame() {
    }

    /** The frame for {@code uid} (already validated by {@link CardUid#parse}). */
    static byte[] of(String uid) {
        int checksum = 0;
        for (int i = 0; i < uid.length(); i += 2) {
            checksum ^= Integer.parseInt(uid.substring(i, i + 2), 16);
        }
        String body = uid + String.format(Locale.ROOT, "%02X", checksum);
        byte[] ascii = body.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[ascii.length + 2];
        frame[0] = STX;
        System.arraycopy(ascii, 0, frame, 1, ascii.length);
        frame[frame.length - 1] = ETX;
        return frame;
    }
}
