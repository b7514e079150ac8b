package org.infinergi.driver.ct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.testing.DataArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PID org.infinergi.driver.ct: a bad value is rejected by name and listed in the status; the last valid map stays in
 * force (the factory map when there was none).
 */
class CtMapComponentTest {

    @Test
    void anEmptyArrowDirectionIsRejectedByName_notReadAsNotInverted() {
        CtMapComponent map = new CtMapComponent(Map.of("ct1Inverted", "", "ct2Inverted", "true"), DataArea.none());
        List<ConfigurationRejection> r = map.rejections();
        assertEquals(1, r.size(), r.toString());
        assertEquals("org.infinergi.driver.ct", r.get(0).pid());
        assertEquals("ct1Inverted", r.get(0).key());
        assertFalse(map.config().ct2Inverted(), "the whole configuration is refused: the factory map applies");
    }

    @Test
    void aValueNotOfItsKeysTypeIsRejectedByName() {
        CtMapComponent map = new CtMapComponent(Map.of("ctGain", "0.07x", "ct3Inverted", "yes"), DataArea.none());
        assertEquals(List.of("ct3Inverted", "ctGain"), map.rejections().stream().map(ConfigurationRejection::key)
                .toList());
        assertEquals(0.0732600733, map.config().ctGain());
    }

    @Test
    void aValidConfigurationIsInForce() {
        CtMapComponent map = new CtMapComponent(Map.of("ct3Inverted", "true", "mainsFrequencyHz", "60"),
                DataArea.none());
        assertTrue(map.rejections().isEmpty());
        assertTrue(map.config().ct3Inverted());
        assertEquals(60, map.config().mainsFrequencyHz());
    }

    @Test
    void aRejectedChange_keepsThePreviousValidMap_acrossTheReCreation(@TempDir Path dataArea) {
        new CtMapComponent(Map.of("ct2Inverted", "true", "ct1Channel", "6"), DataArea.in(dataArea));
        CtMapComponent rejected = new CtMapComponent(Map.of("ct2Inverted", "", "ct1Channel", "6"),
                DataArea.in(dataArea));
        assertEquals("ct2Inverted", rejected.rejections().get(0).key());
        assertTrue(rejected.config().ct2Inverted(), "the installer's arrow stays, not the factory's");
        assertEquals(6, rejected.currents().get(0).channel());
        CtMapComponent next = new CtMapComponent(Map.of("ct1Channel", "7"), DataArea.in(dataArea));
        assertTrue(next.rejections().isEmpty());
        assertFalse(next.config().ct2Inverted());
        assertEquals(7, next.currents().get(0).channel());
    }
}
