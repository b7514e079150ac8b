package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.infinergi.driver.modbusmeters.bus.SerialDefaults;

import org.infinergi.core.charging.testing.Defaults;
import org.junit.jupiter.api.Test;

class MeterSettingsTest {

    private static MeterSettings of(Map<String, Object> overrides) {
        return MeterSettings.of("mid", Defaults.of(ModbusMeterConfig.class, overrides));
    }

    private static String refused(Map<String, Object> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> of(overrides)).getMessage();
    }

    @Test
    void aSerialMeterOnTheRs485Terminal() {
        MeterSettings s = of(Map.of("model", "sdm72d", "role", "vehicle", "port", "/dev/ttyAMA0", "parity", "even"));

        assertEquals("SDM72D", s.model());
        assertEquals("VEHICLE", s.role());
        assertEquals(Endpoint.serial("/dev/ttyAMA0", 9600, "EVEN", 1), s.endpoint());
        assertEquals(2, s.attempts());
    }

    @Test
    void aTcpMeter() {
        MeterSettings s = of(Map.of("model", "CT-REMOTE", "role", "GRID", "host", "127.0.0.1", "tcpPort", 15021,
                "framing", "RTU_OVER_TCP"));

        assertEquals(Endpoint.tcp(Endpoint.Kind.RTU_OVER_TCP, "127.0.0.1", 15021), s.endpoint());
    }

    @Test
    void theModelsFactorySerialSettingsFillWhatTheConfigurationLeavesOut() {
        MeterSettings s = of(Map.of("model", "DTS353F-2", "role", "VEHICLE", "port", "/dev/ttyAMA0"));
        SerialDefaults ivy = new SerialDefaults(3, 19200, "EVEN", 1);

        MeterSettings factory = s.withDefaults(ivy, Set.of("model", "role", "port"));
        assertEquals(Endpoint.serial("/dev/ttyAMA0", 19200, "EVEN", 1), factory.endpoint());
        assertEquals(3, factory.slaveId());

        MeterSettings set = of(Map.of("model", "DTS353F-2", "role", "VEHICLE", "port", "/dev/ttyAMA0", "parity", "NONE",
                "slaveId", 7)).withDefaults(ivy, Set.of("model", "role", "port", "parity", "slaveId"));
        assertEquals(Endpoint.serial("/dev/ttyAMA0", 19200, "NONE", 1), set.endpoint(), "what is set wins");
        assertEquals(7, set.slaveId());
    }

    @Test
    void roleAndModelAreEnumerationsWhoseMessageNamesTheAllowedValues() {
        assertEquals("mid: role=PV rejected: must be VEHICLE or GRID",
                refused(Map.of("model", "SDM230", "role", "PV", "port", "/dev/x")));
        String m = assertThrows(IllegalArgumentException.class, () -> MeterSettings.of("mid", Defaults.of(
                ModbusMeterConfig.class, Map.of("model", "em999", "role", "GRID", "port", "/dev/x")),
                Set.of("EM340", "EM111"))).getMessage();
        assertEquals("mid: model=em999 rejected: must be one of the installed models: EM111, EM340", m);
        assertEquals("EM340", MeterSettings.of("mid", Defaults.of(ModbusMeterConfig.class, Map.of("model", "em340",
                "role", "GRID", "port", "/dev/x")), Set.of("EM340")).model());
    }

    @Test
    void invalidConfigurationNamesTheKey() {
        assertTrue(refused(Map.of("role", "VEHICLE", "port", "/dev/x")).contains("model= rejected: a model is required"));
        assertEquals("mid: model= rejected: a model is required (e.g. SDM72D); mid: role=PV rejected: must be VEHICLE "
                + "or GRID", refused(Map.of("role", "PV", "port", "/dev/x")), "every bad key named");
        assertTrue(refused(Map.of("model", "SDM230", "role", "GRID")).contains("not neither"));
        assertTrue(refused(Map.of("model", "SDM230", "role", "GRID", "port", "/dev/x", "host", "h")).contains("not both"));
        assertTrue(refused(Map.of("model", "SDM230", "role", "GRID", "port", "/dev/x", "baud", 9000)).contains("baud"));
        assertTrue(refused(Map.of("model", "SDM230", "role", "GRID", "port", "/dev/x", "slaveId", 0)).contains("slaveId"));
        assertTrue(refused(Map.of("model", "SDM230", "role", "GRID", "host", "h", "framing", "UDP")).contains("framing"));
        assertTrue(refused(Map.of("model", "SDM230", "role", "GRID", "host", "h", "holdMs", 1500)).contains("holdMs=1500 rejected: must be 2000.."));
    }
}
