package org.infinergi.driver.rfid.pn532.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Ack;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Bad;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.ErrorFrame;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Frame;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Nack;
import org.infinergi.driver.rfid.pn532.internal.Pn532Frames.Response;
import org.junit.jupiter.api.Test;

/** The PN532 frames of UM0701-02 §6.2.1: the host's commands byte for byte, and the chip's answers decoded. */
class Pn532FramesTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static List<Frame> decode(String hex) {
        byte[] b = HEX.parseHex(hex);
        return new Pn532Frames.Decoder().feed(b, 0, b.length);
    }

    private static Response response(String hex) {
        return new Response(HEX.parseHex(hex));
    }

    @Test
    void commandsAsTheUserManualPrintsThem() {
        // UM0701-02 §7.2.2 GetFirmwareVersion: LEN 02, LCS FE, D4 02, DCS 2A.
        assertEquals("0000FF02FED4022A00", HEX.formatHex(Pn532Frames.command(Pn532Commands.GET_FIRMWARE_VERSION)));
        // SAMConfiguration normal mode: D4 14 01 14 01, DCS = -(D4+14+01+14+01) = 02.
        assertEquals("0000FF05FBD4140114010200", HEX.formatHex(Pn532Frames.command(Pn532Commands.SAM_NORMAL_MODE)));
        // InListPassiveTarget, one target, 106 kbps type A.
        assertEquals("0000FF04FCD44A0100E100", HEX.formatHex(Pn532Frames.command(Pn532Commands.LIST_ONE_TYPE_A)));
        assertArrayEquals(HEX.parseHex("0000FF00FF00"), Pn532Frames.ACK);
    }

    @Test
    void ackNackErrorAndResponseFrames() {
        assertEquals(List.of(new Ack(), response("0332010607")),
                decode("0000FF00FF00" + "0000FF06FAD50332010607E800"));
        assertEquals(List.of(new Nack()), decode("0000FFFF0000"));
        assertEquals(List.of(new ErrorFrame()), decode("0000FF01FF7F8100"));
    }

    @Test
    void aBadLengthChecksumIsRejected_andTheNextFrameStillDecodes() {
        List<Frame> f = decode("0000FF06F9D50332010607E800" + "0000FF00FF00");
        assertInstanceOf(Bad.class, f.get(0));
        assertTrue(((Bad) f.get(0)).reason().contains("length checksum"), f.toString());
        assertEquals(new Ack(), f.get(f.size() - 1), f.toString());
        assertTrue(f.stream().noneMatch(Response.class::isInstance), "nothing of the bad frame is a response");
    }

    @Test
    void aBadDataChecksumIsRejected() {
        List<Frame> f = decode("0000FF06FAD50332010607E900");
        assertEquals(1, f.size(), f.toString());
        assertTrue(((Bad) f.get(0)).reason().contains("data checksum"), f.toString());
    }

    @Test
    void aFrameFromTheHostOrAnExtendedFrameIsNoAnswer() {
        assertTrue(((Bad) decode("0000FF02FED4022A00").get(0)).reason().contains("D4"));
        assertTrue(((Bad) decode("0000FFFFFF0003FD").get(0)).reason().contains("extended"));
    }

    @Test
    void framesSplitAnywhere_andNoiseBeforeThem() {
        byte[] all = HEX.parseHex("55AA01" + "0000FF00FF00" + "0000FF06FAD50332010607E800");
        Pn532Frames.Decoder d = new Pn532Frames.Decoder();
        List<Frame> got = new java.util.ArrayList<>();
        for (byte b : all) {
            got.addAll(d.feed(new byte[] {b}, 0, 1));
        }
        assertEquals(List.of(new Ack(), response("0332010607")), got);
    }

    @Test
    void targetsOf4_7_10ByteUids_noneAndWrongOnes() {
        assertEquals("01020304", Pn532Commands.target(HEX.parseHex("010100040804" + "01020304")).uid());
        assertEquals("04A1B2C3D4E5F6",
                Pn532Commands.target(HEX.parseHex("01010044000704A1B2C3D4E5F6")).uid());
        assertEquals("0102030405060708090A",
                Pn532Commands.target(HEX.parseHex("0101008420" + "0A" + "0102030405060708090A")).uid());
        assertEquals(Pn532Commands.Target.NONE, Pn532Commands.target(HEX.parseHex("00")));
        assertTrue(Pn532Commands.target(HEX.parseHex("0101000408050102030405")).failure().contains("5 bytes"));
        assertTrue(Pn532Commands.target(HEX.parseHex("02")).failure().contains("MaxTg"));
        assertTrue(Pn532Commands.target(HEX.parseHex("0101004400070102")).failure().contains("cut short"));
    }

    @Test
    void firmwareVersionTellsAPn532() {
        assertEquals("PN532 firmware 1.6", Pn532Commands.firmware(HEX.parseHex("32010607")));
        assertEquals(null, Pn532Commands.firmware(HEX.parseHex("07020304")), "PN533 or other: not this reader");
    }
}
