package org.infinergi.core.charging.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: a component that owns a configuration PID outside the core (authentication, a driver) registers this
 * service so that its rejected configuration is listed with every other one in {@link ChargerStatus}
 * ({@code /api/status} {@code rejectedConfigurations}, {@code charger:status}). The core asks at every status.
 *
 * @since 1.5.0
 */
@ConsumerType
public interface ConfigurationOwner {

    /**
     * Why the PID's last configuration was refused, one entry per bad key; empty when it is in force. Answers from
     * memory, in microseconds (called by the control loop).
     */
    List<ConfigurationRejection> rejections();
}
