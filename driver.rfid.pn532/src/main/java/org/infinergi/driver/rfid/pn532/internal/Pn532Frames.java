package org.infinergi.driver.rfid.pn532.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The PN532's host frames (NXP PN532 User Manual UM0701-02 §6.2.1), as they pass on its UART (HSU):
 * <pre>
 *   information frame: 00 | 00 FF | LEN | LCS | TFI | PD0 … PDn | DCS | 00
 *     LEN = bytes of TFI + PD;  LEN + LCS ≡ 0 (mod 256);  TFI + PD0 + … + PDn + DCS ≡ 0 (mod 256)
 *     TFI = D4 host → PN532, D5 PN532 → host
 *   ACK:   00 00 FF 00 FF 00        NACK: 00 00 FF FF 00 00
 *   error frame (syntax error at application level): 00 00 FF 01 FF 7F 81 00
 * </pre>
 * Extended frames (LEN = LCS = FF) carry more than 254 bytes, which no command of this driver needs: refused.
 */
final class Pn532Frames {

    static final int HOST_TO_PN532 = 0xD4;
    static final int PN532_TO_HOST = 0xD5;
    static final int ERROR_TFI = 0x7F;

    /** UM0701-02 §6.2.1.1: what a frame from the PN532 is. */
    sealed interface Frame permits Ack, Nack, ErrorFrame, Response, Bad {
    }

    /** The PN532 took the command. */
    record Ack() implements Frame {
    }

    /** The PN532 asks for the last frame again. */
    record Nack() implements Frame {
    }

    /** The PN532 found a syntax error in the command (application level). */
    record ErrorFrame() implements Frame {
    }

    /** An information frame from the PN532: {@code data} = PD0 … PDn (the command code + 1 first). */
    record Response(byte[] data) implements Frame {

        int code() {
            return data.length == 0 ? -1 : data[0] & 0xFF;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && Arrays.equals(data, r.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Response[" + hex(data) + "]";
        }
    }

    /** Bytes that were not a good frame, and why (checksum, frame identifier, extended frame). */
    record Bad(String reason) implements Frame {
    }

    /** ACK a host sends to abort the command under way (UM0701-02 §6.2.1.3). */
    static final byte[] ACK = {0x00, 0x00, (byte) 0xFF, 0x00, (byte) 0xFF, 0x00};

    /**
     * HSU wake-up (UM0701-02 §7.2.11, application note AN10609 §3.1): after power-up the PN532 sleeps; a long
     * preamble of 0x55 then zeros wakes it before the first command (SAMConfiguration).
     */
    static final byte[] WAKE_UP = {0x55, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private Pn532Frames() {
    }

    /** The information frame carrying {@code data} (command code first) from the host to the PN532. */
    static byte[] command(byte... data) {
        if (data.length == 0 || data.length > 254) {
            throw new IllegalArgumentException("a normal frame carries 1 to 254 bytes of data, not " + data.length);
        }
        int len = data.length + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 7);
        out.write(0x00);
        out.write(0x00);
        out.write(0xFF);
        out.write(len);
        out.write(-len & 0xFF);
        out.write(HOST_TO_PN532);
        int sum = HOST_TO_PN532;
        for (byte b : data) {
            out.write(b);
            sum += b & 0xFF;
        }
        out.write(-sum & 0xFF);
        out.write(0x00);
        return out.toByteArray();
    }

    static String hex(byte[] data) {
        StringBuilder s = new StringBuilder(data.length * 2);
        for (byte b : data) {
            s.append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        return s.toString();
    }

    /**
     * Splits what the PN532 sends into frames. Bytes before a start code (00 FF) are skipped; after a bad length
     * checksum the decoder looks for the next start code after the bad one. Not thread-safe: one reader feeds it.
     */
    static final class Decoder {

        private byte[] buf = new byte[64];
        private int size;

        /** Feeds {@code length} bytes; answers the frames they completed, in order. */
        List<Frame> feed(byte[] data, int offset, int length) {
            append(data, offset, length);
            List<Frame> frames = new ArrayList<>(2);
            int consumed;
            while ((consumed = next(frames)) > 0) {
                System.arraycopy(buf, consumed, buf, 0, size - consumed);
                size -= consumed;
            }
            return frames;
        }

        /** Drops a partial frame (before a new command: its answer cannot be the rest of an old one). */
        void clear() {
            size = 0;
        }

        private void append(byte[] data, int offset, int length) {
            if (size + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + length));
            }
            System.arraycopy(data, offset, buf, size, length);
            size += length;
        }

        private int u(int i) {
            return buf[i] & 0xFF;
        }

        /** Decodes one frame (or skips noise) at the head of the buffer; answers the bytes used, 0 if it needs more. */
        private int next(List<Frame> frames) {
            int start = -1;
            for (int i = 0; i + 1 < size; i++) {
                if (u(i) == 0x00 && u(i + 1) == 0xFF) {
                    start = i;
                    break;
                }
            }
            if (start < 0) {
                // Keep a trailing 00: it may be the first half of a start code.
                return size > 0 && u(size - 1) == 0x00 ? size - 1 : size;
            }
            if (start > 0) {
                return start;
            }
            if (size < 4) {
                return 0;
            }
            int len = u(2);
            int lcs = u(3);
            if (len == 0x00 && lcs == 0xFF) {
                frames.add(new Ack());
                return 4;
            }
            if (len == 0xFF && lcs == 0x00) {
                frames.add(new Nack());
                return 4;
            }
            if (len == 0xFF && lcs == 0xFF) {
                frames.add(new Bad("extended frame (more than 254 bytes): not expected from these commands"));
                return 2;
            }
            if (((len + lcs) & 0xFF) != 0 || len == 0) {
                frames.add(new Bad(String.format(Locale.ROOT, "bad length checksum: LEN %02X LCS %02X", len, lcs)));
                return 2;
            }
            if (size < 4 + len + 1) {
                return 0;
            }
            frames.add(information(len));
            return 4 + len + 1;
        }

        private Frame information(int len) {
            int sum = 0;
            for (int i = 4; i < 4 + len + 1; i++) {
                sum += u(i);
            }
            if ((sum & 0xFF) != 0) {
                return new Bad(String.format(Locale.ROOT, "bad data checksum: DCS %02X", u(4 + len)));
            }
            int tfi = u(4);
            if (tfi == ERROR_TFI && len == 1) {
                return new ErrorFrame();
            }
            if (tfi != PN532_TO_HOST) {
                return new Bad(String.format(Locale.ROOT, "frame identifier %02X, expected D5 (PN532 to host)", tfi));
            }
            return new Response(Arrays.copyOfRange(buf, 5, 4 + len));
        }
    }
}
