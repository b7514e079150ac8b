package org.infinergi.driver.modbusmeters.bus.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Plausibility of a meter's cumulative energy register, and the total published from it. A value is accepted when
 * it is not negative, below {@link #BOUND_WH}, not below the last accepted one and not more than the meter's rated
 * power allows since then ({@code ratedW} × elapsed time, plus the register's resolution). Anything else is rejected
 * and never becomes a reading: one absurd value (a 2 s spike to 1,000,000 kWh) is ignored, and the readings after
 * it are judged against the last good one, so they are accepted again at once.
 *
 * <p>The way back to a consistent meter: when {@value #REBASE_AFTER} rejected values in a row agree with each other
 * (a replaced meter whose register starts lower, a register that jumped for good), the check takes the new register
 * as its reference and the published total continues from the last published value — a session total never goes
 * backwards and never jumps by what the register did.
 *
 * <p>Used by the bus thread only.
 */
final class EnergyCheck {

    /** Above any MID meter's register range (999,999.9 kWh on a seven-digit register). */
    static final double BOUND_WH = 1e9;
    /** One register step of the coarsest meters (0.1 kWh): a step that can arrive within one poll. */
    static final double RESOLUTION_WH = 200;
    /** Agreeing values in a row that make a new reference. */
    static final int REBASE_AFTER = 3;

    private final double ratedW;
    private double lastWh = Double.NaN;
    private Instant lastAt;
    private double offsetWh;
    private double candidateWh = Double.NaN;
    private Instant candidateAt;
    private int agreeing;

    /** @param ratedW the most power the meter can measure (its phases × maximum current × voltage) */
    EnergyCheck(double ratedW) {
        this.ratedW = ratedW;
    }

    /** Outcome of one value: the total to publish, or why the value is not one (then {@code totalWh} is NaN). */
    record Verdict(double totalWh, String rejected, String rebased) {
    }

    Verdict check(double registerWh, Instant at) {
        if (registerWh < 0) {
            return new Verdict(Double.NaN, String.format(Locale.ROOT, "negative energy %.1f Wh", registerWh), null);
        }
        if (!(registerWh < BOUND_WH)) {
            return new Verdict(Double.NaN, String.format(Locale.ROOT, "energy %.1f Wh beyond any meter's register "
                    + "(%.0f Wh)", registerWh, BOUND_WH), null);
        }
        if (Double.isNaN(lastWh)) {
            return accept(registerWh, at, null);
        }
        String why = inconsistent(lastWh, lastAt, registerWh, at);
        if (why == null) {
            candidateWh = Double.NaN;
            agreeing = 0;
            return accept(registerWh, at, null);
        }
        if (!Double.isNaN(candidateWh) && inconsistent(candidateWh, candidateAt, registerWh, at) == null) {
            agreeing++;
        } else {
            agreeing = 1;
        }
        candidateWh = registerWh;
        candidateAt = at;
        if (agreeing < REBASE_AFTER) {
            return new Verdict(Double.NaN, why, null);
        }
        double published = lastWh + offsetWh;
        offsetWh = published - registerWh;
        candidateWh = Double.NaN;
        agreeing = 0;
        return accept(registerWh, at, String.format(Locale.ROOT, "energy register now at %.1f Wh (was %.1f Wh): "
                + "taken as the new reference, the published total continues from %.1f Wh", registerWh, lastWh,
                published));
    }

    private Verdict accept(double registerWh, Instant at, String rebased) {
        lastWh = registerWh;
        lastAt = at;
        return new Verdict(registerWh + offsetWh, null, rebased);
    }

    /** Why {@code wh} at {@code at} cannot follow {@code fromWh} at {@code from}, or null. */
    private String inconsistent(double fromWh, Instant from, double wh, Instant at) {
        if (wh < fromWh) {
            return String.format(Locale.ROOT, "energy went backwards: %.1f Wh after %.1f Wh", wh, fromWh);
        }
        double hours = Math.max(0, Duration.between(from, at).toMillis()) / 3_600_000.0;
        double most = ratedW * hours + RESOLUTION_WH;
        if (wh - fromWh > most) {
            return String.format(Locale.ROOT, "energy rose by %.1f Wh in %.1f s, more than %.0f W allow",
                    wh - fromWh, hours * 3600, ratedW);
        }
        return null;
    }
}
