package org.infinergi.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 for an owner that Declarative Services re-creates on every change: a rejected configuration leaves the
 * last valid one in force (kept in the owner's data area), not the factory defaults.
 */
class LastValidConfigurationTest {

    static final String PID = "org.infinergi.example";

    enum Mode { SLOW, FAST }

    @interface Sample {
        int address() default 23;

        double gain() default 1.5;

        boolean activeHigh() default true;

        String device() default "/dev/serial0";

        String[] keep() default {"org.infinergi.device"};

        Mode mode() default Mode.SLOW;

        int rate_limit() default 7;
    }

    @TempDir
    Path dataArea;

    private final List<String> errors = new ArrayList<>();

    /** What an owner re-created by DS does at each activation: check, run on it, keep it. */
    private CheckedConfiguration<Sample> activate(Map<String, ?> props) {
        LastValidConfiguration<Sample> lastValid = new LastValidConfiguration<>(PID, Sample.class,
                name -> dataArea.resolve(name).toFile());
        CheckedConfiguration<Sample> checked = lastValid.check(props, errors::add);
        lastValid.keep(checked, errors::add);
        return checked;
    }

    private File file() {
        return dataArea.resolve(LastValidConfiguration.fileName(PID)).toFile();
    }

    @Test
    void aRejectedConfigurationLeavesTheLastValidOneInForce_thenAValidOneTakesEffect() {
        CheckedConfiguration<Sample> a = activate(Map.of("address", "6", "gain", "0.125", "activeHigh", "false",
                "device", " /dev/ttyAMA1", "keep", new String[] {"a, b", ""}, "mode", "fast", "rate.limit", 9));
        assertTrue(a.accepted());

        CheckedConfiguration<Sample> b = activate(Map.of("address", "", "device", "/dev/ttyS9"));

        assertEquals(List.of("address"), b.rejections().stream().map(ConfigurationRejection::key).toList());
        assertFalse(b.first());
        Sample inForce = b.config();
        assertEquals(6, inForce.address());
        assertEquals(0.125, inForce.gain());
        assertFalse(inForce.activeHigh());
        assertEquals(" /dev/ttyAMA1", inForce.device(), "the text as it was, not the rejected one's");
        assertArrayEquals(new String[] {"a, b", ""}, inForce.keep());
        assertEquals(Mode.FAST, inForce.mode());
        assertEquals(9, inForce.rate_limit());
        assertEquals(List.of("Configuration rejected: " + b.describe()), errors);
        assertTrue(b.describe().endsWith("the previous valid configuration stays in force"), b.describe());

        Sample c = activate(Map.of("address", "5", "keep", new String[0])).config();
        assertEquals(5, c.address());
        assertEquals(1.5, c.gain(), "a key left out of the new configuration takes its default");
        assertArrayEquals(new String[0], c.keep());
        assertEquals(5, activate(Map.of("address", "x")).config().address(), "C is now the one kept");
    }

    @Test
    void withNothingKept_aRejectedFirstConfigurationGetsTheDefaults() {
        CheckedConfiguration<Sample> first = activate(Map.of("address", "6", "gain", ""));

        assertTrue(first.first());
        assertEquals(23, first.config().address());
        assertFalse(file().exists(), "a rejected configuration is never kept");
    }

    @Test
    void aDamagedFileIsNoPreviousConfiguration_andIsReplacedByTheNextValidOne() throws IOException {
        Files.writeString(file().toPath(), "address=twenty\nkeep[]=x\n");

        assertEquals(23, activate(Map.of("address", "")).config().address(), "the defaults, never a failure");
        activate(Map.of("address", "4"));
        assertEquals(4, activate(Map.of("address", "")).config().address());
    }

    @Test
    void withoutADataArea_theOwnerStillWorks() {
        LastValidConfiguration<Sample> none = new LastValidConfiguration<>(PID, Sample.class, name -> null);
        CheckedConfiguration<Sample> c = none.check(Map.of("address", "4"), errors::add);
        none.keep(c, errors::add);

        assertEquals(4, c.config().address());
        assertEquals(23, none.check(Map.of("address", ""), errors::add).config().address());
    }

    @Test
    void aConfigurationTheOwnerRefusesAfterTheCheckIsNeverKept() {
        activate(Map.of("address", "6"));
        LastValidConfiguration<Sample> lastValid = new LastValidConfiguration<>(PID, Sample.class,
                name -> dataArea.resolve(name).toFile());
        CheckedConfiguration<Sample> refused = lastValid.check(Map.of("address", "7", "gain", "-1"), errors::add);
        assertTrue(refused.accepted(), "every value of its type; the owner's own rule refuses it (gain > 0) and "
                + "throws before keep");

        assertEquals(6, activate(Map.of("address", "")).config().address());
    }

    @Test
    void aValidConfigurationThatCannotBeKeptIsInForceAndSaysSo() throws IOException {
        Files.createDirectories(file().toPath()); // something in the way of the file

        CheckedConfiguration<Sample> c = activate(Map.of("address", "4"));

        assertEquals(4, c.config().address());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith(PID + ": the configuration in force could not be kept"), errors.get(0));
    }
}
