package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Which update waits for the end of the charging session (manual §5.9) and which is swapped at once under a charging
 * car (issue 14), from what the framework says of the bundle: the bundles of a 3T-DR image as examples.
 */
class ChargingPathTest {

    private static final String API = "org.infinergi.core.charging.api.";
    private static final String HAL = "org.infinergi.core.charging.hal.";

    private static BundleRole role(String bsn, Set<String> provides, Set<String> exports, Set<String> toCore,
            Set<String> toPilot) {
        return new BundleRole(bsn, provides, exports, toCore, toPilot);
    }

    @Test
    void theChargingCore_waits() {
        ChargingPath.Verdict v = ChargingPath.of(role("org.infinergi.core.charging",
                Set.of(API + "ChargerControl", API + "ChargerStatusService", API + "LimitProvider"), Set.of(),
                Set.of(API + "LimitProvider"), Set.of()));

        assertEquals(new ChargingPath.Verdict(true, "org.infinergi.core.charging is the charging core"), v);
    }

    @Test
    void thePilotDriver_waits() {
        ChargingPath.Verdict v = ChargingPath.of(role("org.infinergi.driver.pilot",
                Set.of(HAL + "PilotHardware", HAL + "Meter", HAL + "BoardSensors"), Set.of(),
                Set.of(HAL + "PilotHardware", HAL + "Meter"), Set.of()));

        assertEquals(new ChargingPath.Verdict(true, "org.infinergi.driver.pilot is the pilot driver"), v);
    }

    @Test
    void aBundleWhoseExportsAreImported_waits_evenWithoutServices() {
        ChargingPath.Verdict v = ChargingPath.of(role("org.infinergi.core.charging.api", Set.of(),
                Set.of("org.infinergi.core.charging.hal", "org.infinergi.core.charging.api"), Set.of(), Set.of()));

        assertEquals(new ChargingPath.Verdict(true, "org.infinergi.core.charging.api exports an API "
                + "(org.infinergi.core.charging.api, org.infinergi.core.charging.hal) that other bundles import: "
                + "updating it refreshes them"), v);
    }

    @Test
    void whatThePilotDriverUses_waits() {
        ChargingPath.Verdict v = ChargingPath.of(role("org.infinergi.sim", Set.of("com.pi4j.context.Context",
                "javax.servlet.Servlet"), Set.of(), Set.of(), Set.of("com.pi4j.context.Context")));

        assertEquals(new ChargingPath.Verdict(true, "org.infinergi.sim provides Context to the pilot driver"), v);
    }

    @Test
    void aHardwareContractTheCoreUses_waits() {
        ChargingPath.Verdict panel = ChargingPath.of(role("org.infinergi.feature.panel", Set.of(HAL + "PanelBoard"),
                Set.of(), Set.of(HAL + "PanelBoard"), Set.of()));
        ChargingPath.Verdict bus = ChargingPath.of(role("org.infinergi.driver.modbus-meters.bus",
                Set.of(HAL + "Meter"), Set.of(), Set.of(HAL + "Meter"), Set.of()));

        assertEquals(new ChargingPath.Verdict(true,
                "org.infinergi.feature.panel provides the hardware contract PanelBoard to the charging core"), panel);
        assertEquals(new ChargingPath.Verdict(true, "org.infinergi.driver.modbus-meters.bus provides the hardware "
                + "contract Meter to the charging core"), bus);
    }

    @Test
    void aMeterVendorBundle_theWebAndAuthentication_atOnce() {
        ChargingPath.Verdict eastron = ChargingPath.of(role("org.infinergi.driver.modbus-meters.eastron",
                Set.of("org.infinergi.driver.modbusmeters.bus.MeterModel"), Set.of(), Set.of(), Set.of()));
        ChargingPath.Verdict web = ChargingPath.of(role("org.infinergi.feature.web", Set.of("javax.servlet.Servlet"),
                Set.of(), Set.of(), Set.of()));
        // The core uses the authorization, but only to start a session: a running one does not depend on it.
        ChargingPath.Verdict auth = ChargingPath.of(role("org.infinergi.feature.auth",
                Set.of(API + "Authorization", HAL + "CardListener"), Set.of(), Set.of(API + "Authorization"),
                Set.of()));

        assertEquals(new ChargingPath.Verdict(false,
                "org.infinergi.driver.modbus-meters.eastron is not on the charging path"), eastron);
        assertEquals(new ChargingPath.Verdict(false, "org.infinergi.feature.web is not on the charging path"), web);
        assertEquals(new ChargingPath.Verdict(false, "org.infinergi.feature.auth is not on the charging path"), auth);
    }

    @Test
    void aHardwareContractNobodyOnThePathUses_atOnce() {
        // The RFID driver's CardListener calls go the other way: the core does not use a service of it.
        ChargingPath.Verdict v = ChargingPath.of(role("org.infinergi.driver.rfid", Set.of(HAL + "CardListener"),
                Set.of(), Set.of(), Set.of()));

        assertEquals(false, v.waits(), v.reason());
    }

    @Test
    void theIso14443ReaderTheCoreSupervises_waits() {
        // driver.rfid.pn532 registers CardReader, which the core reads every cycle (D3 when the reader is silent).
        ChargingPath.Verdict v = ChargingPath.of(role("org.infinergi.driver.rfid.pn532", Set.of(HAL + "CardReader"),
                Set.of(), Set.of(HAL + "CardReader"), Set.of()));

        assertEquals(new ChargingPath.Verdict(true, "org.infinergi.driver.rfid.pn532 provides the hardware contract "
                + "CardReader to the charging core"), v);
    }
}
