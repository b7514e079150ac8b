package org.infinergi.feature.ocpp.internal;

import java.util.function.BiConsumer;

import org.osgi.framework.Bundle;

/**
 * The firmware's restart for OCPP Reset, the one place this bundle acts on the framework (CONVENTIONS.md §5: a
 * restart of the whole firmware is an action on the framework itself, no service offers it; the system bundle comes
 * from the component's own context).
 *
 * <p>Under Karaf's launch script ({@code bin/karaf} sets {@value #JVM_RESTART_SUPPORTED}; the sim images' {@code
 * run.sh} restarts the JVM the same way) Soft and Hard alike are Karaf's reboot protocol with a fresh JVM: system
 * properties {@code karaf.restart} and {@code karaf.restart.jvm} set, the system bundle stopped (every bundle stops in
 * order: the core stores the session, the journals close), Karaf's {@code Main} exits with code 10 and the script
 * starts a new JVM. Karaf's in-JVM framework restart ({@code karaf.restart} alone) was tried for Soft on the 3T-DR
 * sim image ({@code itest OcppResetTest}): the second framework ran out of Metaspace ({@code OutOfMemoryError:
 * Metaspace}, the images bound it for the 128 MB budget and the first framework's classes stay loaded) and the
 * charger did not come back — as the panel's restart found with {@code update()} of the system bundle. Without the
 * script: under Karaf its in-JVM restart, elsewhere (an embedded framework) {@code update()} of the system bundle
 * (OSGi Core §4.6) — the only restarts there are.
 */
final class FrameworkRestarter implements Reset.Restarter {

    /** Framework property Karaf's launch script sets when it restarts the JVM on exit code 10. */
    static final String JVM_RESTART_SUPPORTED = "karaf.restart.jvm.supported";

    private final Bundle systemBundle;
    private final boolean karaf;
    private final boolean jvmRestart;
    private final BiConsumer<String, String> systemProperties;

    /**
     * @param systemBundle     the framework
     * @param karaf            Karaf's {@code Main} launched the framework
     * @param jvmRestart       the value of {@value #JVM_RESTART_SUPPORTED}
     * @param systemProperties where Karaf's {@code Main} reads the restart request ({@code System::setProperty})
     */
    FrameworkRestarter(Bundle systemBundle, boolean karaf, boolean jvmRestart,
            BiConsumer<String, String> systemProperties) {
        this.systemBundle = systemBundle;
        this.karaf = karaf;
        this.jvmRestart = jvmRestart;
        this.systemProperties = systemProperties;
    }

    /** Soft and hard restart alike (see above); {@code hard} is only logged by the caller. */
    @Override
    public void restart(boolean hard) throws Exception {
        if (!karaf) {
            systemBundle.update();
            return;
        }
        systemProperties.accept("karaf.restart.jvm", Boolean.toString(jvmRestart));
        systemProperties.accept("karaf.restart", "true");
        systemBundle.stop();
    }
}
