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
 *                    as a single-phase car (the smallest minimum charging power); cleared once its meter shows the
 *                    phases it draws on
 */
record GreenState(boolean on, Instant switchedAt, Instant lastAt, double averageW, Instant enoughSince,
        double cloudWh, List<Integer> carPhases, List<Instant> starts, boolean guessed) {

    /** The closings a day counts: issue 16's target is at most 10 closings a day. */
    static final Duration CLOSING_WINDOW = Duration.ofHours(24);

    /** Paused, never switched: the first start needs the start delay but no minimum off time. */
    static final GreenState INITIAL = new GreenState(false, null, null, Double.NaN, null, 0, List.of(),
            List.of());

    GreenState {
        carPhases = List.copyOf(carPhases);
        starts = List.copyOf(starts);
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
        return new GreenState(true, now, now, averageW, null, 0, carPhases, startsWith(now), guessed);
    }

    /** The car was seen drawing after a start judged as a single-phase car: from now on it is judged on its phases. */
    GreenState judged() {
        return new GreenState(on, switchedAt, lastAt, averageW, enoughSince, cloudWh, carPhases, starts, false);
    }

    GreenState paused(Instant now) {
        return new GreenState(false, on ? now : switchedAt, now, averageW, null, 0, carPhases, starts, false);
    }

    GreenState at(Instant now, double average) {
        return new GreenState(on, switchedAt, now, average, enoughSince, cloudWh, carPhases, starts, guessed);
    }

    GreenState enoughSince(Instant since) {
        return new GreenState(on, switchedAt, lastAt, averageW, since, cloudWh, carPhases, starts, guessed);
    }

    GreenState cloud(double wh) {
        return new GreenState(on, switchedAt, lastAt, averageW, enoughSince, wh, carPhases, starts, guessed);
    }

    GreenState withCarPhases(List<Integer> phases) {
        return new GreenState(on, switchedAt, lastAt, averageW, enoughSince, cloudWh, phases, starts, guessed);
    }

    /** Forgets the average: the next fresh reading starts it over (after a stale grid reading, a long silence). */
    GreenState withoutAverage(Instant now) {
        return new GreenState(on, switchedAt, now, Double.NaN, null, cloudWh, carPhases, starts, guessed);
    }

    /** Boost runs: the charge counts as started when Boost began, with no cloud taken yet. */
    GreenState boosting(Instant since) {
        return new GreenState(true, since, lastAt, averageW, null, 0, carPhases, starts, false);
    }

    /**
     * The charge ended (the car left): the next car starts as the first did — after the start delay, with no minimum
     * off time to wait (the contactor opened for the car, not for a cloud) — and may use other phases.
     */
    GreenState sessionEnded() {
        return new GreenState(false, null, lastAt, averageW, null, 0, List.of(), starts, false);
    }
}
