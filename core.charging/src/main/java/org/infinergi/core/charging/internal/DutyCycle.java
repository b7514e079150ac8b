package org.infinergi.core.charging.internal;

/** IEC 61851-1 (Annex A, table A.8) mapping between the offered current and the PWM duty cycle. */
final class DutyCycle {

    /** Lowest current an EVSE may offer through the PWM; below it the EVSE pauses instead. */
    static final double MIN_CURRENT_A = 6.0;
    /** Highest current the PWM can express. */
    static final double MAX_CURRENT_A = 80.0;
    /** Steady +12 V: no current offered. */
    static final double NO_OFFER = 100.0;

    private DutyCycle() {
    }

    /**
     * The duty cycle, percent, that offers {@code amps}: 6..51 A → I / 0.6; 51..80 A → I / 2.5 + 64; below 6 A
     * there is no valid offer ({@link #NO_OFFER}); above 80 A the offer is capped at 80 A.
     */
    static double forCurrent(double amps) {
        if (Double.isNaN(amps) || amps < MIN_CURRENT_A) {
            return NO_OFFER;
        }
        double a = Math.min(amps, MAX_CURRENT_A);
        return a <= 51.0 ? a / 0.6 : a / 2.5 + 64.0;
    }
}
