package org.infinergi.driver.ct.internal;

import com.pi4j.io.spi.Spi;

/**
 * Microchip MCP3208 on SPI mode 0, single-ended conversions in the three-byte frame of datasheet DS21298 figure 6-1:
 * {@code 0000 01 SGL D2 | D1 D0 xx xxxx | xxxx xxxx}; a null bit of 1 (MISO pulled up: no chip) is a failed
 * conversion. The pilot driver has the same few lines for its chips; an implementation package is not shared
 * between bundles (each can be updated alone).
 */
final class Mcp3208Adc {

    private final Spi spi;

    Mcp3208Adc(Spi spi) {
        this.spi = spi;
    }

    /** One single-ended conversion of {@code channel} (0..7), counts 0..4095. */
    int read(int channel) throws AdcException {
        byte[] tx = {(byte) (0b0000_0110 | (channel >> 2)), (byte) ((channel & 0b11) << 6), 0};
        byte[] rx = new byte[3];
        int n;
        try {
            n = spi.transfer(tx, rx, 3);
        } catch (RuntimeException e) {
            throw new AdcException("SPI transfer failed: " + e.getMessage());
        }
        if (n != 3) {
            throw new AdcException("SPI transfer returned " + n + " of 3 bytes");
        }
        if ((rx[1] & 0b0001_0000) != 0) {
            throw new AdcException("no null bit from the CT MCP3208 (chip absent or MISO stuck high)");
        }
        return ((rx[1] & 0x0F) << 8) | (rx[2] & 0xFF);
    }

    /** A conversion that did not happen: an expected device failure, not a bug. */
    static final class AdcException extends Exception {
        private static final long serialVersionUID = 1L;

        AdcException(String message) {
            super(message, null, false, false);
        }
    }
}
