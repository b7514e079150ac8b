package org.infinergi.core.charging.internal;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * What the clock keeps in the core's bundle data area so that a date and time set by hand survive a restart
 * (manual §5.4): the offset over the system clock, the {@code dateTime} text it came from (so the same text in
 * Config Admin is not applied a second time after a restart, setting the clock back), when it was applied by the
 * system clock, and whether the system clock was synchronized when last seen (a time source taking over drops
 * the setting by hand).
 *
 * @param offset       added to the system clock
 * @param set          whether the offset is valid (a date and time were set by hand and not lost since)
 * @param dateTime     the {@code dateTime} text last applied, null when none ever was
 * @param appliedAt    the system clock's instant when it was applied, null when none was
 * @param synchronizedSeen {@code systemClockSynchronized} as last configured
 */
record ManualTime(Duration offset, boolean set, String dateTime, Instant appliedAt, boolean synchronizedSeen) {

    static final ManualTime NONE = new ManualTime(Duration.ZERO, false, null, null, false);

    /**
     * A system clock this much behind the moment a setting was applied has been reset (a board without real-time
     * clock restarted): the offset measured against it is meaningless.
     */
    static final Duration CLOCK_WENT_BACK = Duration.ofMinutes(1);

    ManualTime applied(String text, Instant target, Instant system) {
        return new ManualTime(Duration.between(system, target), true, text, system, synchronizedSeen);
    }

    /** The setting by hand is no longer valid; its text stays known, so it is not applied again. */
    ManualTime lost() {
        return new ManualTime(Duration.ZERO, false, dateTime, appliedAt, synchronizedSeen);
    }

    ManualTime synchronizedSeen(boolean value) {
        return new ManualTime(offset, set, dateTime, appliedAt, value);
    }

    /** Whether the system clock now lies before the moment the setting was applied: it was reset. */
    boolean systemClockWentBack(Instant system) {
        return set && appliedAt != null && system.isBefore(appliedAt.minus(CLOCK_WENT_BACK));
    }

    /** The file's content, or {@link #NONE} when there is none or it cannot be read (then the clock is not set). */
    static ManualTime read(File file) {
        if (file == null || !file.isFile()) {
            return NONE;
        }
        try (Reader in = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(in);
            String applied = p.getProperty("appliedAtMs");
            return new ManualTime(Duration.ofMillis(Long.parseLong(p.getProperty("offsetMs", "0"))),
                    Boolean.parseBoolean(p.getProperty("set")), p.getProperty("dateTime"),
                    applied == null ? null : Instant.ofEpochMilli(Long.parseLong(applied)),
                    Boolean.parseBoolean(p.getProperty("systemClockSynchronized")));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** Replaces the file as a whole (a temporary file renamed over it): a power loss leaves the old or the new. */
    void write(File file) throws IOException {
        Properties p = new Properties();
        p.setProperty("offsetMs", Long.toString(offset.toMillis()));
        p.setProperty("set", Boolean.toString(set));
        if (dateTime != null) {
            p.setProperty("dateTime", dateTime);
        }
        if (appliedAt != null) {
            p.setProperty("appliedAtMs", Long.toString(appliedAt.toEpochMilli()));
        }
        p.setProperty("systemClockSynchronized", Boolean.toString(synchronizedSeen));
        StringWriter text = new StringWriter();
        p.store(text, "The internal clock's date and time set by hand (manual §5.4), org.infinergi.system");
        Path target = file.toPath().toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write(text.toString());
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
