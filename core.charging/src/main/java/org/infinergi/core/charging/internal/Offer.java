package org.infinergi.core.charging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.Limit;

/**
 * The current offered to the vehicle: the minimum over all limits (ARCHITECTURE "limits compose by minimum"),
 * nothing below the 6 A minimum of IEC 61851-1, and the active charging mode's word (manual §5.1).
 *
 * @param winner    the lowest limit, or null when there is none at all
 * @param amps      the current to offer, 0 when none can be
 * @param limitedBy the winner's source, shown as why the current is what it is
 */
record Offer(Limit winner, double amps, String limitedBy) {

    static final String NO_PROVIDER = "no limit provider";

    static Offer of(List<Limit> providers, ChargingMode mode) {
        List<Limit> limits = new ArrayList<>(providers);
        if (mode != ChargingMode.FAST) {
            limits.add(new Limit(0, "mode " + mode + " not installed",
                    "no provider for mode " + mode + " yet; charging paused on the safe side"));
        }
        Limit winner = null;
        for (Limit l : limits) {
            if (winner == null || l.amps() < winner.amps()) {
                winner = l;
            }
        }
        double available = winner == null ? 0 : winner.amps();
        double amps = available >= DutyCycle.MIN_CURRENT_A ? Math.min(available, DutyCycle.MAX_CURRENT_A) : 0;
        return new Offer(winner, amps, winner == null ? NO_PROVIDER : winner.source());
    }

    /** Some current can be offered. */
    boolean any() {
        return amps > 0;
    }

    /** Why nothing can be offered, in the words shown on the status. */
    String noOfferReason() {
        if (winner == null) {
            return "no limit provider registered";
        }
        String s = String.format(Locale.ROOT, "%s allows %.1f A, below the 6 A minimum (IEC 61851-1)",
                winner.source(), winner.amps());
        return winner.detail().isEmpty() ? s : s + "; " + winner.detail();
    }
}
