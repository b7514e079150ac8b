package org.infinergi.feature.green.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.infinergi.core.charging.api.CarPhases;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.PhaseReading;
import org.infinergi.core.charging.api.ReadingStatus;

/**
 * The Green decision (manual §5.1.2), a pure function of the settings, the minimum green level asked for, the site's
 * load without the charger ({@code ElectricalReadings.siteLoad()}: the grid reading with the charger's draw at its
 * time taken out), the charger's own reading (the phases the car uses), what the last decision left and the time.
 *
 * <p>Why not the grid reading minus the charger's latest reading: the grid meter is polled (up to a second old), the
 * own meter is nearly current; while the car follows a higher offer the surplus looked larger by the change of its
 * draw, and the offer climbed on a surplus the plant did not give.
 *
 * <p>In the manual's words: the <em>minimum green level</em> L is a percentage of the <em>minimum charging
 * power</em> (6 A on each phase the car uses: about 1.4 kW single-phase, 4.1 kW three-phase); a <em>surplus</em> of
 * L % of it starts and keeps the charge. The car takes the whole surplus, and at least the minimum charging power:
 * what the surplus lacks of that minimum comes from the grid — at most (100 − L) % of it, less as the surplus grows.
 * At 0 % it always charges. <em>Minimum exported power</em> is never surplus and makes L 100 %.
 *
 * <p>A passing cloud: the surplus is averaged ({@code smoothing}) before it starts the charge, which also needs the
 * averaged surplus held at the threshold for {@code startDelay}. Once charging, a surplus below the threshold holds
 * the car at 6 A while the grid energy it takes beyond what the level allows — net of the surplus above the threshold
 * since — stays within {@code cloudImportWh}; a charge runs at least {@code minOn} and pauses at least {@code
 * minOff}. A grid reading that is not
 * fresh pauses at once, whatever the times: Green never charges on a last good value (ARCHITECTURE "Safety").
 *
 * <p>The answer is a {@link ModeDecision}: the core takes it as one more limit beside DLM's and every other, so
 * Green never exceeds DLM.
 */
final class GreenLogic {

    /** IEC 61851-1: no charge below 6 A. */
    static final double MIN_A = 6.0;
    /** Manual §2.3: the phase voltage when the meter gives none (the manual's 1.4 kW = 6 A × 230 V). */
    static final double NOMINAL_V = 230.0;
    /** Longer between two decisions (Green was not asked: another mode was active) starts the average over. */
    static final Duration MAX_GAP = Duration.ofSeconds(5);
    /**
     * The phases of a car not seen drawing yet on a charger that remembers no car ({@link CarMemory}), for its minimum
     * charging power: a single-phase car on L1 (type 2), the smallest minimum (manual §5.1.2: 1.4 kW). The supply's
     * phases instead (evcc's rule for an unknown vehicle) kept a single-phase car waiting for 4.1 kW of surplus until
     * it had once drawn (bench/energy: the clear day's morning went to the grid's export).
     */
    static final List<Integer> SMALLEST_CAR = List.of(0);
    /** Manual §8: what the logo and the status say while Green pauses. */
    static final String NOT_AVAILABLE = "Green energy not available";

    private GreenLogic() {
    }

    /**
     * Green's pause, shown as the manual §8 row "Suspended: green energy not available" in the Green mode and in a
     * Green program of the Programmed mode alike (the row belongs to Green, not to the mode).
     */
    static ModeDecision suspended(String reason) {
        return ModeDecision.suspendedAs(ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE, reason);
    }

    /** The word now and the state for the next decision. */
    record Decision(ModeDecision decision, GreenState next) {
    }

    /** One decision for a charger that remembers no car (the smallest car is assumed until one draws). */
    static Decision decide(GreenSettings s, int levelPct, ElectricalReading site, ElectricalReading charger,
            GreenState prev, Instant now) {
        return decide(s, levelPct, site, charger, List.of(), prev, now);
    }

    /**
     * One decision.
     *
     * @param levelPct   the minimum green level asked for (the Green mode's own, or a Green program's)
     * @param site       {@code ElectricalReadings.siteLoad()}: the grid reading without the charger's draw at its
     *                   time, with the grid reading's status, source and voltages
     * @param charger    the vehicle meter in use, for the phases the car draws on; null when there is none
     * @param remembered the phases the last car drew on ({@link CarMemory}), empty when none was seen: what a car not
     *                   seen drawing in this session is judged on
     */
    static Decision decide(GreenSettings s, int levelPct, ElectricalReading site, ElectricalReading charger,
            List<Integer> remembered, GreenState prev, Instant now) {
        if (site.status() == ReadingStatus.NOT_CONFIGURED) {
            return new Decision(suspended(NOT_AVAILABLE + ": no grid meter (org.infinergi.metering gridMeter"
                    + " = NONE); Green needs one to see the surplus (manual §5.1.2, §5.2.2)"), prev.paused(now)
                    .withoutAverage(now));
        }
        if (!site.fresh() || site.powerW() == null) {
            return staleGrid(site, prev, now);
        }
        int level = effectiveLevelPct(levelPct, s.minExportedW());
        List<Integer> drawing = CarPhases.drawing(charger);
        List<Integer> seen = drawing.isEmpty() ? prev.carPhases() : drawing;
        // The threshold is L % of the minimum charging power of the car (manual §5.1.2): 6 A on the phases it draws
        // on. Not seen drawing yet in this session, it is judged on the phases the last car drew on (a home
        // charger's regular car) or, with none remembered, as the smallest car, single-phase (1.4 kW); a start on
        // that assumption is checked as soon as its meter shows the phases (whileCharging). The offer, though, is
        // spread over every phase of the supply until then: a car on more phases takes no more than the surplus.
        List<Integer> assumed = remembered.isEmpty() ? SMALLEST_CAR : remembered;
        List<Integer> minimumPhases = seen.isEmpty() ? assumed : seen;
        List<Integer> offerPhases = CarPhases.inUse(charger, prev.carPhases(), CarPhases.supply(site, charger));
        double minimumW = minimumPowerW(volts(site, minimumPhases));
        GreenState drawn = drawn(prev, charger, now);
        double surplusW = settledSurplusW(surplusW(site, s.minExportedW()), drawn, site.at(), s.gridLag());
        Duration dt = sinceLast(prev, now);
        double averageW = average(prev.averageW(), surplusW, dt, s.smoothing());
        GreenState st = drawn.withCarPhases(seen).at(now, averageW).surplus(surplusW);
        Budget b = new Budget(level, surplusW, averageW, minimumW, volts(site, offerPhases), minimumPhases.size(),
                seen.isEmpty(), remembered.isEmpty() ? 0 : remembered.size(), assumed.size(), s.headroomW());
        if (level == 0) {
            return alwaysCharge(b, st.on() ? st : st.started(now, b.guessed()));
        }
        return st.on() ? whileCharging(s, b, st, dt, now) : whilePaused(s, b, st, now);
    }

    /** The car's draw now (its own meter's total) added to what Green remembers of it. */
    static GreenState drawn(GreenState st, ElectricalReading charger, Instant now) {
        if (charger == null || !charger.fresh()) {
            return st;
        }
        double watts = 0;
        if (charger.powerW() != null) {
            watts = charger.powerW();
        } else {
            for (PhaseReading p : charger.phases()) {
                watts += p.powerW();
            }
        }
        return st.drawing(charger.at() != null ? charger.at() : now, Math.max(0, watts));
    }

    /**
     * The surplus a grid reading taken at {@code gridAt} shows, given that it may show the site up to {@code lag}
     * earlier (a meter refreshes its registers about once a second): the site's load took out the car's draw at
     * {@code gridAt}, while the reading may hold any draw of the car's within the lag. After the car rose the surplus
     * looks larger by up to that rise, after it fell smaller — followed, each change would feed the next (a raise
     * raising again, a lowering lowering again down to the 6 A hold and its cloud account), and the first reading
     * after a start as a single-phase car would show a three-phase car's draw as surplus. Without a change within
     * the lag the reading's surplus is taken; with one, Green holds the surplus it went by while it lies within what
     * the reading can mean, raises it only to the least and lowers it only to the most (the feature.dlm rule).
     *
     * @param shownW the surplus as the reading shows it
     * @param st     the state with the car's draws up to now and the surplus the last decision went by
     */
    static double settledSurplusW(double shownW, GreenState st, Instant gridAt, Duration lag) {
        if (gridAt == null || lag.isZero()) {
            return shownW;
        }
        GreenState.Span car = st.drawsBetween(gridAt.minus(lag), gridAt);
        if (car == null) {
            return shownW;
        }
        double hiddenRise = car.at() - car.min();
        double hiddenFall = car.max() - car.at();
        if (hiddenRise <= 0 && hiddenFall <= 0) {
            return shownW;
        }
        double least = shownW - hiddenRise;
        double most = shownW + hiddenFall;
        double held = st.surplusW();
        if (Double.isNaN(held)) {
            return least;
        }
        return Math.max(least, Math.min(most, held));
    }

    /**
     * The surplus as this decision sees it.
     *
     * @param level    the minimum green level in force, percent
     * @param surplusW the surplus now
     * @param averageW the same, averaged
     * @param minimumW the minimum charging power on the phases the car uses
     * @param volts    Σ V of the phases the offer is spread over (those the car uses; every phase of the supply
     *                 while they are not seen)
     * @param phases   how many phases the minimum charging power counts
     * @param guessed  the car has not been seen drawing in this session: its minimum is the remembered car's or,
     *                 with none, the smallest car's
     * @param remembered how many phases the last car drew on, 0 when no car was seen
     * @param assumed  how many phases a car not seen drawing in this session is judged on
     * @param headroomW watts the offer aims below the surplus (never below the 6 A minimum)
     */
    record Budget(int level, double surplusW, double averageW, double minimumW, double volts, int phases,
            boolean guessed, int remembered, int assumed, double headroomW) {

        /** The surplus that starts and keeps the charge. */
        double thresholdW() {
            return startSurplusW(level, minimumW);
        }

        /** The surplus to spend: down at once, up as the average rises (a flicker of sun is not spent twice). */
        double usableW() {
            return Math.min(surplusW, averageW);
        }

        /**
         * The current per phase that takes the surplus less the headroom, and at least the 6 A minimum (the rest from
         * the grid). Why the headroom: a surplus that falls is followed about 2 s later (the grid meter's poll and
         * lag, the car's reaction), and an offer on the surplus itself imports for each small fall and each watt of
         * noise — on bench/energy's clear day 7.5 Wh for a single-phase car, more than all the sunset's hold saves.
         */
        double amps() {
            return Math.max(MIN_A, (usableW() - headroomW) / volts);
        }

        /** Built without {@code String.format}: the core asks at every control cycle (50 ms). */
        String describe() {
            return "Green " + level + " %: surplus " + Math.round(surplusW) + " W (averaged " + Math.round(averageW)
                    + " W), threshold " + Math.round(thresholdW()) + " W = " + level
                    + " % of the minimum charging power " + Math.round(minimumW) + " W on " + phases + " phase(s)"
                    + (!guessed ? "" : remembered == 0 ? " (the car not seen drawing yet: judged as a single-phase car)"
                            : " (the car not seen drawing yet: judged on the " + remembered
                                    + " phase(s) the last car drew on)");
        }
    }

    /** "Minimum exported power", when set, makes the level 100 % (manual §5.1.2); a level is 0..100. */
    static int effectiveLevelPct(int requested, int minExportedW) {
        return minExportedW > 0 ? 100 : Math.max(0, Math.min(100, requested));
    }

    /** 6 A on each phase the car uses (manual §5.1.2: about 1.4 kW single-phase, 4 kW three-phase). */
    static double minimumPowerW(double volts) {
        return MIN_A * volts;
    }

    /**
     * The surplus: what the site would export without the charger — the grid meter measures house + charger −
     * plant, the site's load is that without the charger, house − plant (export is negative) — less the power that
     * must always stay exported.
     */
    static double surplusW(ElectricalReading site, int minExportedW) {
        return -site.powerW() - minExportedW;
    }

    /**
     * What the grid gives the car charging at {@code amps}: what the surplus lacks of the car's power — at the
     * threshold (100 − L) % of the minimum charging power (manual §5.1.2: 75 % → 0.35 kW), less as the surplus grows.
     */
    static double importW(double amps, double volts, double surplusW) {
        return Math.max(0, amps * volts - surplusW);
    }

    /** The surplus that starts and keeps the charge: L % of the minimum charging power (75 % → 1.05 kW). */
    static double startSurplusW(int levelPct, double minimumW) {
        return levelPct / 100.0 * minimumW;
    }

    /** Exponential average with time constant {@code tau}; the first value (NaN before) is taken as it is. */
    static double average(double previous, double value, Duration dt, Duration tau) {
        if (Double.isNaN(previous) || tau.isZero() || dt == null) {
            return value;
        }
        double alpha = 1 - Math.exp(-dt.toMillis() / (double) tau.toMillis());
        return previous + alpha * (value - previous);
    }

    /** The time since the last decision, null when there was none or it is too long ago to average over. */
    static Duration sinceLast(GreenState prev, Instant now) {
        if (prev.lastAt() == null) {
            return null;
        }
        Duration dt = Duration.between(prev.lastAt(), now);
        return dt.isNegative() || dt.compareTo(MAX_GAP) > 0 ? null : dt;
    }

    /** At 0 % the charge never waits for the sun: at least 6 A, more as the surplus grows (manual §5.1.2). */
    static Decision alwaysCharge(Budget b, GreenState st) {
        return new Decision(ModeDecision.current(b.amps(), b.describe()
                + "; 0 % charges always, importing less as the surplus grows"), st);
    }

    /**
     * Charging: the offer follows the surplus; below the threshold the car is held at 6 A while the cloud account
     * lasts (or the minimum on time runs), then Green pauses.
     */
    static Decision whileCharging(GreenSettings s, Budget b, GreenState st, Duration dt, Instant now) {
        double cloudWh = dt == null ? st.cloudWh()
                : Math.max(0, st.cloudWh() + (b.thresholdW() - b.surplusW()) * dt.toMillis() / 3_600_000.0);
        GreenState next = st.cloud(cloudWh);
        if (st.guessed() && !b.guessed()) {
            // Started on an assumption (the last car's phases, or a single-phase car); its meter now shows its phases.
            next = next.judged();
            if (b.phases() > b.assumed() && b.usableW() < b.thresholdW()) {
                // A car on more phases needs more than the surplus that started it: the start was a wrong guess, not
                // a cloud, so neither the minimum on time nor the cloud allowance keeps it importing.
                return new Decision(suspended(NOT_AVAILABLE + ": " + b.describe() + "; the car draws on "
                        + b.phases() + " phases, paused at once (started as a " + b.assumed()
                        + "-phase car), at least " + s.minOff().toSeconds() + " s"), next.paused(now));
            }
        }
        if (b.usableW() >= b.thresholdW()) {
            return new Decision(ModeDecision.current(b.amps(), b.describe()), next);
        }
        boolean minOnOver = st.switchedAt() == null || !now.isBefore(st.switchedAt().plus(s.minOn()));
        double allowanceWh = cloudAllowanceWh(s, st, b.minimumW(), now);
        if (cloudWh > allowanceWh && minOnOver) {
            return new Decision(suspended(String.format(Locale.ROOT,
                    "%s: %s; %.0f Wh taken from the grid at the 6 A minimum (allowance %.0f Wh), paused for at "
                            + "least %d s", NOT_AVAILABLE, b.describe(), cloudWh, allowanceWh,
                    s.minOff().toSeconds())), next.paused(now));
        }
        return new Decision(ModeDecision.current(MIN_A, b.describe()
                + "; short of the threshold: held at 6 A through the cloud (" + Math.round(cloudWh) + " of "
                + Math.round(allowanceWh) + " Wh from the grid)"), next);
    }

    /**
     * Paused: the charge starts once the surplus, now and averaged, has held the threshold for the start delay, and
     * the minimum off time since the last pause is over.
     */
    static Decision whilePaused(GreenSettings s, Budget b, GreenState st, Instant now) {
        boolean enough = b.usableW() >= b.thresholdW();
        Instant since = enough ? (st.enoughSince() != null ? st.enoughSince() : now) : null;
        GreenState next = st.enoughSince(since);
        Instant offUntil = st.switchedAt() == null ? null : st.switchedAt().plus(s.minOff());
        Duration delay = startDelay(s, st, now);
        boolean held = since != null && !now.isBefore(since.plus(delay));
        boolean offOver = offUntil == null || !now.isBefore(offUntil);
        if (held && offOver) {
            return new Decision(ModeDecision.current(b.amps(), b.describe() + "; started"),
                    next.started(now, b.guessed()));
        }
        String wait;
        if (since == null) {
            wait = "starts once the surplus holds the threshold for " + delay.toSeconds() + " s";
        } else if (!held) {
            wait = "enough for " + Duration.between(since, now).toSeconds() + " of " + delay.toSeconds() + " s";
        } else {
            wait = "enough; the minimum off time ends in " + (Duration.between(now, offUntil).toMillis() + 999) / 1000
                    + " s";
        }
        return new Decision(suspended(NOT_AVAILABLE + ": " + b.describe() + "; " + wait), next);
    }

    /** Closings in 24 h that keep the plain cloud allowance; each further one doubles it (issue 16: ≤ 10 a day). */
    static final int PLAIN_CLOSINGS = 4;
    /** Closings in 24 h that keep the plain start delay; each further one doubles it. */
    static final int PLAIN_START_CLOSINGS = 2;
    /** The allowance grows to at most this many times {@code cloudImportWh}: a sunset is not a cloud. */
    static final int MAX_ALLOWANCE_FACTOR = 16;
    /** The start delay grows to at most this many times {@code startDelayS} (30 s → 4 min). */
    static final int MAX_START_DELAY_FACTOR = 8;

    /**
     * The closing budget: 1 while the closings of the last 24 h (while charging its own start counted; while paused,
     * the closings so far) are at most {@code plain}, then doubled with each further closing, up to {@code max}. A
     * day that has already cycled the contactor is a day of broken clouds, where the sun is back within minutes:
     * riding a shadow through at 6 A spares a closing, and so does waiting longer for the sun to hold before the next
     * one.
     */
    static int closingBudgetFactor(GreenState st, Instant now, int plain, int max) {
        int doublings = Math.max(0, st.startsWithin(now) - plain);
        return Math.min(max, 1 << Math.min(doublings, 10));
    }

    /**
     * The longest shade a grown allowance rides: this long with the whole minimum charging power from the grid. A
     * shadow of broken clouds passes within minutes; longer is a sunset or an overcast sky.
     */
    static final Duration MAX_RIDE = Duration.ofMinutes(6);

    /**
     * The grid energy a dip may take before Green pauses: {@code cloudImportWh} times the closing budget's factor,
     * at most {@value #MAX_ALLOWANCE_FACTOR} times, and once grown at most {@link #MAX_RIDE} of the car's minimum
     * charging power (bench/energy, broken clouds, README "A closing budget"). Why the second cap: Wh last three
     * times longer for a single-phase car (1.38 kW at most from the grid) than for a three-phase one (4.14 kW); 16 ×
     * 25 Wh let a single-phase car ride a cloudy afternoon's decline at 6 A for half an hour.
     */
    static double cloudAllowanceWh(GreenSettings s, GreenState st, double minimumW, Instant now) {
        double grown = s.cloudImportWh() * closingBudgetFactor(st, now, PLAIN_CLOSINGS, MAX_ALLOWANCE_FACTOR);
        double ride = minimumW * MAX_RIDE.toSeconds() / 3600.0;
        return Math.max(s.cloudImportWh(), Math.min(grown, ride));
    }

    /**
     * How long the surplus must hold the threshold before a start: {@code startDelayS} times the closing budget's
     * factor, at most {@value #MAX_START_DELAY_FACTOR} times. Beyond the 2nd closing of a day a start waits for a
     * sunny spell that has lasted (1, 2, 4 min): the short ones, which ended in a pause minutes later, are left to
     * the grid's export instead of costing a closing each.
     */
    static Duration startDelay(GreenSettings s, GreenState st, Instant now) {
        return s.startDelay().multipliedBy(closingBudgetFactor(st, now, PLAIN_START_CLOSINGS, MAX_START_DELAY_FACTOR));
    }

    /** A grid reading that is stale or missing: pause now, and the average starts over once it is back. */
    static Decision staleGrid(ElectricalReading grid, GreenState prev, Instant now) {
        String age = grid.ageMs() == null ? "never read" : "last read " + grid.ageMs() / 1000 + " s ago";
        return new Decision(suspended(String.format(Locale.ROOT,
                "%s: grid reading %s (%s, %s); paused on the safe side until the grid meter answers (manual §5.1.2)",
                NOT_AVAILABLE, grid.powerW() == null && grid.fresh() ? "without total power" : grid.status(),
                grid.source(), age)), prev.paused(now).withoutAverage(now));
    }

    /** Σ V over the phases the car uses: measured, or the nominal 230 V where the grid meter gives none. */
    static double volts(ElectricalReading grid, List<Integer> phases) {
        double v = 0;
        for (int p : phases) {
            v += voltage(grid, p);
        }
        return v;
    }

    static double voltage(ElectricalReading grid, int p) {
        if (p < grid.phases().size()) {
            PhaseReading r = grid.phases().get(p);
            if (Double.isFinite(r.voltageV()) && r.voltageV() > 100) {
                return r.voltageV();
            }
        }
        return NOMINAL_V;
    }
}
