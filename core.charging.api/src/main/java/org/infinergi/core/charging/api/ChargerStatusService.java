package org.infinergi.core.charging.api;

import org.osgi.annotation.versioning.ProviderType;

/** Read-only view of the charger, for user interfaces and protocols. */
@ProviderType
public interface ChargerStatusService {

    /** The latest snapshot; never null, never blocks. */
    ChargerStatus status();
}
