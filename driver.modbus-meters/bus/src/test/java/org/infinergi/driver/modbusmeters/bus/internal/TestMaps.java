package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.List;

import org.infinergi.driver.modbusmeters.bus.Encoding;
import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.Quantity;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;

/** An Eastron-like three-phase map: float32, input registers, kWh energy. */
final class TestMaps {

    private TestMaps() {
    }

    static RegisterMap threePhase() {
        Encoding f = Encoding.FLOAT32;
        return new RegisterMap("TEST3", RegisterMap.Source.MID, 3, RegisterMap.Function.READ_INPUT_REGISTERS,
                RegisterMap.WordOrder.HIGH_FIRST, 80, List.of(
                        new Field(Quantity.VOLTAGE_L1, 0x00, f, 1), new Field(Quantity.VOLTAGE_L2, 0x02, f, 1),
                        new Field(Quantity.VOLTAGE_L3, 0x04, f, 1), new Field(Quantity.CURRENT_L1, 0x06, f, 1),
                        new Field(Quantity.CURRENT_L2, 0x08, f, 1), new Field(Quantity.CURRENT_L3, 0x0A, f, 1),
                        new Field(Quantity.POWER, 0x34, f, 1), new Field(Quantity.IMPORT_ENERGY, 0x48, f, 1000)));
    }
}
