package org.infinergi.core.charging.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The installation settings of manual §7.1.1 (first configuration, §4.10), as PID {@code org.infinergi.installation}
 * holds them after validation. The charging core owns that PID; every other bundle reads these values here.
 */
@ProviderType
public interface Installation {

    /** "Charging enabled": the administrative switch. */
    boolean chargingEnabled();

    /** "Wiring limit", 6..32 A per phase: the device never charges beyond it. */
    int wiringLimitA();

    /** "Installation complete": until confirmed the device is unusable (manual §4.10). */
    boolean installationComplete();
}
