package org.infinergi.core.charging.hal;

/**
 * A GPIO of the box board by its BCM number. {@code activeHigh}: a high level means on (an output: contactor
 * closed, LED lit) or asserted (an input: relay closed, key pressed, earth present).
 */
public record GpioPin(int address, boolean activeHigh) {
}
