package org.infinergi.feature.panel.internal;

/**
 * One row of manual §8: the colour the logo shows and how it lights over time.
 *
 * @param colour  lit colour (OFF for the "-" row)
 * @param pattern how it lights
 * @param meaning the manual's description of the row
 */
public record LedSignal(LedColour colour, LedPattern pattern, String meaning) {

    public static final LedSignal DARK = new LedSignal(LedColour.OFF, LedPattern.OFF, "Vehicle not connected.");

    /** The colour shown {@code t} ms after the signal started. */
    public LedColour at(long t) {
        return pattern.lit(t) ? colour : LedColour.OFF;
    }
}
