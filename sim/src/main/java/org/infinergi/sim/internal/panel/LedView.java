package org.infinergi.sim.internal.panel;

/**
 * What an observer standing in front of the logo sees, decoded from the RGB pins over the last seconds.
 *
 * @param colour     OFF, RED, GREEN, BLUE, YELLOW, CYAN, MAGENTA, WHITE: the lit colour (of the last flash
 *                   when blinking)
 * @param pattern    OFF, FIXED, SINGLE_BLINK, PERIODIC, DOUBLE_BLINK, ERROR_CATEGORY, or UNKNOWN when the
 *                   sequence fits none (yet)
 * @param durationMs PERIODIC: the period; SINGLE_BLINK, DOUBLE_BLINK: one flash; else null (rounded to 10 ms)
 * @param blinks     ERROR_CATEGORY: blinks per sequence (the error category, manual §9.1); else null
 * @param lit        the colour showing right now
 */
public record LedView(String colour, String pattern, Integer durationMs, Integer blinks, String lit) {
}
