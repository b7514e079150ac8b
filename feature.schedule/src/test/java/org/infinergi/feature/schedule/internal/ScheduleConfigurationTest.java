package org.infinergi.feature.schedule.internal;

import static org.infinergi.feature.schedule.internal.Site.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.ReadingStatus;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 "Safety and bad input": each bad value of {@code org.infinergi.schedule} is rejected naming PID, key and
 * value, the previous configuration stays in force and the rejection is listed in the status (ConfigurationOwner).
 */
class ScheduleConfigurationTest {

    private final Site site = new Site();

    /** P1 Monday 08:00–10:00 Fast at most 3680 W: the valid configuration every bad one tries to replace. */
    private static final Map<String, Object> GOOD = config("p1Days", "MON", "p1Start", "08:00", "p1Duration", "02:00",
            "p1PowerLimitW", "3680");

    private void assertRejected(String key, String value, String reason, Object... bad) {
        ScheduleComponent s = site.schedule(GOOD);
        s.modified(config(bad));
        assertEquals(List.of(new ConfigurationRejection("org.infinergi.schedule", key, value, reason)),
                s.rejections(), key + "=" + value);
        site.at("2025-06-02T09:00");
        ModeDecision d = s.decide();
        assertEquals("P1", d.program(), "the previous configuration stays in force");
        assertEquals(3680.0, d.maxPowerW());
        s.modified(GOOD);
        assertEquals(List.of(), s.rejections(), "a valid configuration clears it");
    }

    @Test
    void aStartOf2400() {
        assertRejected("p1Start", "24:00", "must be 00:00..23:59 (24:00 is 00:00 of the next day)",
                "p1Days", "MON", "p1Start", "24:00", "p1Duration", "01:00");
    }

    @Test
    void aStartThatIsNoTime() {
        assertRejected("p2Start", "8h", "not a time HH:mm (00:00..23:59)", "p2Start", "8h");
    }

    @Test
    void aNegativeDuration() {
        assertRejected("p1Duration", "-01:00", "negative duration: must be 00:00 (inactive) .. 24:00",
                "p1Days", "MON", "p1Start", "08:00", "p1Duration", "-01:00");
    }

    @Test
    void anOverlongDuration() {
        assertRejected("p3Duration", "24:01", "too long: at most 24:00 (a program runs at most a whole day)",
                "p3Days", "MON", "p3Duration", "24:01");
    }

    @Test
    void anUnknownMode() {
        assertRejected("p4Mode", "TURBO", "unknown mode: FAST, GREEN or OFF", "p4Mode", "TURBO");
        assertRejected("defaultMode", "OCPP", "unknown mode: FAST, GREEN or OFF", "defaultMode", "OCPP");
    }

    @Test
    void noDay() {
        assertRejected("p1Days", "", "no day: a program with a duration needs at least one day "
                + "(MON,TUE,WED,THU,FRI,SAT,SUN), or duration 00:00 to make it inactive",
                "p1Start", "08:00", "p1Duration", "02:00");
    }

    @Test
    void anUnknownDay() {
        assertRejected("p1Days", "MON,FUN", "unknown day FUN (MON,TUE,WED,THU,FRI,SAT,SUN)",
                "p1Days", "MON,FUN", "p1Duration", "02:00");
    }

    @Test
    void aLimitAboveTheWiringLimit() {
        site.installation.wiringLimitA(16);
        site.device.phases(1);
        assertRejected("p1PowerLimitW", "3700", "above the wiring limit, 3680 W (org.infinergi.installation "
                + "wiringLimitA=16 A × 1 phase(s) × 230 V)", "p1Days", "MON", "p1Duration", "02:00",
                "p1PowerLimitW", "3700");
    }

    @Test
    void aNegativeLimit() {
        assertRejected("p6PowerLimitW", "-5", "must be >= 0 W (0 = no limit of its own)", "p6PowerLimitW", "-5");
    }

    @Test
    void aGreenLevelOutside0To100() {
        assertRejected("p2GreenLevelPct", "101", "must be 0..100 % (manual §5.1.2 minimum green level)",
                "p2GreenLevelPct", "101");
        assertRejected("defaultGreenLevelPct", "-1", "must be 0..100 % (manual §5.1.2 minimum green level)",
                "defaultGreenLevelPct", "-1");
    }

    @Test
    void aValueNotOfItsType_orAnEmptiedKey() {
        assertRejected("p1PowerLimitW", "lots", "not a valid int", "p1PowerLimitW", "lots");
        ScheduleComponent s = site.schedule(GOOD);
        s.modified(config("p1Start", ""));
        assertEquals("p1Start", s.rejections().get(0).key());
    }

    @Test
    void aGreenProgramWithoutAGridMeter_isRejected_andAppliesOnceAGridMeterIsSelected() {
        site.grid = ReadingStatus.NOT_CONFIGURED;
        assertRejected("p2Mode", "GREEN", "a Green program needs a grid meter (org.infinergi.metering "
                + "gridMeter=NONE; manual §5.1.3, §5.2.2)", "p2Days", "MON", "p2Start", "08:00", "p2Duration",
                "02:00", "p2Mode", "GREEN");
        // An inactive Green program (duration 00:00) never needs the meter.
        ScheduleComponent s = site.schedule(config("p2Mode", "GREEN"));
        assertEquals(List.of(), s.rejections());

        // At start the metering PID may be read after this one: the schedule waits, then applies.
        s = site.schedule(config("p2Days", "MON", "p2Start", "08:00", "p2Duration", "02:00", "p2Mode", "GREEN"));
        assertEquals("p2Mode", s.rejections().get(0).key());
        site.at("2025-06-02T09:00");
        assertEquals("invalid charging program: configuration org.infinergi.schedule rejected and no valid one "
                + "before it", s.decide().reason(), "no valid schedule yet: no program runs");
        site.grid = ReadingStatus.FRESH;
        ModeDecision d = s.decide();
        assertEquals("P2", d.program(), "the grid meter is there: the schedule applies");
        assertEquals(List.of(), s.rejections());
    }

    @Test
    void aLimitRejectedForALowWiringLimitAtStart_appliesOnceTheInstallationIsRead() {
        site.device.phases(1);
        site.installation.wiringLimitA(6); // the installation PID's default before its file is read: 1380 W
        ScheduleComponent s = site.schedule(GOOD);
        assertEquals("p1PowerLimitW", s.rejections().get(0).key());
        site.installation.wiringLimitA(32);
        site.at("2025-06-02T09:00");
        assertEquals(3680.0, s.decide().maxPowerW());
        assertEquals(List.of(), s.rejections());
    }

    @Test
    void aFirstConfigurationRejected_runsNoProgram() {
        ScheduleComponent s = site.schedule(config("p1Start", "24:00"));
        ModeDecision d = s.decide();
        assertFalse(d.chargeNow());
        assertNull(d.program());
        assertTrue(d.reason().startsWith("invalid charging program"), d.reason());
    }

    @Test
    void noConfiguration_isTheFactorySchedule_theDefaultProgramFast() {
        ScheduleComponent s = site.schedule(config());
        ModeDecision d = s.decide();
        assertTrue(d.chargeNow());
        assertEquals("DEFAULT", d.program());
        assertEquals(List.of(), s.rejections());
    }

    @Test
    void severalBadKeys_areAllNamed_sortedByKey() {
        ScheduleComponent s = site.schedule(GOOD);
        s.modified(config("p1Start", "24:00", "p1Mode", "SLOW", "p1Days", "MON", "p1Duration", "01:00"));
        assertEquals(List.of("p1Mode", "p1Start"), s.rejections().stream().map(ConfigurationRejection::key).toList());
    }
}
