package org.infinergi.driver.pilot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.hal.GpioPin;
import org.junit.jupiter.api.Test;

/** Issue 15: an empty value in the board map is an error naming its key, never read as false, 0 or "". */
class BoardMapEmptyValueTest {

    @Test
    void anEmptyFeedbackPolarityDoesNotInvertTheContactorFeedback() {
        BoardMapComponent map = new BoardMapComponent(Map.of("feedbackAddress", "6", "feedbackActiveHigh", ""));

        assertEquals(new GpioPin(24, true), map.contactorFeedback(), "the factory map, not feedbackAddress=6");
        assertEquals(List.of("feedbackActiveHigh"), map.rejections().stream().map(ConfigurationRejection::key)
                .toList());
        assertEquals(PilotConfig.PID, map.rejections().get(0).pid());
    }

    @Test
    void anEmptyPinIsNamedInsteadOfFailingTheDrivers() {
        BoardMapComponent map = new BoardMapComponent(Map.of("contactorAddress", " "));

        assertEquals(new GpioPin(23, true), map.contactor());
        assertTrue(map.rejections().get(0).message().contains("contactorAddress"), map.rejections().toString());
    }

    @Test
    void aValidMapIsReadFromItsTextsAndRejectsNothing() {
        BoardMapComponent map = new BoardMapComponent(Map.of("feedbackAddress", "6", "feedbackActiveHigh", "false"));

        assertEquals(new GpioPin(6, false), map.contactorFeedback());
        assertEquals(List.of(), map.rejections());
    }

    @Test
    void aValueNotOfItsKeysTypeIsNamedToo() {
        // DS failed the whole map naming no key (an int) or read "yes" as false (a boolean).
        BoardMapComponent map = new BoardMapComponent(Map.of("contactorAddress", "2x", "feedbackActiveHigh", "yes"));

        assertEquals(List.of("contactorAddress=2x rejected: not a valid int",
                "feedbackActiveHigh=yes rejected: not a valid boolean"), map.rejections().stream()
                .map(r -> r.message().substring(r.pid().length() + 2)).sorted().toList());
        assertEquals(new GpioPin(24, true), map.contactorFeedback());
    }
}
