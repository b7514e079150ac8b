package org.infinergi.driver.modbusmeters.eastron.internal;

import java.util.ArrayList;
import java.util.List;

import org.infinergi.driver.modbusmeters.bus.Encoding;
import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.Quantity;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;

/**
 * Eastron's input-register layout (function 04, IEEE-754 float32, high word first), shared by the SDM230 and the
 * SDM72D-M v2 (the SDM630 layout). Addresses are 0-based protocol addresses; energy registers are kWh (× 1000 to
 * Wh: one open stack scales by 0.001 here, a known trap). Sources: shared/domain/meter-registers.md (two open
 * implementations agree on every address used here, except the SDM72D-M v2 per-phase values: one source).
 */
final class EastronMaps {

    static final int VOLTAGE_L1 = 0x0000;
    static final int CURRENT_L1 = 0x0006;
    static final int POWER_L1 = 0x000C;
    static final int TOTAL_POWER = 0x0034;
    static final int IMPORT_ENERGY = 0x0048;

    private EastronMaps() {
    }

    private static Field f(Quantity q, int address, double scale) {
        return new Field(q, address, Encoding.FLOAT32, scale);
    }

    /** SDM230 (single-phase): V, I, P of its one phase and the imported energy. */
    static RegisterMap sdm230() {
        return new RegisterMap("SDM230", RegisterMap.Source.MID, 1, RegisterMap.Function.READ_INPUT_REGISTERS,
                RegisterMap.WordOrder.HIGH_FIRST, 40, List.of(
                        f(Quantity.VOLTAGE_L1, VOLTAGE_L1, 1), f(Quantity.CURRENT_L1, CURRENT_L1, 1),
                        f(Quantity.POWER, POWER_L1, 1), f(Quantity.IMPORT_ENERGY, IMPORT_ENERGY, 1000)));
    }

    /**
     * SDM72D-M (three-phase). {@code perPhase}: version 2 has the per-phase voltages and currents at 0x0000–0x000B;
     * version 1 has only totals, so its map reads those only (its phases read NaN). Reads stay at most 40 registers
     * long: some SDM72 units refuse 80.
     */
    static RegisterMap sdm72d(boolean perPhase) {
        List<Field> fields = new ArrayList<>();
        if (perPhase) {
            Quantity[] v = {Quantity.VOLTAGE_L1, Quantity.VOLTAGE_L2, Quantity.VOLTAGE_L3};
            Quantity[] i = {Quantity.CURRENT_L1, Quantity.CURRENT_L2, Quantity.CURRENT_L3};
            for (int p = 0; p < 3; p++) {
                fields.add(f(v[p], VOLTAGE_L1 + 2 * p, 1));
                fields.add(f(i[p], CURRENT_L1 + 2 * p, 1));
            }
        }
        fields.add(f(Quantity.POWER, TOTAL_POWER, 1));
        fields.add(f(Quantity.IMPORT_ENERGY, IMPORT_ENERGY, 1000));
        return new RegisterMap(perPhase ? "SDM72D" : "SDM72D-V1", RegisterMap.Source.MID, 3,
                RegisterMap.Function.READ_INPUT_REGISTERS, RegisterMap.WordOrder.HIGH_FIRST, 40, fields);
    }
}
