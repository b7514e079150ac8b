package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.internal.MeteringSettings.GridMeter;
import org.infinergi.core.charging.internal.MeteringSettings.VehicleMeter;
import org.junit.jupiter.api.Test;

/**
 * The MID meter option exists only on models with the RS485 terminal block for it (-DR, manual §2.6, §5.2.1.2):
 * elsewhere {@code vehicleMeter=MID} is rejected at once with a message, not met as a D9 a minute later.
 */
class MidMeterTerminalTest {

    private static final String REJECTED = "org.infinergi.metering: vehicleMeter=MID rejected: this model has no "
            + "RS485 terminal for a MID meter (manual §2.6, §5.2.1.2; -DR models only)";

    private static DeviceComponent dr() {
        return new DeviceComponent(Map.of("model", "INFINERGI-3T-DR", "midMeterTerminal", "true"));
    }

    private static DeviceComponent plain() {
        return new DeviceComponent(Map.of("model", "INFINERGI-3T"));
    }

    @Test
    void onADrModel_theMidMeterIsAccepted() {
        MeteringConfigComponent metering = new MeteringConfigComponent(dr(), Map.of("vehicleMeter", "MID"));

        assertEquals(VehicleMeter.MID, metering.meteringSettings().vehicleMeter());
        assertNull(metering.rejection());
        assertTrue(dr().midMeterTerminal(), "the Device service tells the other bundles");
    }

    @Test
    void withoutTheTerminal_theMidMeterIsRejectedWithWhy_andThePreviousConfigurationStays() {
        DeviceComponent device = plain();
        MeteringConfigComponent metering = new MeteringConfigComponent(device, Map.of("gridMeter", "CT_REMOTE"));

        metering.modified(Map.of("vehicleMeter", "MID", "gridMeter", "NONE"));

        assertEquals(new MeteringSettings(VehicleMeter.INTERNAL, GridMeter.CT_REMOTE), metering.meteringSettings(),
                "the whole PID is rejected: the previous grid meter stays too");
        assertEquals(REJECTED + " — the previous valid configuration stays in force", metering.rejection());
        assertEquals(false, device.midMeterTerminal());
        metering.modified(Map.of("gridMeter", "NONE"));
        assertNull(metering.rejection());
    }

    @Test
    void withoutTheTerminal_aFirstConfigurationWithTheMidMeter_leavesTheDefaults() {
        MeteringConfigComponent metering = new MeteringConfigComponent(plain(),
                Map.of("vehicleMeter", "MID", "gridMeter", "CT_REMOTE"));

        assertEquals(MeteringSettings.DEFAULTS, metering.meteringSettings());
        assertEquals(REJECTED + " — the safe defaults apply", metering.rejection());
    }

    @Test
    void theRejectionIsTheStatusConfigurationError_andNoD9Follows() {
        Rig r = new Rig(Rig.config("model", "INFINERGI-3T"));
        MeteringConfigComponent metering = new MeteringConfigComponent(r.device, Map.of());
        r.core.metering = metering;
        assertNull(r.cycle().configurationError());

        metering.modified(Map.of("vehicleMeter", "MID"));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertTrue(s.configurationError().contains(REJECTED), s.configurationError());
        s = r.cycle(61_000);
        assertNull(s.error(), "the integrated meter stays the vehicle meter: no MID meter is awaited");

        metering.modified(Map.of());
        assertNull(r.cycle().configurationError());
    }

    @Test
    void theLabelLosingTheTerminal_whileMidIsInForce_fallsBackToTheIntegratedMeter_andSaysWhy() {
        Rig r = new Rig(Rig.config("midMeterTerminal", true));
        MeteringConfigComponent metering = new MeteringConfigComponent(r.device, Map.of("vehicleMeter", "MID"));
        r.core.metering = metering;
        r.core.midMeter = r.meter;
        assertNull(r.cycle().configurationError());
        assertEquals(VehicleMeter.MID, metering.meteringSettings().vehicleMeter());

        r.device.modified(Rig.config("midMeterTerminal", false));
        ChargerStatus s = r.cycle();

        assertEquals(new MeteringSettings(VehicleMeter.INTERNAL, GridMeter.NONE), metering.meteringSettings());
        assertTrue(s.configurationError().contains(REJECTED + " (org.infinergi.device midMeterTerminal=false)"),
                s.configurationError());
        r.device.modified(Rig.config("midMeterTerminal", true));
        assertEquals(VehicleMeter.MID, metering.meteringSettings().vehicleMeter());
        assertNull(r.cycle().configurationError());
    }
}
