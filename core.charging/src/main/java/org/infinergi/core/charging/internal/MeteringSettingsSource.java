package org.infinergi.core.charging.internal;

/** Bundle-internal service: the metering configuration in force (PID {@code org.infinergi.metering}). */
public interface MeteringSettingsSource {

    MeteringSettings meteringSettings();
}
