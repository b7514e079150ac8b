package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.ModbusIOException;

import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.junit.jupiter.api.Test;

/** RTU on a serial device: a port that is not there is a line that does not answer, not a crash. */
class SerialLinkTest {

    @Test
    void aMissingSerialPortIsNoAnswer() {
        ModbusLink link = J2modLink.open(Endpoint.serial("/dev/infinergi-no-such-port", 9600, "NONE", 1));
        try {
            ModbusIOException e = assertThrows(ModbusIOException.class,
                    () -> link.read(1, RegisterMap.Function.READ_INPUT_REGISTERS, 0, 2, 100, 1));
            assertTrue(e.getMessage().startsWith("cannot open /dev/infinergi-no-such-port 9600 8N1"), e.getMessage());
        } finally {
            link.close();
        }
    }

    @Test
    void twoStopBitsAreTwoOnTheLineNotOneAndAHalf() {
        // j2mod: 1 = one, 2 = one and a half, 3 = two stop bits.
        assertEquals("2", J2modLink.parameters(Endpoint.serial("/dev/x", 9600, "NONE", 2)).getStopbitsString());
        assertEquals("1", J2modLink.parameters(Endpoint.serial("/dev/x", 9600, "NONE", 1)).getStopbitsString());
        assertEquals("even", J2modLink.parameters(Endpoint.serial("/dev/x", 9600, "EVEN", 1)).getParityString());
    }
}
