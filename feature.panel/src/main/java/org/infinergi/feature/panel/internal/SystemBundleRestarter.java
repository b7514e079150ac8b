package org.infinergi.feature.panel.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual §6.2 "software restart": a framework restart, {@code update()} of the system bundle (OSGi Core
 * §4.6: the framework stops every bundle and starts again in the same JVM, asynchronously — the call
 * returns at once). Karaf's launcher waits for the framework again after a {@code STOPPED_UPDATE}.
 *
 * <p>This is the one place product code touches the framework (CONVENTIONS.md §5 says no BundleContext
 * lookups): a restart of the whole firmware is an action on the framework itself, no service offers it, and
 * the system bundle comes from the panel component's own BundleContext handed to its activate constructor.
 */
final class SystemBundleRestarter implements Restarter {

    private static final Logger LOG = LoggerFactory.getLogger(SystemBundleRestarter.class);

    private final Bundle systemBundle;

    SystemBundleRestarter(Bundle systemBundle) {
        this.systemBundle = systemBundle;
    }

    @Override
    public void restart() {
        try {
            systemBundle.update();
        } catch (BundleException | SecurityException | IllegalStateException e) {
            LOG.error("Framework restart failed", e);
        }
    }
}
