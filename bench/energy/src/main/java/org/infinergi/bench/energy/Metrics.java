package org.infinergi.bench.energy;

import java.util.Locale;

/**
 * What the replay reports, accumulated over the simulation's ticks (the car's draw during a tick is what flowed at
 * its start, as the world counts energy).
 *
 * <ul>
 * <li><b>Surplus</b> is the plant's output the house does not use, {@code max(0, PV − house)} over all phases (the
 * grid connection nets the phases, as Italian and German meters do).</li>
 * <li><b>Chargeable surplus</b> is the part of it this car could take: at most its maximum power
 * ({@code phases × 230 V × max A}). A surplus below the car's minimum (6 A on its phases) counts too: a charge held at
 * 6 A takes it, and a controller that leaves it has left it — so the share also shows what a 3-phase car misses in
 * the morning and the evening.</li>
 * <li><b>Green energy</b> into the car is, each tick, the part of its draw the surplus covered; the rest came from
 * the grid.</li>
 * <li><b>Over the limit</b>: the grid import above {@code maxGridImportW}, or a phase above {@code maxPhaseCurrentA},
 * while the charger draws (a house alone above the limit is not the charger's doing).</li>
 * <li><b>Reaction</b> to a house load step (the house rising by at least {@value #STEP_W} W from one row to the next)
 * that puts the site over the limit while the car draws: the time until the site is back under it or the car draws
 * nothing.</li>
 * <li><b>Current changes</b>: how often the car's current (its most loaded phase) moves by at least
 * {@value #CHANGE_A} A from one tick to the next, its start and stop included: a DLM that settles changes it once per
 * house load step, one that swings several times.</li>
 * </ul>
 */
public final class Metrics {

    /** A rise of the house load at least this large, W, from one tick to the next, is a load step. */
    public static final double STEP_W = 500;
    /** The car draws when it takes more than this, W (a meter's noise is less). */
    static final double DRAWING_W = 50;
    /** Rounding of a current that sits on the limit is not over it. */
    static final double TOLERANCE_W = 1;
    static final double TOLERANCE_A = 0.01;
    /** A move of the car's current at least this large, A, is a change of it. */
    static final double CHANGE_A = 0.5;
    /** To turn the car's power per phase into a current (the replay's mains). */
    static final double NOMINAL_V = 230;

    private final double limitW;
    private final double phaseLimitA;
    private final double carMaxW;

    private double carWh;
    private double greenWh;
    private double surplusWh;
    private double chargeableWh;
    private double overS;
    private int closings;
    private int steps;
    private double worstReactionS;
    private double episodeStartS = Double.NaN;
    private boolean contactorBefore;
    private double houseBefore = Double.NaN;
    private double carABefore;
    private int currentChanges;

    /**
     * @param limitW      {@code maxGridImportW}, 0 = none
     * @param phaseLimitA {@code maxPhaseCurrentA}, 0 = none
     * @param carMaxW     the car's maximum power
     */
    public Metrics(double limitW, double phaseLimitA, double carMaxW) {
        this.limitW = limitW;
        this.phaseLimitA = phaseLimitA;
        this.carMaxW = carMaxW;
    }

    /**
     * One tick of {@code dtS} seconds starting at {@code tS}.
     *
     * @param chargerW  the car's draw per phase
     * @param gridW     the grid connection per phase (+ import), house + charger − PV
     * @param gridA     the same in amperes
     * @param contactor the relay's feedback
     */
    public void tick(double tS, double dtS, double[] houseW, double pvW, double[] chargerW, double[] gridW,
            double[] gridA, boolean contactor) {
        double house = houseW[0] + houseW[1] + houseW[2];
        double car = chargerW[0] + chargerW[1] + chargerW[2];
        double surplus = Math.max(0, pvW - house);
        double h = dtS / 3600.0;
        carWh += car * h;
        greenWh += Math.min(car, surplus) * h;
        surplusWh += surplus * h;
        chargeableWh += Math.min(surplus, carMaxW) * h;
        if (contactor && !contactorBefore) {
            closings++;
        }
        contactorBefore = contactor;
        double carA = Math.max(chargerW[0], Math.max(chargerW[1], chargerW[2])) / NOMINAL_V;
        if (Math.abs(carA - carABefore) >= CHANGE_A) {
            currentChanges++;
        }
        carABefore = carA;
        boolean drawing = car > DRAWING_W;
        boolean over = drawing && over(gridW, gridA);
        if (over) {
            overS += dtS;
        }
        boolean step = !Double.isNaN(houseBefore) && house - houseBefore >= STEP_W;
        houseBefore = house;
        if (step && over && Double.isNaN(episodeStartS)) {
            episodeStartS = tS;
            steps++;
        }
        if (!Double.isNaN(episodeStartS) && !over) {
            worstReactionS = Math.max(worstReactionS, tS - episodeStartS);
            episodeStartS = Double.NaN;
        }
    }

    private boolean over(double[] gridW, double[] gridA) {
        if (limitW > 0 && gridW[0] + gridW[1] + gridW[2] > limitW + TOLERANCE_W) {
            return true;
        }
        if (phaseLimitA > 0) {
            for (double a : gridA) {
                if (a > phaseLimitA + TOLERANCE_A) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Closes a reaction still open at the end of the trace (counted up to {@code endS}). */
    public Summary summary(double endS) {
        double worst = worstReactionS;
        if (!Double.isNaN(episodeStartS)) {
            worst = Math.max(worst, endS - episodeStartS);
        }
        return new Summary(carWh / 1000, surplusWh / 1000, chargeableWh / 1000, greenWh / 1000,
                (carWh - greenWh) / 1000, closings, overS, steps, worst, limitW > 0 || phaseLimitA > 0,
                currentChanges);
    }

    /**
     * The day's numbers.
     *
     * @param carKWh        energy into the car
     * @param surplusKWh    PV − house where positive
     * @param chargeableKWh the surplus this car could take
     * @param greenKWh      the part of the car's energy the surplus covered
     * @param gridKWh       the rest, from the grid
     * @param closings      contactor closings
     * @param overLimitS    seconds over the import limit while the car draws
     * @param loadSteps     house load steps that put the site over the limit while the car drew
     * @param worstReactionS the longest of them until the site was back under the limit
     * @param limited       an import limit was set (else the last three say nothing)
     * @param currentChanges how often the car's current moved by {@value #CHANGE_A} A or more
     */
    public record Summary(double carKWh, double surplusKWh, double chargeableKWh, double greenKWh, double gridKWh,
            int closings, double overLimitS, int loadSteps, double worstReactionS, boolean limited,
            int currentChanges) {

        /** Share of the chargeable surplus the car took, percent. */
        public double surplusSharePct() {
            return chargeableKWh <= 0 ? 0 : 100 * greenKWh / chargeableKWh;
        }

        public String format() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "energy into the car      %8.2f kWh%n", carKWh));
            b.append(String.format(Locale.ROOT, "surplus (PV - house)     %8.2f kWh%n", surplusKWh));
            b.append(String.format(Locale.ROOT, "chargeable surplus       %8.2f kWh, taken %.2f kWh = %.1f %%%n",
                    chargeableKWh, greenKWh, surplusSharePct()));
            b.append(String.format(Locale.ROOT, "grid energy into the car %8.4f kWh%n", gridKWh));
            b.append(String.format(Locale.ROOT, "contactor closings       %8d%n", closings));
            b.append(String.format(Locale.ROOT, "current changes          %8d (the car's current moved by >= %.1f A)%n",
                    currentChanges, CHANGE_A));
            if (limited) {
                b.append(String.format(Locale.ROOT, "seconds over the limit   %8.1f s (while the car draws)%n",
                        overLimitS));
                b.append(String.format(Locale.ROOT,
                        "worst load-step reaction %8.2f s (%d house load steps put the site over the limit)%n",
                        worstReactionS, loadSteps));
            } else {
                b.append("seconds over the limit        n/a (no import limit set)\n");
                b.append("worst load-step reaction      n/a (no import limit set)\n");
            }
            return b.toString();
        }
    }
}
