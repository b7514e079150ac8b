package org.infinergi.core.charging.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A reason to charge less (ARCHITECTURE.md "Limits compose by minimum"): the wiring limit, the user's
 * maximum, the cable, DLM, green surplus, the programmed schedule, OCPP profiles, thermal derating. The
 * core offers the minimum over all registered providers and records which one won.
 *
 * <p>Features can only lower the current: a provider that cannot tell (its input is missing or stale)
 * answers {@code 0} A or its own safe value, never "no limit".
 */
@ConsumerType
public interface LimitProvider {

    /**
     * The limit now. Called from the core's control loop: must return in microseconds, never block
     * on I/O, never throw. A provider that throws is treated as a limit of 0 A.
     */
    Limit currentLimit();
}
