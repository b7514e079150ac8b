package org.infinergi.driver.pilot.internal;

/**
 * The board's ratiometric dividers read by the 12-bit MCP3208 (full scale 4095 = the reference that also
 * feeds the dividers, so the reference voltage cancels out). Pure functions, no state.
 */
final class AnalogFrontEnd {

    static final int FULL_SCALE = 4095;

    private AnalogFrontEnd() {
    }

    /**
     * The resistor at the bottom of a divider whose top resistor is {@code topOhm}: {@code counts = 4095 · R /
     * (R + top)} ⇒ {@code R = top · counts / (4095 − counts)}. NaN within {@code railMargin} counts of either
     * rail: an open circuit (no resistor, broken wire) or a short reads there, and neither is a resistance.
     */
    static double bottomResistorOhm(int counts, double topOhm, int railMargin) {
        if (counts < railMargin || counts > FULL_SCALE - railMargin) {
            return Double.NaN;
        }
        return topOhm * counts / (FULL_SCALE - counts);
    }

    /**
     * Celsius from an NTC's resistance by the β model (datasheet form of Steinhart–Hart with one
     * coefficient): {@code 1/T = 1/T25 + ln(R/R25)/β}, T in kelvin. NaN for NaN or non-positive resistance.
     */
    static double ntcCelsius(double ohm, double r25Ohm, double beta) {
        if (!(ohm > 0.0) || Double.isInfinite(ohm)) {
            return Double.NaN;
        }
        double inverseT = 1.0 / 298.15 + Math.log(ohm / r25Ohm) / beta;
        return 1.0 / inverseT - 273.15;
    }
}
