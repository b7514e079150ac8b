package org.infinergi.sim.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Mcp3208Test {

    /** Datasheet figure 6-1 framing: 0000 01 SGL D2 | D1 D0 xxxxxx | xxxxxxxx. */
    private static byte[] frame(int channel) {
        return new byte[] {(byte) (0x06 | (channel >> 2)), (byte) ((channel & 3) << 6), 0};
    }

    @Test
    void answersTwelveBitsAfterTheNullBitInTheStandardThreeByteFrame() {
        Mcp3208 chip = new Mcp3208();
        chip.setCounts(5, 0xABC);
        byte[] rx = chip.exchange(frame(5));
        // Byte 1: D1 D0 (high-Z → 1), sample (high-Z → 1), null bit 0, then B11..B8.
        assertEquals(0b1110_1010, rx[1] & 0xFF);
        assertEquals(0xBC, rx[2] & 0xFF);
        assertEquals(0xFF, rx[0] & 0xFF);
    }

    @Test
    void everyChannelIsAddressedByItsOwnBits() {
        Mcp3208 chip = new Mcp3208();
        for (int ch = 0; ch < 8; ch++) {
            chip.setCounts(ch, 100 * ch + 7);
        }
        for (int ch = 0; ch < 8; ch++) {
            byte[] rx = chip.exchange(frame(ch));
            assertEquals(100 * ch + 7, ((rx[1] & 0x0F) << 8) | (rx[2] & 0xFF), "channel " + ch);
        }
    }

    @Test
    void startBitMayComeAnywhereAndLsbFirstRepeatFollows() {
        Mcp3208 chip = new Mcp3208();
        chip.setCounts(0, 0b1000_0000_0011);
        // Start bit as the very first bit: 1 SGL D2 D1 D0 → 1100 0 sample null B11..B0 (12) then B1..B11.
        byte[] rx = chip.exchange(new byte[] {(byte) 0b1100_0000, 0, 0, 0});
        // bits: 0-4 config (1s), 5 sample (1), 6 null (0), 7..18 B11..B0, 19..29 B1..B11, then 0
        long bits = 0;
        for (byte b : rx) {
            bits = (bits << 8) | (b & 0xFF);
        }
        int msbFirst = (int) ((bits >> (32 - 19)) & 0xFFF);
        assertEquals(0b1000_0000_0011, msbFirst);
        assertEquals(0, (bits >> (32 - 7)) & 1, "null bit");
    }

    @Test
    void clampsValuesAndMissingChipReadsAllOnes() {
        Mcp3208 chip = new Mcp3208();
        chip.setValue(0, 99.0, 0.01, 0.0);
        assertEquals(4095, chip.counts(0));
        chip.setValue(0, -15.0, 30.0 / 4095, -15.0);
        assertEquals(0, chip.counts(0));
        chip.setValue(0, 12.0, 30.0 / 4095, -15.0);
        assertEquals(3686, chip.counts(0));
        chip.setAbsent(true);
        assertArrayEquals(new byte[] {-1, -1, -1}, chip.exchange(frame(0)));
    }
}
