package org.infinergi.driver.modbusmeters.ctremote.internal;

import java.util.List;

import org.infinergi.driver.modbusmeters.bus.Encoding;
import org.infinergi.driver.modbusmeters.bus.Field;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.Quantity;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/**
 * The CT remote device (manual §4.6, §5.2.2; error D2 "radio communication error between the infinergi device and
 * the associated CT remote device"): up to three CTs at the grid connection, linked to the charger by radio and
 * seen through the radio module as a Modbus slave. Its register map is ours (docs/meters.md, this bundle's README):
 * function 04, float32 high word first, one read of 16 registers.
 */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=" + CtRemoteModel.NAME)
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=CT-REMOTE")
public final class CtRemoteModel implements MeterModel {

    static final String NAME = "CT-REMOTE";

    static final int VOLTAGE_L1 = 0x0000;
    static final int CURRENT_L1 = 0x0006;
    static final int POWER = 0x000C;
    static final int IMPORT_ENERGY = 0x000E;

    private final RegisterMap map = new RegisterMap(NAME, RegisterMap.Source.CT_REMOTE, 3,
            RegisterMap.Function.READ_INPUT_REGISTERS, RegisterMap.WordOrder.HIGH_FIRST, 16, List.of(
                    f(Quantity.VOLTAGE_L1, VOLTAGE_L1, 1), f(Quantity.VOLTAGE_L2, VOLTAGE_L1 + 2, 1),
                    f(Quantity.VOLTAGE_L3, VOLTAGE_L1 + 4, 1), f(Quantity.CURRENT_L1, CURRENT_L1, 1),
                    f(Quantity.CURRENT_L2, CURRENT_L1 + 2, 1), f(Quantity.CURRENT_L3, CURRENT_L1 + 4, 1),
                    f(Quantity.POWER, POWER, 1), f(Quantity.IMPORT_ENERGY, IMPORT_ENERGY, 1000)));

    private static Field f(Quantity q, int address, double scale) {
        return new Field(q, address, Encoding.FLOAT32, scale);
    }

    @Override
    public RegisterMap registerMap() {
        return map;
    }
}
