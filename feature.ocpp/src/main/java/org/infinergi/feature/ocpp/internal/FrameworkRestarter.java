package org.infinergi.feature.ocpp.internal;

import java.util.function.BiConsumer;

import org.osgi.framework.Bundle;

/**
 * The firmware's restart for OCPP Reset, the one place this bundle acts on the framework (CONVENTIONS.md §5: a
 * restart of the whole firmware is an action on the framework itself, no service offers it; the system bundle comes
 * from the component's own context).
 *
 * <p>Under Karaf (framework property {@code karaf.base} set) it is Karaf's own reboot protocol, as {@code
 * system:shutdown -r} does it: system properties {@code karaf.restart} (and for a hard reset {@code
 * karaf.restart.jvm}) set, then the system bundle stopped. Karaf's {@code Main} reads them when the framework has
 * stopped: {@code karaf.restart} alone launches the framework again in the same JVM (soft); with {@code
 * karaf.restart.jvm} it exits with code 10, and the launch script ({@code bin/karaf}, which sets {@value
 * #JVM_RESTART_SUPPORTED}; the sim images' {@code run.sh} too) starts a fresh JVM (hard). A hard reset without such a
 * script is a soft one. Without Karaf (an embedded framework): {@code update()} of the system bundle (OSGi Core
 * §4.6), the framework stops every bundle and starts again in the same JVM.
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

    @Override
    public void restart(boolean hard) throws Exception {
        if (!karaf) {
            systemBundle.update();
            return;
        }
        systemProperties.accept("karaf.restart.jvm", Boolean.toString(hard && jvmRestart));
        systemProperties.accept("karaf.restart", "true");
        systemBundle.stop();
    }
}
