package org.infinergi.sim.internal;

/**
 * What the EVSE's pilot generator does, as read from the pi4j PWM the driver drives.
 *
 * @param on          whether the PWM output is on (off = output low = −12 V after the board's ±12 V stage)
 * @param dutyPct     duty cycle, percent
 * @param frequencyHz PWM frequency
 */
public record PilotDrive(boolean on, double dutyPct, int frequencyHz) {

    /** No driver, or PWM off: the line sits at −12 V. */
    public static final PilotDrive OFF = new PilotDrive(false, 0, 0);

    /** The line is held at −12 V (state F as the EVSE drives it). */
    boolean steadyLow() {
        return !on || dutyPct <= 0.0;
    }

    /** The line is held at +12 V through the source resistor (no PWM). */
    boolean steadyHigh() {
        return on && dutyPct >= 100.0;
    }

    /** A PWM is running: the EVSE is oscillating. */
    boolean oscillating() {
        return !steadyLow() && !steadyHigh();
    }

    /**
     * The current the EVSE offers by this duty cycle, amperes, as an EV decodes it (IEC 61851-1 Annex A,
     * table A.8): 8 % ≤ d < 10 % → 6 A; 10 % ≤ d ≤ 85 % → d × 0.6 A; 85 % < d ≤ 97 % → (d − 64) × 2.5 A;
     * anything else (incl. 5 % digital communication) is no offer.
     */
    public double offeredCurrentA() {
        if (!oscillating()) {
            return 0.0;
        }
        double d = dutyPct;
        if (d >= 8.0 && d < 10.0) {
            return 6.0;
        }
        if (d >= 10.0 && d <= 85.0) {
            return d * 0.6;
        }
        if (d > 85.0 && d <= 97.0) {
            return (d - 64.0) * 2.5;
        }
        return 0.0;
    }
}
