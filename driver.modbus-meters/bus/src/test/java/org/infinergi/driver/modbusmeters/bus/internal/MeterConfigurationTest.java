package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.infinergi.core.charging.testing.Defaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The check of a meter configuration: refused at once naming what is allowed, else bound to its model by a target. */
class MeterConfigurationTest {

    private static final Set<String> INSTALLED = Set.of("SDM230", "SDM72D", "SDM72D-V1", "EM340");

    private final Buses buses = new Buses(J2modLink::open);
    private final List<String> written = new ArrayList<>();

    @AfterEach
    void close() {
        buses.close();
    }

    private MeterConfiguration check(String pid, Map<String, Object> settings, Map<String, Object> extra,
            Set<String> installed) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("service.pid", pid);
        return new MeterConfiguration(buses, Defaults.of(ModbusMeterConfig.class, settings), properties, installed,
                (p, target) -> written.add(p + " " + target));
    }

    private MeterConfiguration check(String pid, String model, String role) {
        return check(pid, Map.of("model", model, "role", role, "port", "/dev/ttyAMA0"), Map.of(), INSTALLED);
    }

    @Test
    void theConfiguredModelBecomesTheTargetOfTheMetersModelReference() {
        check("org.infinergi.meter.modbus~mid", "em340", "VEHICLE");

        assertEquals(List.of("org.infinergi.meter.modbus~mid (infinergi.meter.model=EM340)"), written);
    }

    @Test
    void aTargetAlreadyNamingTheModelIsNotWrittenAgain() {
        check("mid", Map.of("model", "SDM230", "role", "VEHICLE", "port", "/dev/ttyAMA0"),
                Map.of(ModelTarget.PROPERTY, "(infinergi.meter.model=SDM230)"), INSTALLED);

        assertEquals(List.of(), written, "no configuration update loop");
    }

    @Test
    void aTargetLeftFromAnotherModelIsWrittenAgain() {
        check("mid", Map.of("model", "SDM230", "role", "VEHICLE", "port", "/dev/ttyAMA0"),
                Map.of(ModelTarget.PROPERTY, "(infinergi.meter.model=EM340)"), INSTALLED);

        assertEquals(List.of("mid (infinergi.meter.model=SDM230)"), written);
    }

    @Test
    void aModelNoInstalledVendorBundleCarriesIsRefusedAtOnceNamingTheInstalledOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> check("mid", Map.of("model", "EM340", "role", "VEHICLE", "port", "/dev/ttyAMA0"), Map.of(),
                        Set.of("SDM230", "SDM72D", "SDM72D-V1")));
        assertEquals("org.infinergi.meter.modbus mid: model must be one of the installed models: SDM230, SDM72D, "
                + "SDM72D-V1; was 'EM340'", e.getMessage());
        assertEquals(List.of(), written, "no target: the meter binds no model");
    }

    @Test
    void aWrongRoleIsRefusedNamingTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check("mid", "SDM230", "CAR"));
        assertEquals("org.infinergi.meter.modbus mid: role must be VEHICLE or GRID, was 'CAR'", e.getMessage());
        assertEquals(List.of(), written);
    }

    @Test
    void aSecondVehicleMeterIsRefusedOneMidMeterPerStation() {
        MeterConfiguration first = check("org.infinergi.meter.modbus~mid", "SDM230", "VEHICLE");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> check("mid2", "EM340", "VEHICLE"));
        assertTrue(e.getMessage().contains("mid2: role=VEHICLE rejected: org.infinergi.meter.modbus~mid is already the "
                + "vehicle meter"), e.getMessage());
        check("grid", "EM340", "GRID").deactivate();

        first.deactivate();
        check("mid2", "EM340", "VEHICLE").deactivate();
    }
}
