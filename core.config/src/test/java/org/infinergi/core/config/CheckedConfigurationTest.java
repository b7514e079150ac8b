package org.infinergi.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, the rule every owner of a PID shares (moved here from the charging API, issue 14 point 1): an empty value
 * of a key with a default, or a value not of its type, rejects the whole PID; the previous values stay in force.
 */
class CheckedConfigurationTest {

    static final String PID = "org.infinergi.example";

    enum Mode { SLOW, FAST }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Sample {
        int maxCurrentA() default 16;

        boolean feedback_activeHigh() default true;

        String label() default "";

        Mode mode() default Mode.SLOW;

        int[] pins() default {1, 2};
    }

    @Test
    void anEmptyValueOfAKeyWithADefault_isRejectedByName_namingTheDefault() {
        List<ConfigurationRejection> r = EmptyValues.emptyValues(PID,
                Map.of("maxCurrentA", " ", "feedback.activeHigh", "", "label", ""), Sample.class);

        assertEquals(List.of(
                new ConfigurationRejection(PID, "feedback.activeHigh", "\"\"", EmptyValues.EMPTY_VALUE + "true)"),
                new ConfigurationRejection(PID, "maxCurrentA", "\" \"", EmptyValues.EMPTY_VALUE + "16)")), r,
                "label has no default and may stay empty; keys as DS maps the method names");
    }

    @Test
    void aKeyWithoutADefault_mayBeEmpty() {
        assertNull(EmptyValues.emptyValue(PID, "label", "", ""));
        assertTrue(EmptyValues.isEmpty(" "));
        assertFalse(EmptyValues.isEmpty(null));
    }

    @Test
    void aValidConfiguration_isInForce_typedFromText() {
        CheckedConfiguration<Sample> c = CheckedConfiguration.check(PID, Map.of("maxCurrentA", "20",
                "feedback.activeHigh", "FALSE", "mode", "fast", "pins", List.of("3", "4", "5")), Sample.class, null);

        assertTrue(c.accepted());
        assertEquals(20, c.config().maxCurrentA());
        assertFalse(c.config().feedback_activeHigh());
        assertEquals(Mode.FAST, c.config().mode());
        assertArrayEquals(new int[] {3, 4, 5}, c.config().pins());
    }

    @Test
    void aRejectedChange_keepsThePreviousValues_andIsLoggedOnce() {
        Sample previous = CheckedConfiguration.check(PID, Map.of("maxCurrentA", "20"), Sample.class, null).config();
        List<String> log = new ArrayList<>();

        CheckedConfiguration<Sample> c = CheckedConfiguration.check(PID, Map.of("maxCurrentA", "lots", "mode", ""),
                Sample.class, previous, log::add);

        assertFalse(c.accepted());
        assertEquals(20, c.config().maxCurrentA(), "the previous valid configuration stays in force");
        assertEquals(List.of("maxCurrentA", "mode"), c.rejections().stream().map(ConfigurationRejection::key).toList());
        assertEquals(List.of("Configuration rejected: " + PID + ": maxCurrentA=lots rejected: not a valid int; " + PID
                + ": mode=\"\" rejected: " + EmptyValues.EMPTY_VALUE + "SLOW) — the previous valid configuration "
                + "stays in force"), log);
    }

    @Test
    void aRejectedFirstConfiguration_getsTheAnnotationsDefaults() {
        CheckedConfiguration<Sample> c = CheckedConfiguration.check(PID, Map.of("feedback.activeHigh", "yes"),
                Sample.class, null);

        assertFalse(c.accepted());
        assertTrue(c.config().feedback_activeHigh());
        assertEquals(16, c.config().maxCurrentA());
        assertTrue(c.describe().endsWith(" — the safe defaults apply"), c.describe());
    }
}
