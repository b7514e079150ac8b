package org.infinergi.core.charging.internal;

import java.util.List;

import org.infinergi.core.charging.api.ConfigurationRejection;

/**
 * Bundle-internal: the validated values of one configuration PID, held by the one component that reads it.
 *
 * @param <T> the PID's settings record
 */
public interface Owned<T> {

    /** The values in force: the last valid configuration (the annotation's defaults before any). */
    T settings();

    /** Why the PID's last configuration was rejected (PID, property, value), or null when it was accepted. */
    String rejection();

    /** The same, one entry per bad key (PID, key, value, why); empty when the last configuration was accepted. */
    default List<ConfigurationRejection> rejections() {
        return List.of();
    }
}
