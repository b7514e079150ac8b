package org.infinergi.core.charging.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whether charging needs an authenticated user (manual §5.7, "Authentication mode"). Provided by the
 * authentication feature; without it, or with mode <em>Free</em>, a connected vehicle charges at once. When
 * {@link #required()} is true a connected vehicle waits in
 * {@link ChargerState#WAITING_FOR_AUTHENTICATION} until {@link ChargerControl#authorize(String)} is called.
 */
@ConsumerType
public interface Authorization {

    /** True when a vehicle may charge only after a user has authenticated. */
    boolean required();
}
