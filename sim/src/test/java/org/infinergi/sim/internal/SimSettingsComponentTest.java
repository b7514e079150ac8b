package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.testing.DataArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: an empty value in the sim's settings is an error naming its key, never 0 or a failed component; the
 * previous valid settings stay in force although every change re-creates the owner.
 */
class SimSettingsComponentTest {

    /** The sim bundle's data area, which outlives each activation of the owner. */
    @TempDir
    Path dataArea;

    /** One activation by DS: each change of the PID deactivates the owner and activates a new one. */
    private SimSettingsComponent activate(Map<String, Object> properties) {
        return new SimSettingsComponent(properties, DataArea.in(dataArea));
    }

    private static List<String> keys(SimSettingsComponent settings) {
        return settings.rejections().stream().map(ConfigurationRejection::key).toList();
    }

    @Test
    void anEmptyValueIsNamedAndTheDefaultsApply() {
        SimSettingsComponent settings = activate(Map.of("evPhases", "1", "tickMs", ""));

        assertEquals(List.of("tickMs"), keys(settings));
        assertEquals(SimConfig.PID, settings.rejections().get(0).pid());
        assertEquals(20, settings.config().tickMs());
        assertEquals(3, settings.config().evPhases(), "the whole configuration is rejected");
    }

    @Test
    void aValidConfigurationIsReadFromItsTexts() {
        SimSettingsComponent settings = activate(Map.of("evPhases", "1", "evMaxCurrentA", "16.5",
                "midMeterModel", ""));

        assertEquals(List.of(), settings.rejections(), "a key whose default is empty may stay empty");
        assertEquals(1, settings.config().evPhases());
        assertEquals(16.5, settings.config().evMaxCurrentA());
    }

    @Test
    void anEmptiedPort_leavesTheSimulatedMetersOnThePreviousPorts_untilAValidChangeMovesThem() {
        // run.sh moves a second instance's meters to their own ports: an emptied port must not send them back to
        // 15020/15021, where the first instance's meters answer.
        activate(Map.of("midMeterPort", "15022", "ctRemotePort", "15023"));

        SimSettingsComponent b = activate(Map.of("midMeterPort", "", "ctRemotePort", "15025"));

        assertEquals(List.of("midMeterPort"), keys(b));
        assertEquals(15022, b.config().midMeterPort());
        assertEquals(15023, b.config().ctRemotePort(), "the whole configuration B is rejected");

        SimSettingsComponent c = activate(Map.of("midMeterPort", "15024", "ctRemotePort", "15025"));
        assertEquals(List.of(), c.rejections());
        assertEquals(15024, c.config().midMeterPort());
        assertEquals(15025, c.config().ctRemotePort());
    }

    @Test
    void aPortThatIsNotANumber_isNamed_andThePreviousPortsStay() {
        activate(Map.of("midMeterPort", "15022"));

        SimSettingsComponent b = activate(Map.of("midMeterPort", "15o22"));

        assertEquals("org.infinergi.sim: midMeterPort=15o22 rejected: not a valid int", b.rejections().get(0).message());
        assertEquals(15022, b.config().midMeterPort());
    }
}
