package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;

/** Bundle.update, then a refresh only when other bundles still wire to the old revision, then the state check. */
class FrameworkBundlesTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    /** What the framework does with the update: the state the bundle ends in. */
    private int stateAfterUpdate = Bundle.ACTIVE;
    private boolean oldRevisionInUse;
    private boolean updaterDependsOnTarget;
    private String startFailure;

    private int state = Bundle.ACTIVE;
    private Version version = Version.parseVersion("0.1.0");

    private final Bundle self = proxy(Bundle.class, (m, args) -> {
        throw new UnsupportedOperationException(m);
    });

    private final Bundle target = proxy(Bundle.class, (m, args) -> switch (m) {
        case "getBundleId" -> 31L;
        case "getSymbolicName" -> "org.infinergi.feature.panel";
        case "getVersion" -> version;
        case "getState" -> state;
        case "getHeaders" -> new Hashtable<String, String>();
        case "update" -> {
            ((InputStream) args[0]).readAllBytes();
            log.add("update");
            version = Version.parseVersion("0.2.0");
            state = stateAfterUpdate;
            yield null;
        }
        case "start" -> {
            log.add("start");
            if (startFailure != null) {
                throw new BundleException(startFailure);
            }
            yield null;
        }
        default -> throw new UnsupportedOperationException(m);
    });

    private final FrameworkWiring wiring = proxy(FrameworkWiring.class, (m, args) -> switch (m) {
        case "getRemovalPendingBundles" -> oldRevisionInUse ? Set.of(target) : Set.of();
        case "getDependencyClosure" -> updaterDependsOnTarget ? Set.of(target, self) : Set.of(target);
        case "refreshBundles" -> {
            log.add("refresh " + ((Collection<?>) args[0]).size());
            for (FrameworkListener l : (FrameworkListener[]) args[1]) {
                l.frameworkEvent(new FrameworkEvent(FrameworkEvent.PACKAGES_REFRESHED, target, null));
            }
            yield null;
        }
        case "resolveBundles" -> {
            log.add("resolve");
            yield false;
        }
        default -> throw new UnsupportedOperationException(m);
    });

    private final Bundle system = proxy(Bundle.class, (m, args) -> switch (m) {
        case "adapt" -> wiring;
        default -> throw new UnsupportedOperationException(m);
    });

    private final BundleContext context = proxy(BundleContext.class, (m, args) -> switch (m) {
        case "getBundle" -> args == null ? self : ((Long) args[0]) == 0 ? system : target;
        default -> throw new UnsupportedOperationException(m);
    });

    private final FrameworkBundles framework = new FrameworkBundles(context, Duration.ofSeconds(5));

    private Path jar() throws Exception {
        return Files.write(dir.resolve("new.jar"), new byte[] {1, 2, 3});
    }

    @Test
    void bundlesStillWiredToTheOldRevision_areRefreshed() throws Exception {
        oldRevisionInUse = true;

        assertNull(framework.replace(31, jar()));
        assertEquals(List.of("update", "refresh 1"), log);
    }

    @Test
    void aRefreshThatWouldRestartTheUpdaterItself_isLeftToTheNextRestart() throws Exception {
        oldRevisionInUse = true;
        updaterDependsOnTarget = true; // e.g. the charging core, whose API the updater imports

        assertNull(framework.replace(31, jar()));
        assertEquals(List.of("update"), log);
    }

    @Test
    void nothingWiredToTheOldRevision_noRefresh() throws Exception {
        assertNull(framework.replace(31, jar()));
        assertEquals(List.of("update"), log);
    }

    @Test
    void activeBeforeAndNotAfter_failsWithTheFrameworksReason() throws Exception {
        stateAfterUpdate = Bundle.RESOLVED;
        startFailure = "Activator start error";

        String failure = framework.replace(31, jar());

        assertEquals("bundle org.infinergi.feature.panel 0.2.0 did not start: Activator start error", failure);
    }

    @Test
    void notResolvableAfterTheUpdate_failsNamingIt() throws Exception {
        stateAfterUpdate = Bundle.INSTALLED;
        startFailure = "Unable to resolve: missing requirement osgi.wiring.package=org.example";

        String failure = framework.replace(31, jar());

        assertTrue(failure.startsWith("bundle org.infinergi.feature.panel 0.2.0 does not resolve"), failure);
        assertTrue(failure.endsWith("missing requirement osgi.wiring.package=org.example"), failure);
        assertEquals(List.of("update", "resolve", "start"), log);
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(FrameworkBundlesTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> answer.answer(method.getName(), args);
                }));
    }
}
