package org.infinergi.core.charging.internal;

/** All configuration the control logic reads, each part validated as a whole. */
record ChargerSettings(InstallationSettings installation, ChargingSettings charging, DeviceSettings device,
        CoreSettings core) {

    static final ChargerSettings DEFAULTS = new ChargerSettings(InstallationSettings.DEFAULTS,
            ChargingSettings.DEFAULTS, DeviceSettings.DEFAULTS, CoreSettings.DEFAULTS);
}
