package org.infinergi.feature.schedule.internal;

import static org.infinergi.feature.schedule.internal.Site.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.ReadingStatus;
import org.junit.jupiter.api.Test;

/**
 * Manual §5.1.3, §5.1.5, issue 16 "Programmed": the program in force at the local time decides and the status names
 * it; overlaps, Off, Green at the program's level, an unset clock, and both daylight saving changes of Europe/Rome.
 * 2 June 2025 is a Monday.
 */
class ScheduleComponentTest {

    private final Site site = new Site();

    private ModeDecision at(String local, ScheduleComponent s) {
        site.at(local);
        return s.decide();
    }

    private ModeDecision atUtc(String instant, ScheduleComponent s) {
        site.atUtc(instant);
        return s.decide();
    }

    @Test
    void aFastProgram_runsOnItsDaysFromItsStartForItsDuration_theDefaultProgramOtherwise() {
        ScheduleComponent s = site.schedule(config("p1Days", "MON,WED", "p1Start", "08:00", "p1Duration", "02:00",
                "p1Mode", "FAST", "p1PowerLimitW", "3680"));
        ModeDecision d = at("2025-06-02T07:59", s);
        assertEquals("DEFAULT", d.program(), "before its start: the default program (Fast, no limit)");
        assertTrue(d.chargeNow());
        assertEquals(Double.POSITIVE_INFINITY, d.maxPowerW());

        d = at("2025-06-02T08:00", s);
        assertEquals("P1", d.program());
        assertTrue(d.chargeNow());
        assertEquals(3680.0, d.maxPowerW(), "its limit on charging power");
        assertEquals("P1: Fast, at most 3680 W", d.reason());

        assertEquals("P1", at("2025-06-02T09:59", s).program());
        assertEquals("DEFAULT", at("2025-06-02T10:00", s).program(), "ends after its duration");
        assertEquals("DEFAULT", at("2025-06-03T08:30", s).program(), "not on Tuesday");
        assertEquals("P1", at("2025-06-04T08:30", s).program(), "Wednesday");
    }

    @Test
    void aProgramRunsPastMidnight_intoTheNextDay_andADurationOf24HoursCoversAWholeDay() {
        ScheduleComponent s = site.schedule(config("p2Days", "SUN", "p2Start", "22:00", "p2Duration", "08:00",
                "p3Days", "TUE", "p3Start", "00:00", "p3Duration", "24:00", "p3Mode", "OFF"));
        assertEquals("P2", at("2025-06-01T23:00", s).program(), "Sunday night");
        assertEquals("P2", at("2025-06-02T05:59", s).program(), "Monday morning: the run started on Sunday");
        assertEquals("DEFAULT", at("2025-06-02T06:00", s).program());
        assertEquals("DEFAULT", at("2025-06-02T23:00", s).program(), "Monday is not one of its days");
        assertEquals("P3", at("2025-06-03T00:00", s).program());
        assertEquals("P3", at("2025-06-03T23:59", s).program());
        assertEquals("DEFAULT", at("2025-06-04T00:00", s).program());
    }

    @Test
    void overlappingPrograms_theLowestNumberedWins() {
        // A broad rule (P2: every day 08:00–18:00 Green) with an exception inside it (P1: Saturday 10:00–12:00 Off).
        ScheduleComponent s = site.schedule(config("p2Days", "MON,TUE,WED,THU,FRI,SAT,SUN", "p2Start", "08:00",
                "p2Duration", "10:00", "p2Mode", "GREEN", "p2GreenLevelPct", "50", "p1Days", "SAT", "p1Start",
                "10:00", "p1Duration", "02:00", "p1Mode", "OFF", "p5Days", "SAT", "p5Start", "09:00",
                "p5Duration", "10:00", "p5Mode", "FAST"));
        ModeDecision d = at("2025-06-07T11:00", s);
        assertEquals("P1", d.program(), "P1 over P2 and P5");
        assertFalse(d.chargeNow());
        assertEquals("P2", at("2025-06-07T09:30", s).program(), "P2 over P5");
        assertEquals("P2", at("2025-06-07T12:00", s).program());
        assertEquals("P5", at("2025-06-07T18:30", s).program(), "P2 over, P5 still runs");
    }

    @Test
    void anOffProgram_pausesTheCharge_andSaysSo() {
        ScheduleComponent s = site.schedule(config("p3Days", "MON", "p3Start", "17:00", "p3Duration", "04:00",
                "p3Mode", "OFF"));
        ModeDecision d = at("2025-06-02T18:00", s);
        assertFalse(d.chargeNow());
        assertEquals("P3", d.program());
        assertEquals("P3: Off, no charging in this program (manual §5.1.5)", d.reason());
        // Off is also a default program: charge only inside the programs.
        s = site.schedule(config("defaultMode", "OFF", "p1Days", "MON", "p1Start", "23:00", "p1Duration", "07:00"));
        assertFalse(at("2025-06-02T18:00", s).chargeNow());
        assertEquals("DEFAULT", s.decide().program());
        assertTrue(at("2025-06-03T01:00", s).chargeNow());
    }

    @Test
    void aGreenProgram_asksGreenChargingAtItsOwnLevel_andKeepsItsPowerLimit() {
        ScheduleComponent s = site.schedule(config("p2Days", "MON", "p2Start", "10:00", "p2Duration", "06:00",
                "p2Mode", "GREEN", "p2GreenLevelPct", "60", "p2PowerLimitW", "2000", "defaultMode", "GREEN",
                "defaultGreenLevelPct", "100"));
        site.green.answer = ModeDecision.power(2500, "surplus 2500 W");
        ModeDecision d = at("2025-06-02T12:00", s);
        assertEquals(List.of(60), site.green.askedLevels, "the program's level, not org.infinergi.green's");
        assertTrue(d.chargeNow());
        assertEquals(2000.0, d.maxPowerW(), "the lower of Green's answer and the program's limit");
        assertEquals("P2: Green at 60 %: surplus 2500 W", d.reason());
        assertEquals("P2", d.program());

        site.green.answer = ModeDecision.suspendedAs(ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE,
                "green energy not available");
        d = at("2025-06-02T17:00", s);
        assertEquals(100, site.green.askedLevels.get(1), "the default program's level");
        assertFalse(d.chargeNow());
        assertEquals("default program: Green at 100 %: green energy not available", d.reason());
        assertEquals("DEFAULT", d.program());
        assertEquals(ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE, d.manualRow(),
                "a Green program's pause is shown as Green's manual §8 row");
    }

    @Test
    void aGreenProgramWithoutGreenChargingInstalled_pausesWithAClearReason() {
        ScheduleComponent s = site.schedule(config("p1Days", "MON", "p1Start", "10:00", "p1Duration", "06:00",
                "p1Mode", "GREEN", "p1GreenLevelPct", "75"));
        s.green = null;
        ModeDecision d = at("2025-06-02T12:00", s);
        assertFalse(d.chargeNow());
        assertEquals("P1: Green at 75 %, but Green charging is not installed (feature infinergi-green)", d.reason());
        assertEquals("P1", d.program());
    }

    @Test
    void anUnsetClock_runsNoProgram_andTheStatusSaysInvalidChargingProgram() {
        ScheduleComponent s = site.schedule(config("p1Days", "MON", "p1Start", "00:00", "p1Duration", "24:00"));
        site.clock.set(false);
        ModeDecision d = s.decide();
        assertFalse(d.chargeNow(), "not even the default program (Fast) runs");
        assertNull(d.program());
        assertEquals("invalid charging program: the internal clock is not set (manual §5.4; set Date and time, "
                + "§7.2.2)", d.reason());
        site.clock.set(true);
        assertEquals("P1", at("2025-06-02T12:00", s).program());
    }

    /** 30 March 2025, Europe/Rome: at 02:00 CET the clocks go to 03:00 CEST (01:00 UTC). */
    @Test
    void springForward_aProgramFrom0230_runsFrom0300ToItsEndTime_oneWhollyInTheSkippedHourDoesNotRun() {
        ScheduleComponent s = site.schedule(config("p1Days", "SUN", "p1Start", "02:30", "p1Duration", "01:00",
                "p2Days", "SUN", "p2Start", "02:10", "p2Duration", "00:30", "p2Mode", "OFF"));
        assertEquals("DEFAULT", atUtc("2025-03-30T00:59:59Z", s).program(), "01:59:59 CET");
        ModeDecision d = atUtc("2025-03-30T01:00:00Z", s);
        assertEquals("03:00", site.localNow().toLocalTime().toString());
        assertEquals("P1", d.program(), "the wall clock jumped past 02:30: the program runs from 03:00");
        assertEquals("P1", atUtc("2025-03-30T01:29:59Z", s).program(), "03:29:59 CEST");
        assertEquals("DEFAULT", atUtc("2025-03-30T01:30:00Z", s).program(), "03:30 CEST: its end time on the wall");
        // P2 (02:10–02:40) lies wholly in the hour that does not exist: minute by minute, it never runs.
        for (Instant t = Instant.parse("2025-03-29T23:00:00Z"); t.isBefore(Instant.parse("2025-03-30T03:00:00Z"));
                t = t.plus(Duration.ofMinutes(1))) {
            site.atUtc(t.toString());
            assertFalse("P2".equals(s.decide().program()), t.toString());
        }
    }

    /** 26 October 2025, Europe/Rome: at 03:00 CEST the clocks go back to 02:00 CET (01:00 UTC). */
    @Test
    void fallBack_aProgramOverTheRepeatedHour_runsThroughBothOfIt_byTheWallClock() {
        ScheduleComponent s = site.schedule(config("p1Days", "SUN", "p1Start", "01:00", "p1Duration", "03:00"));
        int minutes = 0;
        for (Instant t = Instant.parse("2025-10-25T22:00:00Z"); t.isBefore(Instant.parse("2025-10-26T05:00:00Z"));
                t = t.plus(Duration.ofMinutes(1))) {
            site.atUtc(t.toString());
            if ("P1".equals(s.decide().program())) {
                minutes++;
            }
        }
        assertEquals(240, minutes, "01:00–04:00 on the wall is four real hours that night");
        assertEquals("P1", atUtc("2025-10-26T00:30:00Z", s).program(), "02:30 CEST");
        assertEquals("P1", atUtc("2025-10-26T01:30:00Z", s).program(), "02:30 CET, the repeated hour");
        assertEquals("DEFAULT", atUtc("2025-10-26T03:00:00Z", s).program(), "04:00 CET");
        assertEquals("DEFAULT", atUtc("2025-10-25T22:59:00Z", s).program(), "00:59 CEST");
    }

    @Test
    void aProgramInsideTheRepeatedHour_runsInBothOfIt() {
        ScheduleComponent s = site.schedule(config("p4Days", "SUN", "p4Start", "02:15", "p4Duration", "00:30",
                "p4Mode", "OFF"));
        assertEquals("P4", atUtc("2025-10-26T00:20:00Z", s).program(), "02:20 CEST");
        assertEquals("DEFAULT", atUtc("2025-10-26T00:50:00Z", s).program(), "02:50 CEST");
        assertEquals("P4", atUtc("2025-10-26T01:20:00Z", s).program(), "02:20 CET: the wall clock shows it again");
    }

    @Test
    void theGridMeterGoingAwayAfterwards_pausesAGreenProgram_withTheReason() {
        ScheduleComponent s = site.schedule(config("p1Days", "MON", "p1Start", "10:00", "p1Duration", "06:00",
                "p1Mode", "GREEN"));
        site.grid = ReadingStatus.NOT_CONFIGURED;
        ModeDecision d = at("2025-06-02T12:00", s);
        assertFalse(d.chargeNow());
        assertEquals("invalid charging program: P1: Green at 100 % needs a grid meter (org.infinergi.metering "
                + "gridMeter=NONE, manual §5.1.3)", d.reason());
        assertEquals("p1Mode", s.rejections().get(0).key(), "and the status lists why");
        assertTrue(at("2025-06-02T17:00", s).chargeNow(), "the Fast default program is not affected");
    }
}
