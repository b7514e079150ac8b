package org.infinergi.core.charging.api;

/**
 * One phase of an {@link ElectricalReading}. On the grid reading current and power are signed: positive while the
 * site imports from the grid, negative while it exports (manual §5.2.2).
 *
 * @param voltageV line-to-neutral voltage, volts RMS
 * @param currentA current, amperes RMS (signed on the grid)
 * @param powerW   active power, watts (signed on the grid); V·I when the meter gives its total power only
 * @since 1.7.0
 */
public record PhaseReading(double voltageV, double currentA, double powerW) {
}
