package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.infinergi.driver.modbusmeters.bus.Encoding;
import org.infinergi.driver.modbusmeters.bus.RegisterMap.WordOrder;
import org.junit.jupiter.api.Test;

class RegistersTest {

    @Test
    void float32HighWordFirstIsEastronOrder() {
        // 230.0 f = 0x43660000
        assertEquals(230.0, Registers.decode(new int[] {0x4366, 0x0000}, 0, Encoding.FLOAT32, WordOrder.HIGH_FIRST));
        assertEquals(230.0, Registers.decode(new int[] {0, 0x0000, 0x4366}, 1, Encoding.FLOAT32, WordOrder.LOW_FIRST));
    }

    @Test
    void int32LowWordFirstIsGavazziOrder() {
        // A real ET112 frame: 09 1B 00 00 at 0x0000 = 2331 × 0.1 V (meter-registers.md)
        assertEquals(2331.0, Registers.decode(new int[] {0x091B, 0x0000}, 0, Encoding.INT32, WordOrder.LOW_FIRST));
        assertEquals(-2.0, Registers.decode(new int[] {0xFFFE, 0xFFFF}, 0, Encoding.INT32, WordOrder.LOW_FIRST));
        assertEquals(4_294_967_294.0, Registers.decode(new int[] {0xFFFF, 0xFFFE}, 0, Encoding.UINT32, WordOrder.HIGH_FIRST));
    }

    @Test
    void sixteenBitValues() {
        assertEquals(-1.0, Registers.decode(new int[] {0xFFFF}, 0, Encoding.INT16, WordOrder.HIGH_FIRST));
        assertEquals(65535.0, Registers.decode(new int[] {0xFFFF}, 0, Encoding.UINT16, WordOrder.HIGH_FIRST));
    }

    @Test
    void theEncoderIsTheDecodersInverse() {
        for (WordOrder o : WordOrder.values()) {
            assertEquals(1234.5, Registers.decode(Registers.float32(1234.5f, o), 0, Encoding.FLOAT32, o));
        }
    }
}
