package org.infinergi.feature.panel.internal;

import java.util.function.BiConsumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual §6.2 "software restart of infinergi device".
 *
 * <p>Started by Karaf's launch script ({@code bin/karaf}, which passes {@value #JVM_RESTART_SUPPORTED}=true), it is
 * Karaf's own reboot protocol: system properties {@code karaf.restart} and {@code karaf.restart.jvm} set, then the
 * system bundle stopped; Karaf's {@code Main} exits with code 10 and the script starts a fresh JVM — the same clean
 * start as after power-up, with the memory of the old framework returned. An in-JVM framework restart raced with
 * Karaf's lock monitor ("No initial startlevel yet") and left the charger down.
 *
 * <p>Without the script (an embedded or test framework) it falls back to the OSGi restart: {@code update()} of the
 * system bundle (OSGi Core §4.6), the framework stops every bundle and starts again in the same JVM.
 *
 * <p>This is the one place product code touches the framework (CONVENTIONS.md §5 says no BundleContext
 * lookups): a restart of the whole firmware is an action on the framework itself, no service offers it, and
 * the system bundle comes from the panel component's own BundleContext handed to its activate constructor.
 */
final class SystemBundleRestarter implements Restarter {

    /** Framework property Karaf's launch script sets when it restarts the JVM on exit code 10. */
    static final String JVM_RESTART_SUPPORTED = "karaf.restart.jvm.supported";

    private static final Logger LOG = LoggerFactory.getLogger(SystemBundleRestarter.class);

    private final Bundle systemBundle;
    private final boolean jvmRestart;
    private final BiConsumer<String, String> systemProperties;

    /**
     * @param systemBundle     the framework
     * @param jvmRestart       the value of {@value #JVM_RESTART_SUPPORTED}
     * @param systemProperties where Karaf's {@code Main} reads the restart request ({@code System::setProperty})
     */
    SystemBundleRestarter(Bundle systemBundle, boolean jvmRestart, BiConsumer<String, String> systemProperties) {
        this.systemBundle = systemBundle;
        this.jvmRestart = jvmRestart;
        this.systemProperties = systemProperties;
    }

    @Override
    public void restart() {
        try {
            if (jvmRestart) {
                systemProperties.accept("karaf.restart.jvm", "true");
                systemProperties.accept("karaf.restart", "true");
                systemBundle.stop();
            } else {
                systemBundle.update();
            }
        } catch (BundleException | SecurityException | IllegalStateException e) {
            LOG.error("Device restart failed", e);
        }
    }
}
