package org.infinergi.feature.schedule.internal;

import java.time.LocalDateTime;
import java.util.Locale;

import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.feature.green.api.GreenCharging;

/**
 * The Programmed mode's word at one moment (manual §5.1.3): the program in force at the local time decides Fast (at
 * most its power limit), Green (the Green decision at its level, at most its power limit) or Off (§5.1.5). Pure: the
 * component gives it the schedule, the clock's reading and the Green service of this moment.
 */
final class ScheduleLogic {

    /** Manual §8 "Suspended": the reason the status gives when no program can run. */
    static final String INVALID = "invalid charging program";

    private ScheduleLogic() {
    }

    /**
     * @param schedule  the schedule in force, null when no valid one was ever configured
     * @param clockSet  whether the internal clock is set (§5.4)
     * @param now       the local wall-clock time (meaningless when the clock is not set)
     * @param green     the Green service, null when Green charging is not installed
     * @param gridMeter whether a grid meter is selected (a Green program needs one)
     */
    static ModeDecision decide(Schedule schedule, boolean clockSet, LocalDateTime now, GreenCharging green,
            boolean gridMeter) {
        if (schedule == null) {
            return ModeDecision.pause(INVALID + ": configuration " + ScheduleConfig.PID
                    + " rejected and no valid one before it");
        }
        if (!clockSet) {
            // §5.1.3 "Requires setting of the internal clock": a program at an unknown hour is no program.
            return ModeDecision.pause(INVALID + ": the internal clock is not set (manual §5.4; set Date and time, "
                    + "§7.2.2)");
        }
        Program p = schedule.active(now);
        return (switch (p.mode()) {
            case OFF -> ModeDecision.pause(label(p) + ": Off, no charging in this program (manual §5.1.5)");
            case FAST -> fast(p);
            case GREEN -> green(p, green, gridMeter);
        }).withProgram(p.name());
    }

    private static ModeDecision fast(Program p) {
        if (p.powerLimitW() <= 0) {
            return new ModeDecision(true, label(p) + ": Fast", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        return ModeDecision.power(p.powerLimitW(), label(p) + ": Fast, at most " + p.powerLimitW() + " W");
    }

    private static ModeDecision green(Program p, GreenCharging green, boolean gridMeter) {
        String head = String.format(Locale.ROOT, "%s: Green at %d %%", label(p), p.greenLevelPct());
        if (!gridMeter) {
            return ModeDecision.pause(INVALID + ": " + head + " needs a grid meter (org.infinergi.metering "
                    + "gridMeter=NONE, manual §5.1.3)");
        }
        if (green == null) {
            return ModeDecision.pause(head + ", but Green charging is not installed (feature infinergi-green)");
        }
        ModeDecision g;
        try {
            g = green.decide(p.greenLevelPct());
        } catch (RuntimeException e) {
            return ModeDecision.pause(head + ": Green charging failed (" + e + ")");
        }
        if (g == null) {
            return ModeDecision.pause(head + ": Green charging gave no answer");
        }
        String reason = g.reason().isEmpty() ? head : head + ": " + g.reason();
        if (!g.chargeNow()) {
            // Green's pause keeps Green's manual §8 row: the logo says green energy is missing, not "suspended".
            return g.manualRow() != null ? ModeDecision.suspendedAs(g.manualRow(), reason) : ModeDecision.pause(reason);
        }
        double power = p.powerLimitW() > 0 ? Math.min(g.maxPowerW(), p.powerLimitW()) : g.maxPowerW();
        return new ModeDecision(true, reason, g.maxCurrentA(), power);
    }

    /** "P2", "default program". */
    private static String label(Program p) {
        return p.number() == 0 ? "default program" : p.name();
    }
}
