package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.infinergi.driver.modbusmeters.bus.Encoding;
import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.Quantity;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.junit.jupiter.api.Test;

/** The map's own checks, and how the bus plans its reads from it. */
class RegisterMapTest {

    private static RegisterMap map(int phases, int max, Field... fields) {
        return new RegisterMap("M", RegisterMap.Source.MID, phases, RegisterMap.Function.READ_INPUT_REGISTERS,
                RegisterMap.WordOrder.HIGH_FIRST, max, List.of(fields));
    }

    private static Field f(Quantity q, int address) {
        return new Field(q, address, Encoding.FLOAT32, 1);
    }

    @Test
    void powerAndEnergyAreRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> map(1, 80, f(Quantity.POWER, 0x0C)));
        assertTrue(e.getMessage().contains("IMPORT_ENERGY is required"), e.getMessage());
    }

    @Test
    void overlappingFieldsAndPhasesBeyondTheMeterAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> map(1, 80, f(Quantity.POWER, 0x0C), f(Quantity.IMPORT_ENERGY, 0x0D)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> map(1, 80, f(Quantity.POWER, 0x0C), f(Quantity.IMPORT_ENERGY, 0x48), f(Quantity.VOLTAGE_L2, 0x02)));
        assertTrue(e.getMessage().contains("VOLTAGE_L2 on a 1-phase meter"), e.getMessage());
    }

    @Test
    void adjacentFieldsAreReadTogetherGapsSeparately() {
        ReadPlan plan = ReadPlan.of(TestMaps.threePhase());

        assertEquals(List.of(0x00, 0x34, 0x48), plan.blocks().stream().map(ReadPlan.Block::address).toList());
        assertEquals(List.of(12, 2, 2), plan.blocks().stream().map(ReadPlan.Block::count).toList());
    }

    @Test
    void aReadNeverExceedsTheMeterLimit() {
        ReadPlan plan = ReadPlan.of(map(3, 4, f(Quantity.VOLTAGE_L1, 0), f(Quantity.VOLTAGE_L2, 2),
                f(Quantity.VOLTAGE_L3, 4), f(Quantity.POWER, 6), f(Quantity.IMPORT_ENERGY, 8)));

        assertEquals(List.of(4, 4, 2), plan.blocks().stream().map(ReadPlan.Block::count).toList());
    }
}
