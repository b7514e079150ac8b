package org.infinergi.feature.green.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What Green remembers from one decision to the next.
 *
 * @param on          Green lets the car charge now
 * @param switchedAt  when Green last started or paused the charge (the minimum on and off times run from it), null
 *                    when it never has
 * @param lastAt      the instant of the last decision, null before the first (the average and the cloud account
 *                    advance by the time between decisions)
 * @param averageW    the averaged surplus, W; NaN when there is none (first decision, after a stale grid reading)
 * @param enoughSince while paused: since when the surplus, now and averaged, has held the threshold (L % of the
 *                    minimum charging power), null when it does not
 * @param cloudWh     while charging: the grid energy taken at the 6 A minimum beyond what the level allows, net of
 *                    the surplus above the threshold since (never below 0), Wh
 * @param carPhases   the phases (0 = L1) the car drew on when it last drew in this session, empty when not seen yet
 * @param starts      when Green started a charge in the last {@link #CLOSING_WINDOW} (oldest first): each start closes
 *                    the contactor, and the cloud allowance grows with their number
 * @param guessed     while charging: the charge was started before the car was seen drawing in this session, judged
 *                    on the phases the last car drew on ({@link CarMemory}) or, with none, as a single-phase car (the
 *                    smallest minimum charging power); cleared once its meter shows the phases it draws on
 * @param draws       the car's draw (its own meter's total, W) as a step function of time, oldest first, the last
 *                    {@link #KEPT_S} s: which of the car's changes a grid reading of a given time may not show yet
 * @param surplusW    the surplus the last decision went by (after {@link GreenLogic#settledSurplusW}), W; NaN when
 *                    there was none: what Green holds while a grid reading cannot show the car's last change yet
 */
record GreenState(boolean on, Instant switchedAt, Instant lastAt, double averageW, Instant enoughSince,
        double cloudWh, List<Integer> carPhases, List<Instant> starts, boolean guessed, List<Draw> draws,
        double surplusW) {

    /** How long the car's draws are kept, seconds: longer than a grid reading's lag and poll period together. */
    static final long KEPT_S = 15;
    /**
     * A move of the car's draw smaller than this, W, is the meter's noise, not a change (0.1 A on one phase): every
     * real change counts, however small — DLM found that one left to the reading's error starts a swing of its own.
     */
    static final double NOISE_W = 23;

    /** The car drew {@code watts} from {@code since} on (until the next draw). */
    record Draw(Instant since, double watts) {
    }

    /** The car's draw over a grid reading's lag: its least, its most, and at the reading's time, W. */
    record Span(double min, double max, double at) {
    }

    /** The closings a day counts: issue 16's target is at most 10 closings a day. */
    static final Duration CLOSING_WINDOW = Duration.ofHours(24);

    /** Paused, never switched: the first start needs the start delay but no minimum off time. */
    static final GreenState INITIAL = new GreenState(false, null, null, Double.NaN, null, 0, List.of(),
            List.of());

    GreenState {
        carPhases = List.copyOf(carPhases);
        starts = List.copyOf(starts);
        draws = List.copyOf(draws);
    }

    /** A state with no record of the car's draws (and no surplus held). */
    GreenState(boolean on, Instant switchedAt, Instant lastAt, double averageW, Instant enoughSince, double cloudWh,
            List<Integer> carPhases, List<Instant> starts, boolean guessed) {
        this(on, switchedAt, lastAt, averageW, enoughSince, cloudWh, carPhases, starts, guessed, List.of(),
                Double.NaN);
    }

    /** A state whose charge, if any, was started on phases seen drawing (not a guess). */
    GreenState(boolean on, Instant switchedAt, Instant lastAt, double averageW, Instant enoughSince, double cloudWh,
            List<Integer> carPhases, List<Instant> starts) {
        this(on, switchedAt, lastAt, averageW, enoughSince, cloudWh, carPhases, starts, false);
    }

    /** The starts (contactor closings) in the window before {@code now}, this one included when it is one. */
    int startsWithin(Instant now) {
        Instant from = now.minus(CLOSING_WINDOW);
        return (int) starts.stream().filter(t -> t.isAfter(from)).count();
    }

    private List<Instant> startsWith(Instant now) {
        Instant from = now.minus(CLOSING_WINDOW);
        List<Instant> out = new ArrayList<>();
        for (Instant t : starts) {
            if (t.isAfter(from)) {
                out.add(t);
            }
        }
        out.add(now);
        return out;
    }

    /** Green starts the charge; {@code guessed} when the car has not been seen drawing in this session yet. */
    GreenState started(Instant now, boolean guessed) {
        return new GreenState(true, now, now, averageW, null, 0, carPhases, startsWith(now), guessed, draws, surplusW);
    }

    /** The car was seen drawing after a start judged as a single-phase car: from now on it is judged on its phases. */
    GreenState judged() {
        return new GreenState(on, switchedAt, lastAt, averageW, enoughSince, cloudWh, carPhases, starts, false, draws,
                surplusW);
    }

    GreenState paused(Instant now) {
        return new GreenState(false, on ? now : switchedAt, now, averageW, null, 0, carPhases, starts, false, draws,
                surplusW);
    }

    GreenState at(Instant now, double average) {
        return new GreenState(on, switchedAt, now, average, enoughSince, cloudWh, carPhases, starts, guessed, draws,
                surplusW);
    }

    GreenState enoughSince(Instant since) {
        return new GreenState(on, switchedAt, lastAt, averageW, since, cloudWh, carPhases, starts, guessed, draws,
                surplusW);
    }

    GreenState cloud(double wh) {
        return new GreenState(on, switchedAt, lastAt, averageW, enoughSince, wh, carPhases, starts, guessed, draws,
                surplusW);
    }

    GreenState withCarPhases(List<Integer> phases) {
        return new GreenState(on, switchedAt, lastAt, averageW, enoughSince, cloudWh, phases, starts, guessed, draws,
                surplusW);
    }

    /** Forgets the average: the next fresh reading starts it over (after a stale grid reading, a long silence). */
    GreenState withoutAverage(Instant now) {
        return new GreenState(on, switchedAt, now, Double.NaN, null, cloudWh, carPhases, starts, guessed, draws,
                Double.NaN);
    }

    /** Boost runs: the charge counts as started when Boost began, with no cloud taken yet. */
    GreenState boosting(Instant since) {
        return new GreenState(true, since, lastAt, averageW, null, 0, carPhases, starts, false, draws, surplusW);
    }

    /**
     * The charge ended (the car left): the next car starts as the first did — after the start delay, with no minimum
     * off time to wait (the contactor opened for the car, not for a cloud) — and may use other phases.
     */
    GreenState sessionEnded() {
        return new GreenState(false, null, lastAt, averageW, null, 0, List.of(), starts, false, List.of(), surplusW);
    }

    /** The surplus this decision went by, held by the next one while a grid reading may not show the car's change. */
    GreenState surplus(double watts) {
        return new GreenState(on, switchedAt, lastAt, averageW, enoughSince, cloudWh, carPhases, starts, guessed, draws,
                watts);
    }

    /**
     * The car's draw {@code watts} measured at {@code at} added as a step when it moved by {@value #NOISE_W} W or more
     * (or is the first), the steps older than {@value #KEPT_S} s before it dropped — all but the one in force then.
     */
    GreenState drawing(Instant at, double watts) {
        Draw last = draws.isEmpty() ? null : draws.get(draws.size() - 1);
        boolean moved = last == null || Math.abs(watts - last.watts()) >= NOISE_W;
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
        kept.add(new Draw(at, watts));
        return new GreenState(on, switchedAt, lastAt, averageW, enoughSince, cloudWh, carPhases, starts, guessed, kept,
                surplusW);
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
            atTo = d.watts();
            if (until == null || until.isAfter(from)) {
                min = Math.min(min, d.watts());
                max = Math.max(max, d.watts());
            }
        }
        return atTo == null ? null : new Span(min, max, atTo);
    }
}
