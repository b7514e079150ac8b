package org.infinergi.driver.pilot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.hal.GpioPin;
import org.infinergi.core.charging.testing.DataArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: an empty value in the board map is an error naming its key, never read as false, 0 or ""; the previous
 * valid map stays in force although every change re-creates the owner.
 */
class BoardMapEmptyValueTest {

    /** The pilot driver bundle's data area, which outlives each activation of the owner. */
    @TempDir
    Path dataArea;

    /** One activation by DS: each change of the PID deactivates the owner and activates a new one. */
    private BoardMapComponent activate(Map<String, Object> properties) {
        return new BoardMapComponent(properties, DataArea.in(dataArea));
    }

    private static List<String> keys(BoardMapComponent map) {
        return map.rejections().stream().map(ConfigurationRejection::key).toList();
    }

    @Test
    void anEmptiedPolarity_leavesTheInstallersMapInForce_untilAValidMapTakesEffect() {
        BoardMapComponent a = activate(Map.of("contactorAddress", "12", "feedbackAddress", "6",
                "feedbackActiveHigh", "false"));
        assertEquals(List.of(), a.rejections());

        BoardMapComponent b = activate(Map.of("contactorAddress", "12", "feedbackAddress", "6",
                "feedbackActiveHigh", ""));

        assertEquals(List.of("feedbackActiveHigh"), keys(b));
        assertEquals(new GpioPin(6, false), b.contactorFeedback(), "map A's feedback, not the factory pin 24");
        assertEquals(new GpioPin(12, true), b.contactor(), "map A's contactor, not the factory pin 23");

        BoardMapComponent c = activate(Map.of("feedbackAddress", "7", "feedbackActiveHigh", "true"));
        assertEquals(List.of(), c.rejections());
        assertEquals(new GpioPin(7, true), c.contactorFeedback());
        assertEquals(new GpioPin(23, true), c.contactor(), "map C leaves the contactor to the factory map");
    }

    @Test
    void aPinThatIsNotANumber_leavesThePreviousPinsInForce() {
        activate(Map.of("lockAddress", "16", "pilotPositiveChannel", "3"));

        BoardMapComponent b = activate(Map.of("lockAddress", "16x", "pilotPositiveChannel", "4"));

        assertEquals(List.of("lockAddress"), keys(b));
        assertEquals(16, b.lock().address());
        assertEquals(3, b.pilotPositive().channel(), "the whole map B is rejected");
    }

    @Test
    void anEmptyFeedbackPolarityDoesNotInvertTheContactorFeedback() {
        BoardMapComponent map = activate(Map.of("feedbackAddress", "6", "feedbackActiveHigh", ""));

        assertEquals(new GpioPin(24, true), map.contactorFeedback(), "the factory map, not feedbackAddress=6");
        assertEquals(List.of("feedbackActiveHigh"), map.rejections().stream().map(ConfigurationRejection::key)
                .toList());
        assertEquals(PilotConfig.PID, map.rejections().get(0).pid());
    }

    @Test
    void anEmptyPinIsNamedInsteadOfFailingTheDrivers() {
        BoardMapComponent map = activate(Map.of("contactorAddress", " "));

        assertEquals(new GpioPin(23, true), map.contactor());
        assertTrue(map.rejections().get(0).message().contains("contactorAddress"), map.rejections().toString());
    }

    @Test
    void aValidMapIsReadFromItsTextsAndRejectsNothing() {
        BoardMapComponent map = activate(Map.of("feedbackAddress", "6", "feedbackActiveHigh", "false"));

        assertEquals(new GpioPin(6, false), map.contactorFeedback());
        assertEquals(List.of(), map.rejections());
    }

    @Test
    void aValueNotOfItsKeysTypeIsNamedToo() {
        // DS failed the whole map naming no key (an int) or read "yes" as false (a boolean).
        BoardMapComponent map = activate(Map.of("contactorAddress", "2x", "feedbackActiveHigh", "yes"));

        assertEquals(List.of("contactorAddress=2x rejected: not a valid int",
                "feedbackActiveHigh=yes rejected: not a valid boolean"), map.rejections().stream()
                .map(r -> r.message().substring(r.pid().length() + 2)).sorted().toList());
        assertEquals(new GpioPin(24, true), map.contactorFeedback());
    }
}
