package org.infinergi.core.charging.api;

import java.util.Objects;

/**
 * What the active charging mode says for this moment (manual §5.1): charge, at most some current or power, or do
 * not charge now, because … The reason is what the user reads ({@code limitedBy}, the status detail); a pause shows
 * as "charging suspended" (manual §8), a limit below the 6 A minimum as "current not available".
 *
 * @param chargeNow   false: do not charge now (for example "green energy not available", "invalid charging
 *                    program", "not enabled by the central system")
 * @param reason      why, never null; empty when there is nothing to say
 * @param maxCurrentA the highest current per phase the mode allows, amperes; {@code +∞} when it sets none
 * @param maxPowerW   the highest power the mode allows, watts; {@code +∞} when it sets none
 * @param program     the program of the mode that decided, as the status shows it ({@code activeProgram}): the
 *                    Programmed mode's {@code P1}…{@code P6} or {@code DEFAULT} (manual §5.1.3); null for a mode
 *                    without programs or when no program runs (the clock is not set); since 1.8.0
 * @param manualRow   the manual §8 row a pause is shown as, which the status detail begins with and the logo follows
 *                    (for example {@link ChargerStatus#DETAIL_GREEN_ENERGY_NOT_AVAILABLE}, whichever mode or program
 *                    pauses for want of surplus); null for the plain suspension; since 1.10.0
 */
public record ModeDecision(boolean chargeNow, String reason, double maxCurrentA, double maxPowerW, String program,
        String manualRow) {

    public ModeDecision {
        Objects.requireNonNull(reason, "reason");
        if (Double.isNaN(maxCurrentA) || maxCurrentA < 0) {
            throw new IllegalArgumentException("maxCurrentA must be >= 0 A, was " + maxCurrentA);
        }
        if (Double.isNaN(maxPowerW) || maxPowerW < 0) {
            throw new IllegalArgumentException("maxPowerW must be >= 0 W, was " + maxPowerW);
        }
    }

    /** The 1.4.0 shape: no program. */
    public ModeDecision(boolean chargeNow, String reason, double maxCurrentA, double maxPowerW) {
        this(chargeNow, reason, maxCurrentA, maxPowerW, null, null);
    }

    /** The 1.8.0 shape: no manual row of its own. */
    public ModeDecision(boolean chargeNow, String reason, double maxCurrentA, double maxPowerW, String program) {
        this(chargeNow, reason, maxCurrentA, maxPowerW, program, null);
    }

    /** The same word, said by {@code program} (since 1.8.0); its manual row stays. */
    public ModeDecision withProgram(String program) {
        return new ModeDecision(chargeNow, reason, maxCurrentA, maxPowerW, program, manualRow);
    }

    /** Charge with no limit of the mode's own. */
    public static ModeDecision charge() {
        return new ModeDecision(true, "", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Do not charge now, because {@code reason}. */
    public static ModeDecision pause(String reason) {
        return new ModeDecision(false, reason, 0, 0);
    }

    /**
     * Do not charge now, because {@code reason}, shown as the manual §8 row {@code manualRow} (since 1.10.0): the
     * row belongs to the cause, not to the mode, so a Green program of the Programmed mode shows Green's row.
     */
    public static ModeDecision suspendedAs(String manualRow, String reason) {
        return new ModeDecision(false, reason, 0, 0, null, Objects.requireNonNull(manualRow, "manualRow"));
    }

    /** Charge at most {@code amps} per phase, because {@code reason}. */
    public static ModeDecision current(double amps, String reason) {
        return new ModeDecision(true, reason, amps, Double.POSITIVE_INFINITY);
    }

    /** Charge at most {@code watts} in total, because {@code reason}. */
    public static ModeDecision power(double watts, String reason) {
        return new ModeDecision(true, reason, Double.POSITIVE_INFINITY, watts);
    }
}
