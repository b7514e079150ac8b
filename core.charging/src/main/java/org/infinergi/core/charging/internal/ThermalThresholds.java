package org.infinergi.core.charging.internal;

/**
 * Bundle-internal service: the over-temperature thresholds in force (PID {@code org.infinergi.thermal}), so the
 * core raises D7 with the same values the derating uses without reading a fifth configuration PID itself.
 */
public interface ThermalThresholds {

    ThermalSettings thermalSettings();
}
