package org.infinergi.core.charging.internal;

import static org.infinergi.core.charging.internal.ErrorModelTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.testing.FakeMeter;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;

/**
 * Manual §5.2.1.2: a selected MID meter replaces the internal readings in the statistics (session energy, power,
 * history); the protections (V1, V3, I3, I4) keep judging the box's own internal measurement.
 */
class MidMeterProtectionTest {

    private static final double[] NOMINAL = { 230, 230, 230 };

    private final Rig r = ErrorModelTest.rig("overloadPct", 110, "overloadMs", 1000);
    private final FakeMeter mid = new FakeMeter(r.clock);

    MidMeterProtectionTest() {
        r.core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.MID,
                MeteringSettings.GridMeter.NONE);
        r.core.midMeter = mid;
    }

    /** A MID meter whose register map has totals only, no per-phase values (SDM72D-V1), answering now. */
    private void midTotalsOnly(double powerW, double energyWh) {
        mid.set(new MeterReading(r.clock.instant(), null, null, powerW, energyWh));
    }

    @Test
    void overload_v1_judgedOnTheInternalMeter_whenTheMidMeterHasNoPhaseValues() {
        midTotalsOnly(0, 100);
        r.charging();
        r.meter.setPhases(NOMINAL, new double[] { 18, 16, 16 }); // 112 % of the 16 A offered
        midTotalsOnly(3680, 100);
        assertEquals(ChargerState.CHARGING, r.cycle().state());
        midTotalsOnly(3680, 101);
        ChargerStatus s = r.cycle(1_000);
        assertError(s, "V1", 2);
        assertFalse(r.pilot.contactorCommanded(), "opened at once");
    }

    @Test
    void undervoltage_i3_judgedOnTheInternalMeter_whileTheMidMeterIsSilent_energyFromTheMidMeter() {
        mid.set(0, 1_000);
        r.meter.set(0, 50_000);
        r.charging();
        mid.set(7_000, 1_500);
        r.meter.set(7_000, 50_100);
        ChargerStatus s = r.cycle();
        assertEquals(500, s.sessionEnergyWh(), 1e-9, "session energy from the MID meter: " + s);
        assertEquals(7_000, s.powerW(), 1e-9);
        mid.silence();
        r.meter.setPhases(new double[] { 180, 230, 230 }, new double[] { 10, 10, 10 });
        r.cycle();
        s = r.cycle(2_000);
        assertError(s, "I3", 1);
        assertEquals(500, s.sessionEnergyWh(), 1e-9, "the silent MID meter's energy is kept");
    }

    @Test
    void nonCompliantVehicle_v3_judgedOnTheInternalMeter_whateverTheMidMeterSays() {
        Rig rig = new Rig(Rig.config());
        FixedLimitProvider dlm = new FixedLimitProvider(16, "dlm");
        rig.core.limitProviders.add(dlm);
        FakeMeter quiet = new FakeMeter(rig.clock);
        rig.core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.MID,
                MeteringSettings.GridMeter.NONE);
        rig.core.midMeter = quiet;
        quiet.set(0, 0); // the MID meter (wrongly wired, say) sees nothing flow
        rig.charging();
        rig.meter.setPhases(NOMINAL, new double[] { 16, 16, 16 });
        dlm.set(0);
        assertNull(rig.cycle().error());
        ChargerStatus s = rig.cycle(3_000);
        assertError(s, "V3", 2);
    }
}
