package org.infinergi.driver.rfid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** RDM6300-type framing over a fake byte stream: good frames are cards, everything else is dropped with a reason. */
class FrameParserTest {

    private final FrameParser parser = new FrameParser(500);

    /** A frame as the module sends it: STX, hex UID, hex XOR, ETX. */
    static byte[] frame(String uid) {
        int x = 0;
        for (int i = 0; i < uid.length(); i += 2) {
            x ^= Integer.parseInt(uid.substring(i, i + 2), 16);
        }
        return ascii("\u0002" + uid + String.format(Locale.ROOT, "%02X", x) + "\u0003");
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private List<FrameParser.Event> feed(byte[] data, long nowMs) {
        return parser.feed(data, data.length, nowMs);
    }

    private static String uid(FrameParser.Event e) {
        return assertInstanceOf(FrameParser.Card.class, e).uid();
    }

    private static String reason(FrameParser.Event e) {
        return assertInstanceOf(FrameParser.Dropped.class, e).reason();
    }

    @Test
    void theDatasheetFrameIsACard() {
        // RDM630 datasheet example: tag 62E3086CED, checksum 08.
        assertEquals(List.of(new FrameParser.Card("62E3086CED")), feed(ascii("\u000262E3086CED08\u0003"), 0));
    }

    @Test
    void uidsOfFourSevenAndTenBytesAreCards() {
        for (String uid : List.of("04A2B3C4", "04A2B3C4D5E680", "0102030405060708090A")) {
            assertEquals(List.of(new FrameParser.Card(uid)), feed(frame(uid), 0), uid);
        }
    }

    @Test
    void lowerCaseHexIsReadAsTheSameCard() {
        assertEquals("04A2B3C4", uid(feed(ascii("\u000204a2b3c4d1\u0003"), 0).get(0)));
    }

    @Test
    void aBadChecksumIsNoCard() {
        List<FrameParser.Event> events = feed(ascii("\u000204A2B3C4D2\u0003"), 0);
        assertEquals(1, events.size());
        assertTrue(reason(events.get(0)).contains("bad checksum"), events.toString());
    }

    @Test
    void garbageAroundAFrameIsDroppedAndTheFrameStillCounts() {
        List<FrameParser.Event> events = feed(concat(ascii("xx\u0003\r\n"), frame("04A2B3C4"), ascii("zz")), 0);
        assertEquals(3, events.size(), events.toString());
        assertTrue(reason(events.get(0)).contains("5 byte(s) outside a frame"));
        assertEquals("04A2B3C4", uid(events.get(1)));
        assertTrue(reason(events.get(2)).contains("2 byte(s) outside a frame"));
    }

    @Test
    void aFrameCutByANewStxIsDroppedAndTheNextOneCounts() {
        List<FrameParser.Event> events = feed(concat(ascii("\u000204A2B3"), frame("11223344")), 0);
        assertEquals(2, events.size(), events.toString());
        assertTrue(reason(events.get(0)).contains("STX again"));
        assertEquals("11223344", uid(events.get(1)));
    }

    @Test
    void aFrameSplitAcrossReadsIsOneCard() {
        byte[] f = frame("04A2B3C4");
        assertEquals(List.of(), parser.feed(f, 5, 0));
        byte[] rest = java.util.Arrays.copyOfRange(f, 5, f.length);
        assertEquals(List.of(new FrameParser.Card("04A2B3C4")), feed(rest, 100));
    }

    @Test
    void theRestOfAFrameTooLateIsDropped() {
        byte[] f = frame("04A2B3C4");
        parser.feed(f, 5, 0);
        byte[] rest = java.util.Arrays.copyOfRange(f, 5, f.length);
        List<FrameParser.Event> events = feed(rest, 501);
        assertTrue(reason(events.get(0)).contains("no ETX within 500 ms"), events.toString());
        assertTrue(events.stream().noneMatch(e -> e instanceof FrameParser.Card), events.toString());
        // and the stream recovers at the next frame
        assertEquals(List.of(new FrameParser.Card("04A2B3C4")), feed(frame("04A2B3C4"), 600));
    }

    @Test
    void nonHexWrongLengthAndOverlongFramesAreDropped() {
        assertTrue(reason(feed(ascii("\u000204A2B3G4D1\u0003"), 0).get(0)).contains("non-hex"));
        assertTrue(reason(feed(ascii("\u000204A2B3C\u0003"), 0).get(0)).contains("frame of 7 characters"));
        assertTrue(reason(feed(ascii("\u000204A2B3\u0003"), 0).get(0)).contains("frame of 6 characters"));
        List<FrameParser.Event> events = feed(ascii("\u0002" + "0".repeat(30) + "\u0003"), 0);
        assertTrue(reason(events.get(0)).contains("longer than 22"), events.toString());
        assertTrue(events.stream().noneMatch(e -> e instanceof FrameParser.Card), events.toString());
        assertEquals(List.of(new FrameParser.Card("04A2B3C4")), feed(frame("04A2B3C4"), 0));
    }

    @Test
    void randomNoiseNeverMakesACardWithABadChecksum() {
        java.util.Random random = new java.util.Random(42);
        byte[] noise = new byte[20_000];
        for (int i = 0; i < noise.length; i++) {
            // Noise rich in framing bytes and hex digits, so frames start and end often.
            int r = random.nextInt(20);
            noise[i] = (byte) (r == 0 ? 0x02 : r == 1 ? 0x03 : "0123456789ABCDEF".charAt(random.nextInt(16)));
        }
        for (FrameParser.Event e : feed(noise, 0)) {
            if (e instanceof FrameParser.Card c) {
                // Whatever noise yields must still be a whole frame with a matching checksum.
                assertTrue(c.uid().length() >= 8 && c.uid().length() <= 20 && c.uid().length() % 2 == 0, c.uid());
            }
        }
    }
}
