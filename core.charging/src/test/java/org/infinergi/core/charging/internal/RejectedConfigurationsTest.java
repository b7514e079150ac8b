package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.FakeBoardSensors;
import org.infinergi.core.config.EmptyValues;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: an invalid authentication configuration showed only in {@code /api/auth}. The status lists every
 * rejected configuration — the core's PIDs and every other owner's on the whiteboard — in words
 * ({@code configurationError}) and one entry per key ({@code rejectedConfigurations}: PID, key, value, why).
 */
class RejectedConfigurationsTest {

    private static final ConfigurationRejection AUTH = new ConfigurationRejection("org.infinergi.auth", "mode",
            "TURBO", "unknown value; allowed: FREE|LOCAL_LIST|CENTRALIZED|CENTRALIZED_WITH_LOCAL_LIST");

    /** An owner outside the core, as the authentication feature registers itself. */
    private static final class Owner implements ConfigurationOwner {
        volatile List<ConfigurationRejection> rejections = List.of();

        @Override
        public List<ConfigurationRejection> rejections() {
            return rejections;
        }
    }

    /** A rig with the built-in providers of the installation, the user's maximum and the device rating. */
    private static Rig rig() {
        Rig r = new Rig();
        r.core.limitProviders.add(new WiringLimitProvider(r.installation));
        r.core.limitProviders.add(new UserMaximumLimitProvider(r.charging));
        r.core.limitProviders.add(new DeviceRatingLimitProvider(r.device));
        return r;
    }

    @Test
    void anotherBundlesRejection_isListedInTheStatus_untilItIsFixed() {
        Rig r = rig();
        Owner auth = new Owner();
        r.core.configurationOwners.add(auth);
        assertNull(r.vehicle(PilotState.B).configurationError());

        auth.rejections = List.of(AUTH);
        ChargerStatus s = r.cycle();
        assertEquals("org.infinergi.auth: mode=TURBO rejected: unknown value; allowed: "
                + "FREE|LOCAL_LIST|CENTRALIZED|CENTRALIZED_WITH_LOCAL_LIST", s.configurationError());
        assertEquals(List.of(AUTH), s.rejectedConfigurations());

        auth.rejections = List.of();
        s = r.cycle();
        assertNull(s.configurationError());
        assertEquals(List.of(), s.rejectedConfigurations());
    }

    @Test
    void theCoresOwnAndAnotherBundles_allInOnePlace_perKey() {
        Rig r = rig();
        Owner auth = new Owner();
        auth.rejections = List.of(AUTH);
        r.core.configurationOwners.add(auth);
        r.vehicle(PilotState.B);
        r.modified(Rig.config("wiringLimitA", 40, "maxChargeRateA", ""));
        ChargerStatus s = r.cycle();
        assertEquals(List.of(
                new ConfigurationRejection("org.infinergi.installation", "wiringLimitA", "40", "must be 6..32 A"),
                new ConfigurationRejection("org.infinergi.charging", "maxChargeRateA", "\"\"",
                        EmptyValues.EMPTY_VALUE + "32)"),
                AUTH), s.rejectedConfigurations());
        for (String named : List.of("org.infinergi.installation: wiringLimitA=40", "org.infinergi.charging: "
                + "maxChargeRateA=\"\"", "org.infinergi.auth: mode=TURBO")) {
            assertTrue(s.configurationError().contains(named), s.configurationError());
        }
        assertEquals(32.0, s.offeredCurrentA(), "previous configuration in force");
    }

    @Test
    void anOwnerThatThrows_costsOnlyItsOwnEntry() {
        Rig r = rig();
        r.core.configurationOwners.add(() -> {
            throw new IllegalStateException("not ready");
        });
        ChargerStatus s = r.vehicle(PilotState.B);
        assertNull(s.configurationError());
        assertEquals(32.0, s.offeredCurrentA());
    }

    @Test
    void thermalAndAvailability_areOwnersToo() {
        ThermalLimitProvider thermal = new ThermalLimitProvider(Map.of("warningC", "90"));
        assertEquals(List.of("warningC"), thermal.rejections().stream().map(ConfigurationRejection::key).toList());
        AvailabilityComponent availability = new AvailabilityComponent(Map.of("outOfService", ""));
        assertEquals("org.infinergi.availability", availability.rejections().get(0).pid());
        availability.modified(Map.of("outOfService", "false"));
        assertEquals(List.of(), availability.rejections());
    }

    @Test
    void theCoresOwnPid_anEmptiedValueKeepsThePreviousSettings_theChargeGoesOn() {
        // A board without board sensors, configured so; "requireBoardSensors =" must not bring back the default true
        // (D3 for a missing sensor service) in the middle of a charge.
        Rig r = ErrorModelTest.rig("requireBoardSensors", false);
        r.core.boardSensors = null;
        r.charging();
        assertEquals(ChargerState.CHARGING, r.cycle(20_000).state());

        r.core.modified(Rig.config("requireBoardSensors", ""));
        ChargerStatus s = r.cycle(20_000);

        assertEquals(ChargerState.CHARGING, s.state(), "requireBoardSensors=false still in force");
        assertEquals(List.of("requireBoardSensors"), s.rejectedConfigurations().stream()
                .map(ConfigurationRejection::key).toList());
        assertEquals("org.infinergi.core.charging", s.rejectedConfigurations().get(0).pid());
    }

    @Test
    void thermal_anEmptiedThresholdKeepsTheInstallersDerating() {
        ThermalLimitProvider thermal = new ThermalLimitProvider(Map.of("warningC", 50, "criticalC", 70,
                "recoveryC", 45));
        thermal.setBoardSensors(new FakeBoardSensors().temperature(60));
        assertEquals(19.0, thermal.currentLimit().amps(), 1e-9, "halfway between 50 and 70 °C");

        thermal.modified(Map.of("warningC", "", "criticalC", 70, "recoveryC", 45));

        assertEquals(19.0, thermal.currentLimit().amps(), 1e-9, "not the factory 70 °C warning (full current)");
        assertEquals(List.of("warningC"), thermal.rejections().stream().map(ConfigurationRejection::key).toList());
        thermal.modified(Map.of("warningC", 55, "criticalC", 70, "recoveryC", 45));
        assertEquals(List.of(), thermal.rejections());
        assertEquals(6 + (32 - 6) * 10 / 15.0, thermal.currentLimit().amps(), 1e-9, "a valid change takes effect");
    }

    @Test
    void charger_status_showsEveryRejection() {
        Rig r = rig();
        Owner auth = new Owner();
        auth.rejections = List.of(AUTH);
        r.core.configurationOwners.add(auth);
        r.vehicle(PilotState.B);
        String text = StatusCommand.format(r.cycle());
        assertTrue(text.contains("rejected:            org.infinergi.auth mode=TURBO: unknown value"), text);
    }
}
