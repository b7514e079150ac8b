package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Issue 15: an empty value of a Modbus meter's configuration refuses the meter by name, never read as 0 or "". */
class ModbusMeterEmptyValueTest {

    @Test
    void anEmptyValueRefusesTheMeterNamingPidKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModbusMeterComponent.config(Map.of("service.pid", "org.infinergi.meter.modbus~mid",
                        "model", "SDM72D", "role", "VEHICLE", "host", "10.0.0.7", "tcpPort", "", "slaveId", "x")));

        assertEquals("org.infinergi.meter.modbus~mid: slaveId=x rejected: not a valid int; "
                + "org.infinergi.meter.modbus~mid: tcpPort=\"\" rejected: empty value; a value is required (remove the "
                + "key for the default 502)", e.getMessage());
    }

    @Test
    void aValidConfigurationIsReadFromItsTexts() {
        ModbusMeterConfig c = ModbusMeterComponent.config(Map.of("service.pid", "org.infinergi.meter.modbus~mid",
                "model", "SDM72D", "role", "VEHICLE", "host", "10.0.0.7", "tcpPort", "5020", "port", ""));

        assertEquals(5020, c.tcpPort());
        assertEquals("", c.port(), "a key whose default is empty may stay empty");
        assertEquals(1, c.slaveId());
    }
}
