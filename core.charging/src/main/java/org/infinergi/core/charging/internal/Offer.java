package org.infinergi.core.charging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.ModeDecision;

/**
 * The current offered to the vehicle: the minimum over all limits (ARCHITECTURE "limits compose by minimum"),
 * nothing below the 6 A minimum of IEC 61851-1, and the active charging mode's word (manual §5.1) as one more limit.
 *
 * @param winner    the lowest limit, or null when there is none at all
 * @param amps      the current to offer, 0 when none can be
 * @param limitedBy the winner's source, shown as why the current is what it is
 * @param modePause the active mode said "do not charge now, because …": that reason; otherwise null
 * @param modeRow   the manual §8 row the mode's pause is shown as, when it names one; otherwise null
 */
record Offer(Limit winner, double amps, String limitedBy, String modePause, String modeRow) {

    static final String NO_PROVIDER = "no limit provider";
    /** The source DLM's limit names (feature.dlm, manual §5.3): its pause is the manual §8 "current not available". */
    static final String DLM_SOURCE = "DLM";
    /** Nominal phase voltage (manual §2.3) to turn a mode's power limit into a current per phase. */
    static final double NOMINAL_V = 230.0;

    /**
     * @param mode     the active mode
     * @param decision its service's word, null when no service is installed for it (Fast needs none)
     * @param phases   the device's phases, to turn a power limit into a current
     */
    static Offer of(List<Limit> providers, ChargingMode mode, ModeDecision decision, int phases) {
        List<Limit> limits = new ArrayList<>(providers);
        Limit modeLimit = modeLimit(mode, decision, phases);
        if (modeLimit != null) {
            limits.add(modeLimit);
        }
        Limit winner = null;
        for (Limit l : limits) {
            if (winner == null || l.amps() < winner.amps()) {
                winner = l;
            }
        }
        double available = winner == null ? 0 : winner.amps();
        double amps = available >= DutyCycle.MIN_CURRENT_A ? Math.min(available, DutyCycle.MAX_CURRENT_A) : 0;
        boolean modePaused = winner == modeLimit && decision != null && !decision.chargeNow();
        return new Offer(winner, amps, winner == null ? NO_PROVIDER : winner.source(),
                modePaused ? modeLimit.detail() : null, modePaused ? decision.manualRow() : null);
    }

    /** The active mode's word as a limit (manual §5.1), or null when it sets none; Fast is the core's own. */
    private static Limit modeLimit(ChargingMode mode, ModeDecision decision, int phases) {
        if (mode == ChargingMode.FAST) {
            return null;
        }
        if (decision == null) {
            return new Limit(0, "mode " + mode + " not installed",
                    "no provider for mode " + mode + " yet; charging paused on the safe side");
        }
        if (!decision.chargeNow()) {
            return new Limit(0, "mode " + mode, decision.reason().isEmpty() ? "mode " + mode : decision.reason());
        }
        double amps = Math.min(decision.maxCurrentA(), decision.maxPowerW() / (NOMINAL_V * phases));
        return amps < Double.POSITIVE_INFINITY ? new Limit(amps, "mode " + mode, decision.reason()) : null;
    }

    /** Some current can be offered. */
    boolean any() {
        return amps > 0;
    }

    /**
     * The manual §8 row when nothing can be offered because of DLM or Green, as the status detail begins with it
     * (the panel picks the logo's row by it), or null for any other reason. DLM's limit, the lowest and below 6 A
     * (manual §5.3: the charge does not start or pauses), is "Current not available (DLM)", in B and in C alike; a
     * mode's pause is the row its decision names (Green's, in the Green mode or a Green program: "Green energy not
     * available", manual §5.1.2), so the core tests for no mode.
     */
    String manualRow() {
        if (any() || winner == null) {
            return null;
        }
        if (modePause == null && DLM_SOURCE.equals(winner.source())) {
            return ChargerStatus.DETAIL_CURRENT_NOT_AVAILABLE_DLM;
        }
        return modePause != null ? modeRow : null;
    }

    /**
     * The status detail when nothing is offered: the manual §8 row DLM and Green pauses are shown as, then why;
     * otherwise {@code otherwise} ("paused", "no current available") and why.
     */
    String noOfferDetail(String otherwise) {
        String row = manualRow();
        return (row != null ? row : otherwise) + ": " + noOfferReason();
    }

    /** Why nothing can be offered, in the words shown on the status. */
    String noOfferReason() {
        if (winner == null) {
            return "no limit provider registered";
        }
        if (modePause != null) {
            return winner.source() + ": " + modePause;
        }
        String s = String.format(Locale.ROOT, "%s allows %.1f A, below the 6 A minimum (IEC 61851-1)",
                winner.source(), winner.amps());
        return winner.detail().isEmpty() ? s : s + "; " + winner.detail();
    }
}
