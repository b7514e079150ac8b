package org.infinergi.driver.modbusmeters.bus.internal;

import org.infinergi.driver.modbusmeters.bus.Encoding;
import org.infinergi.driver.modbusmeters.bus.RegisterMap.WordOrder;

/** Decoding of register words (unsigned 16-bit values) into numbers. */
final class Registers {

    private Registers() {
    }

    /** The raw value at {@code words[offset]} (before the field's scale). */
    static double decode(int[] words, int offset, Encoding encoding, WordOrder order) {
        return switch (encoding) {
            case UINT16 -> words[offset] & 0xFFFF;
            case INT16 -> (short) words[offset];
            case INT32 -> (double) join(words, offset, order);
            case UINT32 -> (double) Integer.toUnsignedLong(join(words, offset, order));
            case FLOAT32 -> Float.intBitsToFloat(join(words, offset, order));
        };
    }

    private static int join(int[] words, int offset, WordOrder order) {
        int first = words[offset] & 0xFFFF;
        int second = words[offset + 1] & 0xFFFF;
        return order == WordOrder.HIGH_FIRST ? first << 16 | second : second << 16 | first;
    }

    /** The two words of a float in {@code order}: the encoder the simulated meters and the tests use. */
    static int[] float32(float value, WordOrder order) {
        int bits = Float.floatToIntBits(value);
        int high = bits >>> 16;
        int low = bits & 0xFFFF;
        return order == WordOrder.HIGH_FIRST ? new int[] {high, low} : new int[] {low, high};
    }
}
