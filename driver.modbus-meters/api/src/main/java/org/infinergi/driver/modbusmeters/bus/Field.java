package org.infinergi.driver.modbusmeters.bus;

import java.util.Objects;

/**
 * One quantity of a register map.
 *
 * @param quantity what it holds
 * @param address  0-based protocol address of its first register (datasheet "3xxxx"/"4xxxx" minus prefix and 1)
 * @param encoding how it is stored
 * @param scale    factor from the raw value to the quantity's unit (e.g. 1000 for kWh → Wh, 0.1 for 0.1 V steps)
 */
public record Field(Quantity quantity, int address, Encoding encoding, double scale) {

    public Field {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(encoding, "encoding");
        if (address < 0 || address + encoding.registers() > 0x10000) {
            throw new IllegalArgumentException(quantity + ": address " + address + " outside 0..65535");
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException(quantity + ": scale must be finite and not 0, was " + scale);
        }
    }

    /** The address after its last register. */
    public int end() {
        return address + encoding.registers();
    }
}
