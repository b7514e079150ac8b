package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargingMode;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

    private static final InstallationSettings PREVIOUS = new InstallationSettings(true, 20, Earthing.IT, true);

    @Test
    void stringsFromCfgFilesAreParsed() {
        var r = ConfigParser.installation(Map.of("chargingEnabled", "false", "wiringLimitA", "16",
                "earthing", "TN_TT", "installationComplete", "true"), PREVIOUS);
        assertTrue(r.accepted());
        assertEquals(new InstallationSettings(false, 16, Earthing.TN_TT, true), r.value());
    }

    @Test
    void missingKeysTakeTheDefaults() {
        var r = ConfigParser.installation(Map.of(), PREVIOUS);
        assertEquals(InstallationSettings.DEFAULTS, r.value());
        assertFalse(r.value().installationComplete(), "factory state");
    }

    @Test
    void wiringLimitOutOfRange() {
        for (Object bad : new Object[] { 5, 33, "5", "40", 16.5 }) {
            var r = ConfigParser.installation(Map.of("wiringLimitA", bad), PREVIOUS);
            assertSame(PREVIOUS, r.value(), "for " + bad);
            assertTrue(r.errors().get(0).startsWith("org.infinergi.installation: wiringLimitA=" + bad + " rejected"),
                    r.errors().toString());
        }
    }

    @Test
    void unparsableNumber() {
        var r = ConfigParser.charging(Map.of("maxChargeRateA", "sixteen"), ChargingSettings.DEFAULTS);
        assertEquals("org.infinergi.charging: maxChargeRateA=sixteen rejected: not a number", r.errors().get(0));
    }

    @Test
    void maxChargeRateOutOfRange() {
        var prev = new ChargingSettings(ChargingMode.FAST, 10);
        assertSame(prev, ConfigParser.charging(Map.of("maxChargeRateA", 4), prev).value());
        assertSame(prev, ConfigParser.charging(Map.of("maxChargeRateA", 33), prev).value());
        assertEquals(12, ConfigParser.charging(Map.of("maxChargeRateA", 12L), prev).value().maxChargeRateA());
    }

    @Test
    void unknownEnumerationsListTheAllowedValues() {
        var r = ConfigParser.charging(Map.of("activeMode", "TURBO"), ChargingSettings.DEFAULTS);
        assertEquals("org.infinergi.charging: activeMode=TURBO rejected: unknown value; allowed: "
                + "FAST|GREEN|PROGRAMMED|OCPP", r.errors().get(0));
        var e = ConfigParser.installation(Map.of("earthing", "TN"), PREVIOUS);
        assertTrue(e.errors().get(0).contains("earthing=TN"), e.errors().toString());
        assertSame(PREVIOUS, e.value());
    }

    @Test
    void badBooleans() {
        var r = ConfigParser.installation(Map.of("installationComplete", "yes"), PREVIOUS);
        assertTrue(r.errors().get(0).contains("installationComplete=yes rejected: must be true or false"));
    }

    @Test
    void everyBadPropertyIsNamed() {
        var r = ConfigParser.installation(Map.of("wiringLimitA", 99, "earthing", "XX"), PREVIOUS);
        assertEquals(2, r.errors().size());
    }

    @Test
    void device() {
        var r = ConfigParser.device(Map.of("model", "INFINERGI-1T", "phases", "1", "ratedCurrentA", 32,
                "tethered", "true", "serial", "21/000-000001"), DeviceSettings.DEFAULTS);
        assertTrue(r.accepted());
        assertEquals(1, r.value().phases());
        assertFalse(ConfigParser.device(Map.of("phases", 2), DeviceSettings.DEFAULTS).accepted());
    }

    @Test
    void core() {
        assertEquals(new CoreSettings(100, 0),
                ConfigParser.core(Map.of("loopPeriodMs", 100, "stopGraceMs", 0), CoreSettings.DEFAULTS).value());
        assertFalse(ConfigParser.core(Map.of("stopGraceMs", 7000), CoreSettings.DEFAULTS).accepted());
    }

    @Test
    void protectionThresholds_fromCfgStrings_andRanges() {
        CoreSettings c = ConfigParser.core(Map.of("undervoltageV", "200", "overvoltageV", "260", "overloadPct", "130",
                "requireRdcDd", "false", "requireBoardSensors", "false", "faultHoldMs", "300"), CoreSettings.DEFAULTS)
                .value();
        assertEquals(200, c.undervoltageV());
        assertEquals(260, c.overvoltageV());
        assertEquals(130, c.overloadPct());
        assertFalse(c.requireRdcDd());
        assertFalse(c.requireBoardSensors());
        assertTrue(CoreSettings.DEFAULTS.requireRdcDd(), "safe default");
        assertEquals(207, CoreSettings.DEFAULTS.undervoltageV());
        assertEquals(253, CoreSettings.DEFAULTS.overvoltageV());
        assertEquals(125, CoreSettings.DEFAULTS.overloadPct());
        var bad = ConfigParser.core(Map.of("overloadPct", 90, "undervoltageV", 200), CoreSettings.DEFAULTS);
        assertFalse(bad.accepted());
        assertSame(CoreSettings.DEFAULTS, bad.value(), "whole PID rejected");
        assertTrue(bad.errors().get(0).contains("overloadPct=90"), bad.errors().toString());
    }

    @Test
    void thermalAndMetering() {
        assertEquals(new ThermalSettings(60, 80, 70),
                ConfigParser.thermal(Map.of("warningC", "60", "criticalC", "80", "recoveryC", "70"),
                        ThermalSettings.DEFAULTS).value());
        var bad = ConfigParser.thermal(Map.of("warningC", 90, "criticalC", 80), ThermalSettings.DEFAULTS);
        assertFalse(bad.accepted());
        assertTrue(bad.errors().get(0).contains("warningC=90"), bad.errors().toString());
        assertEquals(new MeteringSettings(MeteringSettings.VehicleMeter.MID, MeteringSettings.GridMeter.CT_REMOTE),
                ConfigParser.metering(Map.of("vehicleMeter", "MID", "gridMeter", "CT_REMOTE"), MeteringSettings.DEFAULTS,
                        true).value());
        assertFalse(ConfigParser.metering(Map.of("gridMeter", "RADIO"), MeteringSettings.DEFAULTS, true).accepted());
    }

    @Test
    void gridMeter_eachOfTheFourMeters_andAnUnknownOneRejectedNamingTheAllowedValues() {
        for (MeteringSettings.GridMeter g : MeteringSettings.GridMeter.values()) {
            assertEquals(g, ConfigParser.metering(Map.of("gridMeter", g.name()), MeteringSettings.DEFAULTS, false)
                    .value().gridMeter());
        }
        MeteringSettings previous = new MeteringSettings(MeteringSettings.VehicleMeter.INTERNAL,
                MeteringSettings.GridMeter.CT);
        var bad = ConfigParser.metering(Map.of("gridMeter", "CT_WIRED"), previous, false);
        assertFalse(bad.accepted());
        assertEquals(previous, bad.value(), "the previous grid meter stays");
        assertEquals(List.of("org.infinergi.metering: gridMeter=CT_WIRED rejected: unknown value; allowed: "
                + "NONE|CT|CT_REMOTE|MODBUS"), bad.errors());
    }

    @Test
    void outOfService_absentIsInService_aTypoIsRejectedAndTheStoredChoiceKept() {
        assertFalse(ConfigParser.outOfService(Map.of(), true).value());
        assertTrue(ConfigParser.outOfService(Map.of("outOfService", "TRUE"), false).value());
        ConfigParser.Result<Boolean> r = ConfigParser.outOfService(Map.of("outOfService", "yes"), true);
        assertFalse(r.accepted());
        assertTrue(r.value(), "previous kept");
        assertTrue(r.errors().get(0).contains("org.infinergi.availability: outOfService=yes"), r.errors().toString());
    }
}
