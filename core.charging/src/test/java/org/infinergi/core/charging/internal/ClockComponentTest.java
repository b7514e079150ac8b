package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manual §5.4, §7.2.2: the internal clock knows whether it is set, is set by hand through {@code dateTime} in the
 * zone of {@code timeZone}, keeps that setting across restarts, and refuses a bad zone or date by PID, key and value.
 */
class ClockComponentTest {

    @TempDir
    Path dir;

    /** The system clock of a board without RTC: starts at the epoch of its image, 2024-01-01 00:00 UTC. */
    private final MutableClock system = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));

    private Function<String, File> area() {
        return name -> dir.resolve(name).toFile();
    }

    private ClockComponent clock(Map<String, ?> props) {
        return new ClockComponent(system, area(), props);
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aBoardWithoutTimeSource_isNotSet_untilADateAndTimeIsGiven_thenRunsOnInItsZone() {
        ClockComponent c = clock(Map.of());
        assertFalse(c.isSet(), "§5.1.3 needs the clock set: a board without RTC or network has none");
        assertEquals(ZoneId.of("Europe/Rome"), c.zone(), "the default zone");

        c.modified(props("dateTime", "2025-06-02T08:30"));
        assertTrue(c.isSet());
        assertEquals(LocalDateTime.parse("2025-06-02T08:30"), c.now().toLocalDateTime());
        assertEquals("+02:00", c.now().getOffset().getId(), "summer time in Rome");
        system.advance(Duration.ofMinutes(90));
        assertEquals(LocalDateTime.parse("2025-06-02T10:00"), c.now().toLocalDateTime(), "it runs on");
    }

    @Test
    void aSynchronizedSystemClock_isSetAsItIs() {
        system.set(Instant.parse("2025-01-15T11:00:00Z"));
        ClockComponent c = clock(props("systemClockSynchronized", "true", "timeZone", "Europe/Berlin"));
        assertTrue(c.isSet());
        assertEquals(LocalDateTime.parse("2025-01-15T12:00"), c.now().toLocalDateTime());
    }

    @Test
    void theSettingByHand_survivesARestart_andTheSameTextIsNotAppliedAgain() {
        clock(props("dateTime", "2025-06-02T08:30"));
        system.advance(Duration.ofHours(5));
        // Restart (a bundle update, Karaf restarted): Config Admin still holds the same dateTime.
        ClockComponent again = clock(props("dateTime", "2025-06-02T08:30"));
        assertTrue(again.isSet());
        assertEquals(LocalDateTime.parse("2025-06-02T13:30"), again.now().toLocalDateTime(),
                "the clock ran on; the old text did not set it back");
        again.modified(props("dateTime", "2025-06-02T20:00"));
        assertEquals(LocalDateTime.parse("2025-06-02T20:00"), again.now().toLocalDateTime(), "a new value applies");
    }

    @Test
    void aSystemClockThatWentBack_aBoardRestartedWithoutRtc_leavesTheClockNotSet() {
        system.set(Instant.parse("2024-01-01T10:00:00Z"));
        clock(props("dateTime", "2025-06-02T08:30"));
        system.set(Instant.parse("2024-01-01T00:00:00Z")); // power loss: the board starts from its image's time
        ClockComponent again = clock(props("dateTime", "2025-06-02T08:30"));
        assertFalse(again.isSet(), "better unset than programs at the wrong hour");
    }

    @Test
    void aTimeSourceTakingOver_dropsTheSettingByHand() {
        system.set(Instant.parse("2025-06-02T06:00:00Z"));
        ClockComponent c = clock(props("dateTime", "2025-06-02T10:00"));
        assertEquals(LocalDateTime.parse("2025-06-02T10:00"), c.now().toLocalDateTime());
        c.modified(props("dateTime", "2025-06-02T10:00", "systemClockSynchronized", "true"));
        assertTrue(c.isSet());
        assertEquals(LocalDateTime.parse("2025-06-02T08:00"), c.now().toLocalDateTime(), "NTP's time, in Rome");
    }

    @Test
    void anUnknownZone_orABadDate_isRejectedByPidKeyAndValue_andThePreviousStays() {
        ClockComponent c = clock(props("timeZone", "Europe/Berlin", "dateTime", "2025-06-02T08:30"));
        c.modified(props("timeZone", "Europe/Atlantis", "dateTime", "2025-06-02T08:30"));
        assertEquals(List.of(new ConfigurationRejection("org.infinergi.system", "timeZone", "Europe/Atlantis",
                "not a time zone (an IANA name such as Europe/Rome)")), c.rejections());
        assertEquals(ZoneId.of("Europe/Berlin"), c.zone(), "previous configuration in force");

        c.modified(props("dateTime", "2025-13-01T08:00"));
        assertEquals("org.infinergi.system: dateTime=2025-13-01T08:00 rejected: not a date and time (ISO "
                + "yyyy-MM-ddTHH:mm[:ss], e.g. 2025-03-30T01:59)", c.rejections().get(0).message());
        assertEquals(LocalDateTime.parse("2025-06-02T08:30"), c.now().toLocalDateTime(), "clock not moved");

        c.modified(props("dateTime", "1970-01-01T00:00"));
        assertEquals("must be between 2020-01-01 and 2099-12-31", c.rejections().get(0).reason());

        // 30 March 2025, Rome: 02:00 → 03:00; 02:30 never happens there.
        c.modified(props("timeZone", "Europe/Rome", "dateTime", "2025-03-30T02:30"));
        assertEquals("does not exist in Europe/Rome (the clock skips it for daylight saving time)",
                c.rejections().get(0).reason());
        assertEquals(ZoneId.of("Europe/Berlin"), c.zone(), "the whole configuration was refused");

        c.modified(props("timeZone", "Europe/Rome"));
        assertEquals(List.of(), c.rejections(), "a valid one clears the rejection");
        assertEquals(ZoneId.of("Europe/Rome"), c.zone());
    }

    @Test
    void aFirstConfigurationRejected_leavesTheDefaults() {
        ClockComponent c = clock(props("timeZone", "Mars/Olympus"));
        assertEquals(ZoneId.of("Europe/Rome"), c.zone());
        assertFalse(c.isSet());
        assertEquals("timeZone", c.rejections().get(0).key());
    }
}
