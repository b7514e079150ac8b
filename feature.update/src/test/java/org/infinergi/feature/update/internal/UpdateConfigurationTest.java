package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** Issue 15: an empty value in {@code org.infinergi.update} is an error naming its key; the previous one stays. */
class UpdateConfigurationTest {

    @TempDir
    Path data;
    private UpdateComponent component;

    @AfterEach
    void deactivate() {
        component.deactivate();
    }

    @Test
    void anEmptyValueKeepsThePreviousConfigurationAndIsNamed() {
        component = new UpdateComponent(context(), Map.of("allowDowngrade", "true", "maxSizeKiB", "100"));
        assertEquals(List.of(), component.rejections());

        component.modified(Map.of("allowDowngrade", "true", "maxSizeKiB", ""));

        assertEquals(List.of("maxSizeKiB"), component.rejections().stream().map(ConfigurationRejection::key).toList());
        assertEquals(UpdateConfig.PID, component.rejections().get(0).pid());
        assertEquals(100 * 1024L, component.settings().maxBytes(), "not the default 16 MiB");
        assertTrue(component.settings().allowDowngrade());
    }

    @Test
    void anEmptyFirstConfigurationGivesTheSafeDefaults() {
        component = new UpdateComponent(context(), Map.of("allowDowngrade", "", "retryIntervalS", "9"));

        assertEquals(List.of("allowDowngrade"), component.rejections().stream().map(ConfigurationRejection::key)
                .toList());
        assertEquals(5, component.settings().retryInterval().toSeconds(), "the whole configuration is rejected");
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getDataFile" -> data.resolve((String) args[0]).toFile();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
