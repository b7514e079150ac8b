package org.infinergi.core.charging.internal;

/**
 * Validated values of PID {@code org.infinergi.installation} (manual §4.10, §7.1.1).
 *
 * @param chargingEnabled      "Charging enabled": administrative switch
 * @param wiringLimitA         "Wiring limit": the device never charges beyond it, 6..32 A
 * @param earthing             "Earthing arrangement"
 * @param installationComplete "Installation complete": until set the device is unusable (factory state)
 */
record InstallationSettings(boolean chargingEnabled, int wiringLimitA, Earthing earthing, boolean installationComplete) {

    /** Factory state, the safe side: installation not complete, lowest wiring limit. */
    static final InstallationSettings DEFAULTS = ConfigParser.installation(java.util.Map.of(), null).value();
}
