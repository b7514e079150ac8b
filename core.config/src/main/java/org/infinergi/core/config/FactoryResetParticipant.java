package org.infinergi.core.config;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle that keeps settings outside Config Admin which the factory reset of manual §6.2 ("restore the factory
 * settings") must return to their defaults: the web passwords of feature.web (§6.1.2.1, §7.1.3, §7.2.3), kept hashed
 * in its own data area. The factory reset returns the configurations itself, but data another bundle owns is erased
 * by its owner (the pattern of the core's {@code SessionHistory.erase()}), so no bundle needs to know where or how
 * another keeps its data. Registered as a service; the reset calls every one.
 *
 * @since 1.1.0
 */
@ConsumerType
public interface FactoryResetParticipant {

    /**
     * Returns this bundle's own settings to their factory defaults, durably, before it returns (the reset may restart
     * the device right after).
     *
     * @throws IllegalStateException when they could not be restored (for example the data area cannot be written)
     */
    void restoreFactoryDefaults();
}
