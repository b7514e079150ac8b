package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.infinergi.feature.update.api.BundleUpdates;
import org.infinergi.feature.update.api.UpdateProgress;
import org.infinergi.feature.update.api.UpdateRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The exported {@link BundleUpdates} (feature.update.api 1.0.0): the same checks as an upload, the same status. */
class BundleUpdatesTest {

    @TempDir
    Path data;
    private UpdateComponent component;

    @AfterEach
    void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    @Test
    void anUnsignedFile_isRefusedWithTheUploadsReason_andNothingChanges() throws Exception {
        component = new UpdateComponent(context(), Map.of());
        Path unsigned = TestJars.bundle(data.resolve("u.jar"), "org.infinergi.feature.panel", "0.2.0");
        BundleUpdates updates = component;

        UpdateRefusedException e = assertThrows(UpdateRefusedException.class, () -> updates.submit(unsigned));

        assertTrue(e.getMessage().contains("sign"), e.getMessage());
        assertEquals(UpdateProgress.Stage.IDLE, updates.progress().stage());
        assertTrue(Files.exists(unsigned), "the caller's file is left to the caller");
        try (var staged = Files.list(data.resolve("staging"))) {
            assertEquals(0, staged.count(), "no upload left in the staging folder");
        }
    }

    @Test
    void everyStateOfTheUpdater_isAStageOfTheApi() {
        for (UpdateState s : UpdateState.values()) {
            UpdateProgress p = UpdateComponent.progressOf(
                    new UpdateStatus(s, "b", "1.0.0", "1.1.0", "CN=OEM", null, "m", Instant.EPOCH));
            assertEquals(s.name(), p.stage().name());
            assertEquals("1.1.0", p.toVersion());
            assertEquals(s != UpdateState.POSTPONED && s != UpdateState.UPDATING, p.over());
        }
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
