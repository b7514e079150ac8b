package org.infinergi.feature.schedule.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Set;

/**
 * One program of manual §5.1.3, checked.
 *
 * @param number        1..6 for P1–P6, 0 for the default program
 * @param days          the days it starts on (empty for the default program)
 * @param start         local start time
 * @param duration      0 = inactive, at most 24 h
 * @param mode          Fast, Green or Off
 * @param powerLimitW   its limit on charging power, watts; 0 = none
 * @param greenLevelPct its minimum green level, percent (Green only)
 */
record Program(int number, Set<DayOfWeek> days, LocalTime start, Duration duration, ProgramMode mode,
        int powerLimitW, int greenLevelPct) {

    /** The status's {@code activeProgram}: {@code P1}…{@code P6}, {@code DEFAULT}. */
    static final String DEFAULT = "DEFAULT";

    Program {
        days = Set.copyOf(days);
    }

    static Program defaultProgram(ProgramMode mode, int powerLimitW, int greenLevelPct) {
        return new Program(0, Set.of(), LocalTime.MIDNIGHT, Duration.ZERO, mode, powerLimitW, greenLevelPct);
    }

    String name() {
        return number == 0 ? DEFAULT : "P" + number;
    }

    /** Whether it can ever run: the default program always may; P1–P6 with a duration (00:00 = inactive). */
    boolean enabled() {
        return number == 0 || !duration.isZero();
    }

    /**
     * Whether it runs at the local wall-clock time {@code now}: a time switch on the wall. It runs from its start on
     * each of its days for its duration, read on the wall clock ({@code start + duration} as local times), past
     * midnight into the next day when it is long enough; the day is the one it starts on. So on the day summer time
     * begins (02:00 → 03:00) a program from 02:30 runs from 03:00 to its end time, and one wholly inside the skipped
     * hour does not run; on the day it ends (03:00 → 02:00) a program over the repeated hour runs through both.
     */
    boolean runsAt(LocalDateTime now) {
        if (number == 0 || duration.isZero()) {
            return false;
        }
        // At most 24 h long: a run that covers now began today or yesterday.
        for (int back = 0; back <= 1; back++) {
            LocalDateTime from = now.toLocalDate().minusDays(back).atTime(start);
            if (days.contains(from.getDayOfWeek()) && !now.isBefore(from) && now.isBefore(from.plus(duration))) {
                return true;
            }
        }
        return false;
    }
}
