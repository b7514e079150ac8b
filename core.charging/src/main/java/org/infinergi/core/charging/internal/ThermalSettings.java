package org.infinergi.core.charging.internal;

/**
 * Validated values of PID {@code org.infinergi.thermal} (manual §5.6 "Over temperature limitation").
 *
 * @param warningC  above it the current is derated
 * @param criticalC above it the charge stops with D7
 * @param recoveryC D7 clears by itself below it (below {@code criticalC}: hysteresis)
 */
record ThermalSettings(int warningC, int criticalC, int recoveryC) {

    static final ThermalSettings DEFAULTS = ConfigParser.thermal(java.util.Map.of(), null).value();
}
