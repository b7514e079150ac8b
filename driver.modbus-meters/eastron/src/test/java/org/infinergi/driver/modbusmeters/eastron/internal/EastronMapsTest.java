package org.infinergi.driver.modbusmeters.eastron.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.Quantity;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.infinergi.driver.modbusmeters.bus.SerialDefaults;
import org.junit.jupiter.api.Test;

/** The addresses and scales of shared/domain/meter-registers.md, and that the bus accepts the maps. */
class EastronMapsTest {

    private static Map<Quantity, Field> fields(RegisterMap m) {
        return m.fields().stream().collect(Collectors.toMap(Field::quantity, f -> f));
    }

    @Test
    void sdm230() {
        RegisterMap m = new Sdm230Model().registerMap();
        Map<Quantity, Field> f = fields(m);

        assertEquals(1, m.phases());
        assertEquals(RegisterMap.Function.READ_INPUT_REGISTERS, m.function());
        assertEquals(RegisterMap.WordOrder.HIGH_FIRST, m.wordOrder());
        assertEquals(0x0000, f.get(Quantity.VOLTAGE_L1).address());
        assertEquals(0x0006, f.get(Quantity.CURRENT_L1).address());
        assertEquals(0x000C, f.get(Quantity.POWER).address());
        assertEquals(0x0048, f.get(Quantity.IMPORT_ENERGY).address());
        assertEquals(1000.0, f.get(Quantity.IMPORT_ENERGY).scale(), "kWh to Wh");
    }

    @Test
    void sdm72dVersionsTwoAndOne() {
        Map<Quantity, Field> v2 = fields(new Sdm72dModel().registerMap());
        Map<Quantity, Field> v1 = fields(new Sdm72dV1Model().registerMap());

        assertEquals(0x0034, v2.get(Quantity.POWER).address());
        assertEquals(0x0048, v2.get(Quantity.IMPORT_ENERGY).address());
        assertEquals(0x0004, v2.get(Quantity.VOLTAGE_L3).address());
        assertEquals(0x000A, v2.get(Quantity.CURRENT_L3).address());
        assertEquals(2, v1.size(), "version 1 has no per-phase registers");
        assertEquals("SDM72D-V1", new Sdm72dV1Model().registerMap().model());
    }

    /** The map files also carry the factory serial settings (9600 8N1, id 1) and no start-up grace (not IVY). */
    @Test
    void factorySerialSettingsFromTheMapFiles() {
        for (MeterModel m : List.of(new Sdm230Model(), new Sdm72dModel(), new Sdm72dV1Model())) {
            assertEquals(SerialDefaults.COMMON, m.serialDefaults(), m.registerMap().model());
            assertEquals(0, m.startupGraceMs(), m.registerMap().model());
            assertEquals(RegisterMap.Source.MID, m.registerMap().source(), m.registerMap().model());
            assertEquals(40, m.registerMap().maxRegisters(), "some SDM72 units refuse 80 registers");
        }
    }
}
