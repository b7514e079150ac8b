package org.infinergi.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.pi4j.context.Context;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The component registers the board's context for the drivers and takes it away again. */
class BoardPlatformTest {

    private final AtomicReference<Object> registered = new AtomicReference<>();
    private final AtomicReference<Dictionary<?, ?>> properties = new AtomicReference<>();
    private final AtomicBoolean unregistered = new AtomicBoolean();

    @Test
    void registersTheBoardsContextAndShutsItDownOnDeactivation() {
        BoardPlatform platform = new BoardPlatform(Map.of(), bundleContext());

        Context context = (Context) registered.get();
        assertEquals("board", properties.get().get("infinergi.pi4j.platform"));
        assertTrue(context.providers().exists("linuxfs-spi"));

        platform.deactivate();
        assertTrue(unregistered.get());
        assertTrue(context.isShutdown());
    }

    @Test
    void anEmptyValueIsNamedAndTheKernelsUsualInterfacesCarryTheIo() {
        // Issue 15: "pwmChip =" failed the component naming no key; "digitalIo =" did the same.
        BoardPlatform platform = new BoardPlatform(Map.of("digitalIo", "", "pwmChip", " ", "pwmPath", "/x"),
                bundleContext());

        assertEquals(List.of("digitalIo", "pwmChip"), platform.rejections().stream().map(r -> r.key()).toList());
        assertEquals(PlatformConfig.PID, platform.rejections().get(0).pid());
        assertTrue(((Context) registered.get()).providers().exists("linuxfs-spi"), "the board still has its I/O");
        platform.deactivate();
    }

    @Test
    void aValidConfigurationRejectsNothing() {
        BoardPlatform platform = new BoardPlatform(Map.of("digitalIo", "sysfs", "pwmChip", "1"), bundleContext());

        assertEquals(List.of(), platform.rejections(), "an enum's constant in any case, as DS reads it");
        platform.deactivate();
    }

    @Test
    void anUnknownDigitalIoIsNamed() {
        BoardPlatform platform = new BoardPlatform(Map.of("digitalIo", "GPIO"), bundleContext());

        assertEquals("org.infinergi.platform: digitalIo=GPIO rejected: not a valid DigitalIo",
                platform.rejections().get(0).message());
        platform.deactivate();
    }

    private BundleContext bundleContext() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (p, m, args) -> {
                    if (m.getName().equals("unregister")) {
                        assertFalse(unregistered.getAndSet(true), "unregistered twice");
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, args) -> {
                    if (m.getName().equals("registerService") && args[0] == Context.class) {
                        registered.set(args[1]);
                        properties.set((Dictionary<?, ?>) args[2]);
                        return registration;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
