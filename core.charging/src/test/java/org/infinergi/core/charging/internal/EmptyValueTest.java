package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.config.EmptyValues;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: {@code maxChargeRateA =} (an empty value in an etc file) raised the offer from the installer's 10 A to the
 * default 32 A. An empty value of a key that has a value is rejected like any invalid one — for every key of every
 * PID the core owns, the whole PID, naming PID, key and value, the previous configuration kept.
 */
class EmptyValueTest {

    /** One PID: its Metatype spec and its parser with a previous configuration that differs from the defaults. */
    private record Owner(String pid, MetatypeSpec spec, Object previous, Function<Map<String, ?>, ConfigParser.Result<?>> parse) {
    }

    private static final InstallationSettings INSTALLATION = new InstallationSettings(true, 20, Earthing.IT, true);
    private static final ChargingSettings CHARGING = new ChargingSettings(ChargingMode.GREEN, 10);
    private static final DeviceSettings DEVICE = new DeviceSettings("INFINERGI-3T-DR", "S1", "M1", 3, 32, true, true);
    private static final CoreSettings CORE = ConfigParser.core(Map.of("loopPeriodMs", 50), null).value();
    private static final ThermalSettings THERMAL = new ThermalSettings(60, 80, 50);
    private static final MeteringSettings METERING = new MeteringSettings(MeteringSettings.VehicleMeter.MID,
            MeteringSettings.GridMeter.CT_REMOTE);

    /** Every PID parsed in this bundle ({@link ConfigParser}); {@link OnePidOneOwnerTest} checks each has one owner. */
    private static final List<Owner> OWNERS = List.of(
            new Owner(Pids.INSTALLATION, ConfigParser.INSTALLATION, INSTALLATION,
                    p -> ConfigParser.installation(p, INSTALLATION)),
            new Owner(Pids.CHARGING, ConfigParser.CHARGING, CHARGING, p -> ConfigParser.charging(p, CHARGING)),
            new Owner(Pids.DEVICE, ConfigParser.DEVICE, DEVICE, p -> ConfigParser.device(p, DEVICE)),
            new Owner(Pids.CORE, ConfigParser.CORE, CORE, p -> ConfigParser.core(p, CORE)),
            new Owner(Pids.THERMAL, ConfigParser.THERMAL, THERMAL, p -> ConfigParser.thermal(p, THERMAL)),
            new Owner(Pids.METERING, ConfigParser.METERING, METERING,
                    p -> ConfigParser.metering(p, METERING, true)),
            new Owner(Pids.AVAILABILITY, ConfigParser.AVAILABILITY, Boolean.TRUE,
                    p -> ConfigParser.outOfService(p, true)),
            new Owner(Pids.HISTORY, ConfigParser.HISTORY, "kept.mv.db", p -> ConfigParser.databaseFile(p, "kept.mv.db")));

    @Test
    void everyPidOfTheBundleIsCovered() {
        assertEquals(List.of(Pids.INSTALLATION, Pids.CHARGING, Pids.DEVICE, Pids.CORE, Pids.THERMAL, Pids.METERING,
                Pids.AVAILABILITY, Pids.HISTORY), OWNERS.stream().map(Owner::pid).toList());
    }

    @Test
    void anEmptyValueOfAKeyThatHasAValue_rejectsTheWholePid_namingPidKeyAndValue() {
        int checked = 0;
        for (Owner o : OWNERS) {
            for (MetatypeSpec.Attribute a : o.spec().attributes().values()) {
                if (a.dflt().isEmpty()) {
                    continue;
                }
                for (String empty : List.of("", "  ")) {
                    ConfigParser.Result<?> r = o.parse().apply(Map.of(a.id(), empty));
                    String what = o.pid() + " " + a.id() + "='" + empty + "'";
                    assertFalse(r.accepted(), what + " accepted");
                    assertSame(o.previous(), r.value(), what + ": the previous configuration stays in force");
                    assertEquals(1, r.errors().size(), r.errors().toString());
                    assertTrue(r.errors().get(0).startsWith(o.pid() + ": " + a.id() + "=\"" + empty + "\" rejected: "
                            + ConfigParser.EMPTY + a.dflt() + ")"), r.errors().get(0));
                    checked++;
                }
            }
        }
        assertTrue(checked > 60, "every key: " + checked);
    }

    /** Each PID's Config annotation, for the rule as other bundles call it (from the annotation's defaults). */
    private static final Map<String, Class<? extends java.lang.annotation.Annotation>> ANNOTATIONS = Map.of(
            Pids.INSTALLATION, InstallationConfig.class, Pids.CHARGING, ChargingConfig.class, Pids.DEVICE,
            DeviceConfig.class, Pids.CORE, CoreConfig.class, Pids.THERMAL, ThermalConfig.class, Pids.METERING,
            MeteringConfig.class, Pids.AVAILABILITY, AvailabilityConfig.class, Pids.HISTORY, HistoryConfig.class);

    @Test
    void theSharedRule_fromTheAnnotation_rejectsExactlyWhatThisBundlesParserRejects() {
        for (Owner o : OWNERS) {
            for (MetatypeSpec.Attribute a : o.spec().attributes().values()) {
                Map<String, String> empty = Map.of(a.id(), "");
                List<ConfigurationRejection> shared = EmptyValues.emptyValues(o.pid(), empty,
                        ANNOTATIONS.get(o.pid()));
                assertEquals(o.parse().apply(empty).rejections(), shared, o.pid() + " " + a.id());
            }
        }
    }

    @Test
    void aKeyWithoutAValue_mayBeEmpty() {
        // The label's serial number and MAC address are unknown on a bare board (no default).
        var r = ConfigParser.device(Map.of("serial", "", "mac", " "), DEVICE);
        assertTrue(r.accepted(), r.errors().toString());
        assertEquals("", r.value().serial());
    }

    @Test
    void theInstallersTenAmpsStay_whenTheLineIsEmptiedLater() {
        ChargingComponent owner = new ChargingComponent(Map.of("maxChargeRateA", "10"));
        assertEquals(10, owner.settings().maxChargeRateA());
        owner.modified(Map.of("maxChargeRateA", ""));
        assertEquals(10, owner.settings().maxChargeRateA(), "not the default 32 A");
        assertNotNull(owner.rejection());
        assertTrue(owner.rejection().startsWith("org.infinergi.charging: maxChargeRateA=\"\" rejected: empty value"),
                owner.rejection());
    }

    @Test
    void anEmptyFirstConfiguration_isRejectedToo_theSafeDefaultsApply() {
        InstallationComponent owner = new InstallationComponent(Map.of("wiringLimitA", "", "installationComplete",
                "true"));
        assertEquals(InstallationSettings.DEFAULTS, owner.settings());
        assertFalse(owner.settings().installationComplete(), "nothing charges on a half-read configuration");
        assertTrue(owner.rejection().contains("wiringLimitA=\"\" rejected"), owner.rejection());
    }
}
