package org.infinergi.core.charging.hal;

/**
 * One reading of the control pilot line through the board's peak detectors.
 *
 * @param positiveV the positive plateau, volts (tells states A–E apart)
 * @param negativeV the negative plateau, volts (≈ −12 V while PWM runs with a vehicle diode present)
 */
public record PilotReading(double positiveV, double negativeV) {
}
