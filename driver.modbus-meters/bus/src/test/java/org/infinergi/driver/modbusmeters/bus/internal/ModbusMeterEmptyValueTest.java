package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Issue 15: an empty value of a Modbus meter's configuration refuses the meter by name, never read as 0 or "". */
class ModbusMeterEmptyValueTest {

    @Test
    void anEmptyValueRefusesTheMeterNamingPidKeyAndValue() {
        MeterSettings.Refused e = assertThrows(MeterSettings.Refused.class,
                () -> ModbusMeterComponent.check("org.infinergi.meter.modbus~mid", Map.of("model", "SDM72D", "role",
                        "VEHICLE", "host", "10.0.0.7", "tcpPort", "", "slaveId", "x"), Set.of("SDM72D")));

        assertEquals("org.infinergi.meter.modbus~mid: slaveId=x rejected: not a valid int; "
                + "org.infinergi.meter.modbus~mid: tcpPort=\"\" rejected: empty value; a value is required (remove the "
                + "key for the default 502)", e.getMessage());
        assertEquals(2, e.rejections().size());
    }

    @Test
    void aValidConfigurationIsReadFromItsTexts() {
        MeterSettings s = ModbusMeterComponent.check("org.infinergi.meter.modbus~mid", Map.of("model", "SDM72D",
                "role", "VEHICLE", "host", "10.0.0.7", "tcpPort", "5020", "port", ""), Set.of("SDM72D"));

        assertEquals(Endpoint.tcp(Endpoint.Kind.TCP, "10.0.0.7", 5020), s.endpoint(), "a key whose default is empty "
                + "may stay empty");
        assertEquals(1, s.slaveId());
    }
}
