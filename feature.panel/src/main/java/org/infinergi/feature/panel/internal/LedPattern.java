package org.infinergi.feature.panel.internal;

/**
 * How the logo lights over time (manual §8 "STATE" and "DURATION [ms]" columns, §9.1 error blinks), as a
 * pure function of the time since the pattern started ({@link #lit(long)}).
 *
 * <ul>
 * <li>{@code OFF}, {@code FIXED}: dark, steadily lit.</li>
 * <li>{@code PERIODIC(d)}: period {@code d}, lit the first half (1000 → 500 ms on, 500 ms off).</li>
 * <li>{@code SINGLE_BLINK(d)}: one flash of {@code d} when the signal starts, then dark (startup,
 *     authorisation request).</li>
 * <li>{@code DOUBLE_BLINK(d)}: two flashes of {@code d} separated by {@code d} of dark, then dark.</li>
 * <li>{@code ERROR_CATEGORY(n)}: {@code n} blinks of the §8 error row's 500 ms period (250 on, 250 off),
 *     then dark so that one second separates the last blink from the next sequence (§9.1 "repeated
 *     cyclically, at intervals of one second"); cycle = {@code n·500 + 750} ms.</li>
 * </ul>
 *
 * @param kind       the shape
 * @param durationMs the manual's duration column (period, flash length); 0 for OFF/FIXED/ERROR_CATEGORY
 * @param blinks     the error category for ERROR_CATEGORY (1..3), else 0
 */
public record LedPattern(Kind kind, int durationMs, int blinks) {

    /** The shapes of manual §8. */
    public enum Kind { OFF, FIXED, SINGLE_BLINK, PERIODIC, DOUBLE_BLINK, ERROR_CATEGORY }

    /** Period of one error blink, manual §8 last row ("Periodic blinking 500"). */
    public static final int ERROR_BLINK_PERIOD_MS = 500;
    /** Dark time between two error blink sequences, manual §9.1. */
    public static final int ERROR_SEQUENCE_GAP_MS = 1000;

    public static final LedPattern OFF = new LedPattern(Kind.OFF, 0, 0);
    public static final LedPattern FIXED = new LedPattern(Kind.FIXED, 0, 0);

    public LedPattern {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
        boolean timed = kind == Kind.PERIODIC || kind == Kind.SINGLE_BLINK || kind == Kind.DOUBLE_BLINK;
        if (timed && durationMs <= 0) {
            throw new IllegalArgumentException(kind + " needs a duration > 0, was " + durationMs);
        }
        if (kind == Kind.ERROR_CATEGORY && blinks <= 0) {
            throw new IllegalArgumentException("ERROR_CATEGORY needs a blink count > 0, was " + blinks);
        }
    }

    public static LedPattern periodic(int periodMs) {
        return new LedPattern(Kind.PERIODIC, periodMs, 0);
    }

    public static LedPattern singleBlink(int flashMs) {
        return new LedPattern(Kind.SINGLE_BLINK, flashMs, 0);
    }

    public static LedPattern doubleBlink(int flashMs) {
        return new LedPattern(Kind.DOUBLE_BLINK, flashMs, 0);
    }

    public static LedPattern errorCategory(int category) {
        return new LedPattern(Kind.ERROR_CATEGORY, 0, category);
    }

    /** Whether the logo is lit {@code t} milliseconds after the pattern started (t ≥ 0). */
    public boolean lit(long t) {
        if (t < 0) {
            return false;
        }
        return switch (kind) {
            case OFF -> false;
            case FIXED -> true;
            case PERIODIC -> t % durationMs < durationMs / 2;
            case SINGLE_BLINK -> t < durationMs;
            case DOUBLE_BLINK -> t < durationMs || (t >= 2L * durationMs && t < 3L * durationMs);
            case ERROR_CATEGORY -> {
                long cycle = (long) blinks * ERROR_BLINK_PERIOD_MS + ERROR_SEQUENCE_GAP_MS - ERROR_BLINK_PERIOD_MS / 2;
                long inCycle = t % cycle;
                yield inCycle < (long) blinks * ERROR_BLINK_PERIOD_MS
                        && inCycle % ERROR_BLINK_PERIOD_MS < ERROR_BLINK_PERIOD_MS / 2;
            }
        };
    }
}
