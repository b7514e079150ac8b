package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.junit.jupiter.api.Test;

/** Issue 15: an empty value in the sim's settings is an error naming its key, never 0 or a failed component. */
class SimSettingsComponentTest {

    @Test
    void anEmptyValueIsNamedAndTheDefaultsApply() {
        SimSettingsComponent settings = new SimSettingsComponent(Map.of("evPhases", "1", "tickMs", ""));

        assertEquals(List.of("tickMs"), settings.rejections().stream().map(ConfigurationRejection::key).toList());
        assertEquals(SimConfig.PID, settings.rejections().get(0).pid());
        assertEquals(20, settings.config().tickMs());
        assertEquals(3, settings.config().evPhases(), "the whole configuration is rejected");
    }

    @Test
    void aValidConfigurationIsReadFromItsTexts() {
        SimSettingsComponent settings = new SimSettingsComponent(Map.of("evPhases", "1", "evMaxCurrentA", "16.5",
                "midMeterModel", ""));

        assertEquals(List.of(), settings.rejections(), "a key whose default is empty may stay empty");
        assertEquals(1, settings.config().evPhases());
        assertEquals(16.5, settings.config().evMaxCurrentA());
    }
}
