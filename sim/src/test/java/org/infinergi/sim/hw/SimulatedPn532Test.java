package org.infinergi.sim.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated PN532 answers the host's frames as UM0701-02 says, and only good ones. */
class SimulatedPn532Test {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String ACK = "0000FF00FF00";
    private final SimulatedPn532 chip = new SimulatedPn532();

    @BeforeEach
    void open() {
        chip.opened();
    }

    private String send(String hex) {
        byte[] b = HEX.parseHex(hex);
        chip.received(b, 0, b.length);
        byte[] out = new byte[chip.available()];
        chip.read(out, 0, out.length);
        return HEX.formatHex(out);
    }

    private String wakeThenSend(String hex) {
        send("55550000000000000000");
        return send(hex);
    }

    @Test
    void asleepUntilTheHsuWakeUp() {
        assertEquals("", send("0000FF02FED4022A00"), "no answer before 0x55 …");
        assertEquals(ACK + "0000FF06FAD50332010607E800", wakeThenSend("0000FF02FED4022A00"));
    }

    @Test
    void badLengthOrDataChecksum_noAnswer_unknownCommand_errorFrame() {
        assertEquals("", wakeThenSend("0000FF02FDD4022A00"), "LEN + LCS ≠ 0");
        assertEquals("", send("0000FF02FED4022B00"), "bad DCS");
        assertEquals(ACK + "0000FF01FF7F8100", send("0000FF02FED4FF2D00"), "unknown command FF: error frame");
        assertEquals(ACK + "0000FF06FAD50332010607E800", send("0000FF02FED4022A00"), "resynchronised");
    }

    @Test
    void aSwipeIsSeenByThreeDetections_aHeldCardUntilRemoved() {
        chip.present("04A1B2C3D4E5F6");
        String sevenBytes = ACK + "0000FF0FF1D54B01010044000704A1B2C3D4E5F6" + "CA00";
        assertEquals(sevenBytes, wakeThenSend("0000FF04FCD44A0100E100"));
        assertEquals(sevenBytes, send("0000FF04FCD44A0100E100"));
        assertEquals(sevenBytes, send("0000FF04FCD44A0100E100"));
        assertEquals(ACK + "0000FF03FDD54B00E000", send("0000FF04FCD44A0100E100"), "the hand moved on");
        chip.hold("01020304");
        for (int i = 0; i < 5; i++) {
            assertEquals(ACK + "0000FF0CF4D54B01010004080401020304C4" + "00", send("0000FF04FCD44A0100E100"));
        }
        chip.remove();
        assertEquals(ACK + "0000FF03FDD54B00E000", send("0000FF04FCD44A0100E100"));
        assertEquals(10, chip.detections());
    }

    @Test
    void twoSwipesInARow_areSeparatedByAnEmptyField() {
        String card = ACK + "0000FF0CF4D54B0101000408040102030" + "4C400";
        chip.present("01020304");
        assertEquals(card, wakeThenSend("0000FF04FCD44A0100E100"));
        chip.present("01020304"); // swiped again while the first swipe is still in the field
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 2 * SimulatedPn532.DETECTIONS_PER_SWIPE + SimulatedPn532.DETECTIONS_BETWEEN_SWIPES; i++) {
            seen.append(send("0000FF04FCD44A0100E100").equals(card) ? 'C' : '-');
        }
        assertEquals("CC" + "-".repeat(SimulatedPn532.DETECTIONS_BETWEEN_SWIPES) + "CCC-", seen.toString());
        chip.present("01020304"); // one empty detection since: the rest of the gap comes first
        for (int i = 1; i < SimulatedPn532.DETECTIONS_BETWEEN_SWIPES; i++) {
            assertEquals(ACK + "0000FF03FDD54B00E000", send("0000FF04FCD44A0100E100"));
        }
        assertEquals(card, send("0000FF04FCD44A0100E100"));
    }

    @Test
    void silent_answersNothing_thenComesBackAsleep() {
        assertEquals(ACK + "0000FF02FED515" + "1600", wakeThenSend("0000FF05FBD4140114010200"));
        chip.silent(true);
        assertEquals("", wakeThenSend("0000FF02FED4022A00"));
        chip.silent(false);
        assertEquals("", send("0000FF02FED4022A00"), "powered up again: asleep");
        assertEquals(ACK + "0000FF06FAD50332010607E800", wakeThenSend("0000FF02FED4022A00"));
    }

    @Test
    void onlyIso14443Uids() {
        assertThrows(IllegalArgumentException.class, () -> chip.present("62E3086CED"));
        assertArrayEquals(new byte[0], new byte[chip.available()]);
    }
}
