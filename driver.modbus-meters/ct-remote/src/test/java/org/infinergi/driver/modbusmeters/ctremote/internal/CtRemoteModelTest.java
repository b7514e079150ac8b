package org.infinergi.driver.modbusmeters.ctremote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.junit.jupiter.api.Test;

/** The documented map (docs/meters.md): source CT, one contiguous block 0x0000–0x000F. */
class CtRemoteModelTest {

    @Test
    void theMapIsTheDocumentedOne() {
        RegisterMap m = new CtRemoteModel().registerMap();

        assertEquals(RegisterMap.Source.CT_REMOTE, m.source());
        assertEquals(3, m.phases());
        assertEquals(List.of(0x00, 0x02, 0x04, 0x06, 0x08, 0x0A, 0x0C, 0x0E),
                m.fields().stream().map(Field::address).sorted().toList());
        assertEquals(16, m.fields().stream().mapToInt(f -> f.encoding().registers()).sum(), "one read of 16 registers");
    }
}
