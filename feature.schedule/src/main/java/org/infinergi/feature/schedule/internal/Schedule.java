package org.infinergi.feature.schedule.internal;

import java.time.LocalDateTime;
import java.util.List;

/**
 * P1–P6 and the default program (manual §5.1.3), checked.
 *
 * <p>Overlaps: when several programs run at the same time, the lowest-numbered wins (P1 over P2 …), so a short
 * exception (P1: Saturday 10:00–12:00 Off) can sit inside a broad rule (P2: every day 08:00–18:00 Green). None
 * running: the default program.
 */
record Schedule(List<Program> programs, Program defaultProgram) {

    Schedule {
        programs = List.copyOf(programs);
    }

    /** The program in force at local wall-clock time {@code now}. */
    Program active(LocalDateTime now) {
        for (Program p : programs) {
            if (p.runsAt(now)) {
                return p;
            }
        }
        return defaultProgram;
    }

    /** Every program that can run, the default one last. */
    List<Program> enabled() {
        return java.util.stream.Stream.concat(programs.stream(), java.util.stream.Stream.of(defaultProgram))
                .filter(Program::enabled).toList();
    }
}
