package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Issue 14 point 4, CONVENTIONS §16: every configuration PID has exactly one owning component (others get its values
 * through a service), and no component reads several PIDs. Checked on what Felix SCR declares for every bundle of a
 * running image, the image's own and Karaf's alike. Runs in the container.
 */
final class PidReaders {

    private static final Duration STARTED = Duration.ofSeconds(60);

    private PidReaders() {
    }

    /** Waits until the image's own bundles are active, so SCR declares all their components; names those that are not. */
    static void awaitStarted(BundleContext context) {
        await().atMost(STARTED).untilAsserted(() -> assertEquals(
                context.getProperty(Images.IMAGE_PROPERTY) + ": bundles of the image not active (state)", List.of(),
                Arrays.stream(context.getBundles())
                        .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.infinergi."))
                        .filter(b -> b.getState() != Bundle.ACTIVE)
                        .map(b -> b.getSymbolicName() + " (" + b.getState() + ")").toList()));
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
