package org.infinergi.core.charging.internal;

/**
 * Bundle-internal service: the over-temperature thresholds in force (PID {@code org.infinergi.thermal}), so the
 * core raises D7 with the same values the derating uses; the thermal limit provider is the one owner of that PID.
 */
public interface ThermalThresholds {

    ThermalSettings thermalSettings();
}
