package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.awaitility.core.ConditionTimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Issue 14 point 4, CONVENTIONS §16: every configuration PID has exactly one owning component (others get its values
 * through a service), and no component reads several PIDs. Checked on what Felix SCR declares for every bundle of a
 * running image, the image's own and Karaf's alike. Runs in the container.
 */
final class PidReaders {

    private static final Duration STARTED = Duration.ofSeconds(60);

    private static final Duration BOOT_FEATURES = Duration.ofMinutes(5);

    /** Registered by Karaf's features service once the boot features are installed and started. */
    private static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    private PidReaders() {
    }

    /**
     * Waits until the image's own bundles are active, so SCR declares all their components; names those that are not,
     * with what the framework says of them: an image seen once with one bundle resolved but not started, the cause of
     * which is still open (start level, persistent start flag, or the exception a start throws).
     */
    static void awaitStarted(BundleContext context) {
        awaitBootFinished(context);
        try {
            await().atMost(STARTED).until(() -> notActive(context).isEmpty());
        } catch (ConditionTimeoutException e) {
            assertEquals(context.getProperty(Images.IMAGE_PROPERTY) + ": bundles of the image not active", List.of(),
                    notActive(context).stream().map(b -> why(context, b)).toList());
        }
    }

    /**
     * Karaf installs the boot features, then starts their bundles in order; on a loaded machine that takes longer
     * than any fixed wait, while the probe already runs. Karaf says when it is done (its BootFinished service): the
     * bundles are checked from then on, so a bundle seen not active is one that did not start, not one not started yet.
     */
    private static void awaitBootFinished(BundleContext context) {
        await("Karaf's boot features provisioned (BootFinished)").atMost(BOOT_FEATURES)
                .until(() -> context.getServiceReference(BOOT_FINISHED) != null);
    }

    private static List<Bundle> notActive(BundleContext context) {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.infinergi."))
                .filter(b -> b.getState() != Bundle.ACTIVE).toList();
    }

    /** The bundle's state, start levels and persistent start flag, then what a start of it answers. */
    private static String why(BundleContext context, Bundle b) {
        BundleStartLevel level = b.adapt(BundleStartLevel.class);
        String facts = b.getSymbolicName() + " (state " + b.getState() + ", start level " + level.getStartLevel()
                + " of framework " + context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel()
                + ", persistently started " + level.isPersistentlyStarted() + ")";
        String log = logLinesAbout(b);
        try {
            b.start(Bundle.START_TRANSIENT);
            return facts + ", a start now succeeds; karaf.log: " + log;
        } catch (BundleException | RuntimeException e) {
            return facts + ", a start now fails: " + e + "; karaf.log: " + log;
        }
    }

    /** What the container's log says of the bundle (its name or id), with the lines that follow each mention. */
    private static String logLinesAbout(Bundle b) {
        Path log = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> about = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.contains(b.getSymbolicName()) || line.contains("[" + b.getBundleId() + "]")) {
                    about.addAll(lines.subList(i, Math.min(lines.size(), i + 6)));
                }
            }
            return about.isEmpty() ? "nothing" : String.join("\n", about);
        } catch (IOException | RuntimeException e) {
            return "unreadable (" + e + ")";
        }
    }

    /** Each PID declared by components of two or more names, with those components and their bundles. */
    static List<String> sharedPids(ServiceComponentRuntime scr) {
        Map<String, Set<String>> readers = new TreeMap<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            for (String pid : d.configurationPid) {
                readers.computeIfAbsent(pid, k -> new TreeSet<>()).add(d.name + " (" + d.bundle.symbolicName + ")");
            }
        }
        List<String> shared = new ArrayList<>();
        readers.forEach((pid, names) -> {
            if (names.size() > 1) {
                shared.add(pid + " read by " + names);
            }
        });
        return shared;
    }

    /** Components that read more than one PID (so one PID could not be changed without another existing). */
    static List<String> multiPidComponents(ServiceComponentRuntime scr) {
        return scr.getComponentDescriptionDTOs().stream().filter(d -> d.configurationPid.length > 1)
                .map(d -> d.name + " (" + d.bundle.symbolicName + ") reads " + Arrays.toString(d.configurationPid))
                .toList();
    }
}
