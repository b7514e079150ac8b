package org.infinergi.feature.panel.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.FakeDevice;
import org.infinergi.core.charging.testing.FakeInstallation;
import org.infinergi.core.charging.testing.FakePanelWiring;
import org.infinergi.core.charging.hal.GpioPin;
import org.infinergi.core.charging.hal.PanelWiring;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;

/** The DS component's lifecycle: activate returns at once, the loop runs on its own thread, deactivate darkens. */
class PanelComponentTest {

    private final SimBoard board = new SimBoard();
    private final FakeInstallation installation = new FakeInstallation();
    private PanelComponent component;

    private static BundleContext bundleContext() {
        Bundle system = (Bundle) Proxy.newProxyInstance(PanelComponentTest.class.getClassLoader(),
                new Class<?>[] {Bundle.class}, (p, m, a) -> {
                    throw new UnsupportedOperationException("no restart in this test");
                });
        return (BundleContext) Proxy.newProxyInstance(PanelComponentTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> {
                    if (m.getName().equals("getBundle")) {
                        return system;
                    }
                    if (m.getName().equals("getProperty")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private PanelComponent activate(Map<String, Object> config, String model) {
        PanelComponent c = new PanelComponent(board.context(), new FakeConfigAdmin().admin(),
                new FakeDevice().model(model), installation, config, bundleContext());
        c.setStatus(() -> Statuses.of(ChargerState.TERMINATED, PilotState.B, 16, false));
        return c;
    }

    @AfterEach
    void tearDown() {
        if (component != null) {
            component.deactivate();
        }
        board.close();
    }

    private boolean green() {
        return board.digitalOutput(19).orElseThrow().isHigh();
    }

    @Test
    void anEmptyValueIsNamed_andTheFactoryPanelLightsTheLogo() {
        // Issue 15: "ledGreenAddress =" failed the panel naming no key; "buttonsActiveHigh =" inverted the keys.
        component = activate(Map.of("ledGreenAddress", "", "buttonsActiveHigh", " ", "ledRedAddress", "12"),
                "INFINERGI-3T");

        assertEquals(List.of("buttonsActiveHigh", "ledGreenAddress"),
                component.rejections().stream().map(r -> r.key()).toList());
        assertEquals(PanelConfig.PID, component.rejections().get(0).pid());
        assertEquals(13, component.ledRed().address(), "the whole configuration is rejected");
        await().atMost(Duration.ofSeconds(5)).until(this::green);
    }

    @Test
    void activateLeavesTheLoopToItsOwnThread() {
        component = activate(Map.of(), "INFINERGI-3T");
        // Every change of the logo after activate comes from the panel's own thread (CONVENTIONS §8: activate
        // returns and the loop plays elsewhere), never from the caller's.
        List<String> writers = new CopyOnWriteArrayList<>();
        board.digitalOutput(19).orElseThrow().addListener(e -> writers.add(Thread.currentThread().getName()));
        await().atMost(Duration.ofSeconds(5)).until(this::green); // after the startup blink: fixed green (§8 complete)
        assertFalse(writers.isEmpty(), "the startup blink and the green were written after activate returned");
        assertEquals(List.of("infinergi-panel"), writers.stream().distinct().toList());
    }

    @Test
    void aRefusedCardEvent_blinksTheLogoRed_withoutTheAuthenticationBundle() {
        component = activate(Map.of(), "INFINERGI-3T-DR");
        await().atMost(Duration.ofSeconds(5)).until(this::green);
        component.handleEvent(new Event(ChargerEvents.CARD_REFUSED, Map.of(ChargerEvents.ID_TAG, "11223344")));
        await("§8 failed authentication: red").atMost(Duration.ofSeconds(5))
                .until(() -> board.digitalOutput(13).orElseThrow().isHigh() && !green());
    }

    private boolean red() {
        return board.digitalOutput(13).orElseThrow().isHigh();
    }

    /**
     * docs/events.md: the component listens to the core's STATUS_CHANGED; the status service is read when it binds,
     * never by the 20 ms loop (a counting status service).
     */
    @Test
    void theLogoFollowsStatusChanged_andTheLoopNeverReadsTheStatus() {
        AtomicInteger reads = new AtomicInteger();
        component = new PanelComponent(board.context(), new FakeConfigAdmin().admin(),
                new FakeDevice().model("INFINERGI-3T"), installation, Map.of(),
                bundleContext());
        component.setStatus(() -> {
            reads.incrementAndGet();
            return Statuses.of(ChargerState.TERMINATED, PilotState.B, 16, false);
        });
        await("§8 charging complete, read at the bind").atMost(Duration.ofSeconds(5)).until(this::green);
        component.handleEvent(Statuses.event(Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true)));
        // §8 charging in progress: periodic 1000, so the loop ran for at least half a second in between
        await("green goes dark").atMost(Duration.ofSeconds(5)).until(() -> !green());
        await("and lights again").atMost(Duration.ofSeconds(5)).until(this::green);
        component.handleEvent(Statuses.event(Statuses.error("V1")));
        await("§9.1 error: red").atMost(Duration.ofSeconds(5)).until(() -> red() && !green());
        assertEquals(1, reads.get(), "one read, at the bind");
    }

    /** The core comes back (its status service binds again): the panel reads it once. */
    @Test
    void aRebindOfTheStatusService_readsTheNewCoresStatus() {
        component = activate(Map.of(), "INFINERGI-3T");
        await().atMost(Duration.ofSeconds(5)).until(this::green);
        ChargerStatusService old = () -> Statuses.of(ChargerState.TERMINATED, PilotState.B, 16, false);
        component.setStatus(old);
        component.unsetStatus(old);
        component.setStatus(() -> Statuses.error("D7"));
        await("§9.1 error from the new core's status").atMost(Duration.ofSeconds(5)).until(() -> red() && !green());
    }

    @Test
    void deactivateTurnsTheLogoOffAndReleasesThePins() {
        component = activate(Map.of(), "INFINERGI-3T");
        await().atMost(Duration.ofSeconds(5)).until(this::green);
        component.deactivate();
        component = null;
        assertFalse(board.digitalOutput(19).isPresent(), "pins released (ids free to reactivate)");
        // reactivation works with the same ids; then a deactivation leaves the logo dark
        component = activate(Map.of(), "INFINERGI-3T");
        await().atMost(Duration.ofSeconds(5)).until(this::green);
        var out = board.digitalOutput(19).orElseThrow();
        component.deactivate();
        component = null;
        assertFalse(out.isHigh(), "logo off");
    }

    @Test
    void displayModelsOpenTheFiveKeys() {
        component = activate(Map.of(), "INFINERGI-3T-DR");
        for (int pin : new int[] {5, 17, 27, 22, 4}) {
            assertTrue(board.digitalInput(pin).isPresent(), "key on pin " + pin);
        }
        assertEquals(Keypad.FIVE_KEYS, Keypad.of("AUTO", "INFINERGI-1U-DR"));
        assertEquals(Keypad.MULTIFUNCTION, Keypad.of("AUTO", "INFINERGI-1U"));
        assertEquals(Keypad.FIVE_KEYS, Keypad.of("FIVE_KEYS", "INFINERGI-1U"));
    }

    private Bundle systemBundle(java.util.List<String> calls) {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> {
                    if ((m.getName().equals("update") || m.getName().equals("stop")) && a == null) {
                        calls.add(m.getName());
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void restartUnderKarafsScript_isKarafsJvmRestart() {
        java.util.List<String> calls = new java.util.ArrayList<>();
        Map<String, String> props = new java.util.LinkedHashMap<>();
        new SystemBundleRestarter(systemBundle(calls), true, props::put).restart();
        assertEquals(Map.of("karaf.restart.jvm", "true", "karaf.restart", "true"), props);
        assertEquals(java.util.List.of("stop"), calls, "Karaf's Main exits with 10, the script starts a new JVM");
    }

    @Test
    void restartWithoutKarafsScript_isAnUpdateOfTheSystemBundle() {
        java.util.List<String> calls = new java.util.ArrayList<>();
        Map<String, String> props = new java.util.LinkedHashMap<>();
        new SystemBundleRestarter(systemBundle(calls), false, props::put).restart();
        assertTrue(props.isEmpty());
        assertEquals(java.util.List.of("update"), calls);
    }

    @Test
    void invalidConfigurationIsRejectedNamingTheProperty() {
        var e = assertThrows(IllegalArgumentException.class, () -> activate(Map.of("ledOutput", "LASER"), "INFINERGI-3T"));
        assertTrue(e.getMessage().contains("ledOutput"));
        e = assertThrows(IllegalArgumentException.class,
                () -> activate(Map.of("restartHoldS", 60, "factoryResetHoldS", 30), "INFINERGI-3T"));
        assertTrue(e.getMessage().contains("factoryResetHoldS"));
        e = assertThrows(IllegalArgumentException.class, () -> activate(Map.of("keypad", "SIX"), "INFINERGI-3T"));
        assertTrue(e.getMessage().contains("keypad"));
    }

    @Test
    void publishesThePinsItDrivesAndReads_theSharedTestWiringIsTheDefault() throws Exception {
        // The simulated panel board sits under these pins (PanelWiring), and the sim's tests under FakePanelWiring.
        component = activate(Map.of(), "INFINERGI-3T");
        PanelWiring fake = new FakePanelWiring();
        for (java.lang.reflect.Method m : PanelWiring.class.getMethods()) {
            assertEquals(m.invoke(fake), m.invoke(component), m.getName());
        }
    }

    @Test
    void publishesAMovedPinAndActiveLowKeys() {
        component = activate(Map.of("ledRedAddress", 12, "upButtonAddress", 7, "buttonsActiveHigh", false,
                "panelEchoAddress", 9), "INFINERGI-3T-DR");
        assertEquals(new GpioPin(12, true), component.ledRed());
        assertEquals(new GpioPin(7, false), component.upButton());
        assertEquals(new GpioPin(5, false), component.centerButton());
        assertEquals(new GpioPin(9, true), component.panelEcho());
        assertTrue(board.digitalOutput(12).isPresent(), "the red die is driven where the wiring says");
    }
}
