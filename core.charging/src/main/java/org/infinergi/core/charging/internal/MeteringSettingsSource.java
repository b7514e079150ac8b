package org.infinergi.core.charging.internal;

import java.util.List;

import org.infinergi.core.charging.api.ConfigurationRejection;

/** Bundle-internal service: the metering configuration in force (PID {@code org.infinergi.metering}). */
public interface MeteringSettingsSource {

    MeteringSettings meteringSettings();

    /** Why the PID's configuration is not (or no longer) in force (PID, property, value), or null when it is. */
    default String rejection() {
        return null;
    }

    /** The same, one entry per bad key; empty when the configuration is in force. */
    default List<ConfigurationRejection> rejections() {
        return List.of();
    }
}
