package org.infinergi.feature.dlm.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What DLM remembers from one decision to the next.
 *
 * @param paused    the charge is paused for lack of current (or of a fresh grid reading)
 * @param roomSince while paused: since when the room has stayed at or above the resume threshold, null when it is not
 * @param carPhases the phases (0 = L1) the car drew on when it last drew, empty when never seen: a car that pauses
 *                  draws nothing, and the resume is judged on the phases it will use again
 * @param offerA    the amperes DLM offered last (0 while paused), NaN before its first offer: what it holds while a
 *                  grid reading cannot show the car's last change yet
 * @param draws     the car's current (its most loaded phase, A) as a step function of time, oldest first, the last
 *                  {@link #KEPT_S} s: which of the car's changes a grid reading of a given time may not show yet
 */
record DlmState(boolean paused, Instant roomSince, List<Integer> carPhases, double offerA, List<Draw> draws) {

    static final DlmState INITIAL = new DlmState(false, null, List.of(), Double.NaN, List.of());

    /** How long the car's draws are kept, seconds: longer than a grid reading stays fresh with its lag. */
    static final long KEPT_S = 15;
    /** A move of the car's current smaller than this, A, is the meter's noise, not a change (23 W a phase). */
    static final double NOISE_A = 0.1;

    /** The car drew {@code amps} from {@code since} on (until the next draw). */
    record Draw(Instant since, double amps) {
    }

    DlmState {
        carPhases = List.copyOf(carPhases);
        draws = List.copyOf(draws);
    }

    DlmState(boolean paused, Instant roomSince, List<Integer> carPhases) {
        this(paused, roomSince, carPhases, Double.NaN, List.of());
    }

    DlmState running() {
        return new DlmState(false, null, carPhases, offerA, draws);
    }

    DlmState pausedSince(Instant since) {
        return new DlmState(true, since, carPhases, offerA, draws);
    }

    DlmState withCarPhases(List<Integer> phases) {
        return new DlmState(paused, roomSince, phases, offerA, draws);
    }

    DlmState offering(double amps) {
        return new DlmState(paused, roomSince, carPhases, amps, draws);
    }

    /**
     * The car's draw {@code amps} measured at {@code at} added as a step when it moved by {@value #NOISE_A} A or more
     * (or is the first), the steps older than {@value #KEPT_S} s before it dropped — all but the one in force then.
     */
    DlmState drawing(Instant at, double amps) {
        Draw last = draws.isEmpty() ? null : draws.get(draws.size() - 1);
        boolean moved = last == null || Math.abs(amps - last.amps()) >= NOISE_A;
        if (!moved || (last != null && at.isBefore(last.since()))) {
            return this;
        }
        Instant keepFrom = at.minusSeconds(KEPT_S);
        List<Draw> kept = new ArrayList<>(draws.size() + 1);
        for (int k = 0; k < draws.size(); k++) {
            boolean superseded = k + 1 < draws.size() && !draws.get(k + 1).since().isAfter(keepFrom);
            if (!superseded) {
                kept.add(draws.get(k));
            }
        }
        kept.add(new Draw(at, amps));
        return new DlmState(paused, roomSince, carPhases, offerA, kept);
    }

    /**
     * What the car drew between {@code from} and {@code to}: the least, the most, and the draw in force at {@code to}
     * (what the site's load took out); null when nothing is known of it.
     */
    Span drawsBetween(Instant from, Instant to) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Double atTo = null;
        for (int k = 0; k < draws.size(); k++) {
            Draw d = draws.get(k);
            Instant until = k + 1 < draws.size() ? draws.get(k + 1).since() : null;
            if (d.since().isAfter(to)) {
                break;
            }
            atTo = d.amps();
            boolean overlaps = until == null || until.isAfter(from);
            if (overlaps) {
                min = Math.min(min, d.amps());
                max = Math.max(max, d.amps());
            }
        }
        return atTo == null ? null : new Span(min, max, atTo);
    }

    /** The car's draw over a grid reading's lag: its least, its most, and at the reading's time. */
    record Span(double min, double max, double at) {
    }
}
