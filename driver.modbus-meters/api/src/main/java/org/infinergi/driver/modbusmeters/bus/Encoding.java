package org.infinergi.driver.modbusmeters.bus;

/** How a value is stored in 16-bit registers; 32-bit types take two registers in the map's word order. */
public enum Encoding {
    /** IEEE-754 single precision (Eastron, LUMEL, IVY). */
    FLOAT32(2),
    /** Signed 32-bit integer (Carlo Gavazzi). */
    INT32(2),
    /** Unsigned 32-bit integer. */
    UINT32(2),
    /** Signed 16-bit integer. */
    INT16(1),
    /** Unsigned 16-bit integer. */
    UINT16(1);

    private final int registers;

    Encoding(int registers) {
        this.registers = registers;
    }

    /** Registers one value takes. */
    public int registers() {
        return registers;
    }
}
