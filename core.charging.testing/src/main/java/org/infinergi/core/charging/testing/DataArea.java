package org.infinergi.core.charging.testing;

import java.lang.reflect.Proxy;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/**
 * A bundle's data area for a component's tests, without a framework: a {@link BundleContext} that answers
 * {@code getDataFile} under a folder and nothing else. Components activated one after the other on the same folder
 * see what the previous one left there, as when Declarative Services re-creates a component of the same bundle.
 */
public final class DataArea {

    private DataArea() {
    }

    /** The data area in {@code dir} (a test's {@code @TempDir}). */
    public static BundleContext in(Path dir) {
        return context(dir);
    }

    /** A framework without file system support: {@code getDataFile} answers null. */
    public static BundleContext none() {
        return context(null);
    }

    private static BundleContext context(Path dir) {
        return (BundleContext) Proxy.newProxyInstance(DataArea.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, args) -> switch (m.getName()) {
                    case "getDataFile" -> dir == null ? null : dir.resolve((String) args[0]).toFile();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "data area " + dir;
                    default -> throw new UnsupportedOperationException("not in a test's data area: " + m.getName());
                });
    }
}
