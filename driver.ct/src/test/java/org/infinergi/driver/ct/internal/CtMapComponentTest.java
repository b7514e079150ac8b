package org.infinergi.driver.ct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.junit.jupiter.api.Test;

/** PID org.infinergi.driver.ct: a bad value is rejected by name and listed in the status; the factory map applies. */
class CtMapComponentTest {

    @Test
    void anEmptyArrowDirectionIsRejectedByName_notReadAsNotInverted() {
        CtMapComponent map = new CtMapComponent(Map.of("ct1Inverted", "", "ct2Inverted", "true"));
        List<ConfigurationRejection> r = map.rejections();
        assertEquals(1, r.size(), r.toString());
        assertEquals("org.infinergi.driver.ct", r.get(0).pid());
        assertEquals("ct1Inverted", r.get(0).key());
        assertFalse(map.config().ct2Inverted(), "the whole configuration is refused: the factory map applies");
    }

    @Test
    void aValueNotOfItsKeysTypeIsRejectedByName() {
        CtMapComponent map = new CtMapComponent(Map.of("ctGain", "0.07x", "ct3Inverted", "yes"));
        assertEquals(List.of("ct3Inverted", "ctGain"), map.rejections().stream().map(ConfigurationRejection::key)
                .toList());
        assertEquals(0.0732600733, map.config().ctGain());
    }

    @Test
    void aValidConfigurationIsInForce() {
        CtMapComponent map = new CtMapComponent(Map.of("ct3Inverted", "true", "mainsFrequencyHz", "60"));
        assertTrue(map.rejections().isEmpty());
        assertTrue(map.config().ct3Inverted());
        assertEquals(60, map.config().mainsFrequencyHz());
    }
}
