package org.infinergi.driver.modbusmeters.bus.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** A configured meter over the real bus against a loopback slave: published once its model is there, polled. */
class ModbusMeterComponentTest {

    /** What the component registered through the bundle context. */
    record Registered(Object service, Dictionary<String, ?> properties, boolean[] unregistered) {
    }

    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final Buses buses = new Buses(J2modLink::open);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private LoopbackSlave slave;

    @AfterEach
    void close() {
        buses.close();
        if (slave != null) {
            slave.close();
        }
    }

    @SuppressWarnings("unchecked")
    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, args) -> {
                    if (m.getName().equals("registerService") && args[0] instanceof Class) {
                        boolean[] gone = {false};
                        registered.add(new Registered(args[1], (Dictionary<String, ?>) args[2], gone));
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                                (q, n, a) -> {
                                    if (n.getName().equals("unregister")) {
                                        gone[0] = true;
                                    }
                                    return null;
                                });
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private ModbusMeterComponent component(String model) throws Exception {
        slave = new LoopbackSlave(0x60, true);
        ModbusMeterConfig config = Defaults.of(ModbusMeterConfig.class, Map.of("model", model, "role", "VEHICLE",
                "host", "127.0.0.1", "tcpPort", slave.port, "framing", "RTU_OVER_TCP", "pollMs", 100, "timeoutMs", 200));
        return new ModbusMeterComponent(buses, config, Map.of("service.pid", "org.infinergi.meter.modbus~mid"), context(),
                clock, INSTALLED);
    }

    private static final Set<String> INSTALLED = Set.of("TEST3", "OTHER", "SDM72D", "EM340");

    @Test
    void theMeterIsPublishedWithRoleAndSourceOnceItsModelIsThereAndReadsTheDevice() throws Exception {
        ModbusMeterComponent c = component("TEST3");
        assertEquals(List.of(), registered, "no model yet: no meter");
        MeterModel model = TestMaps::threePhase;
        slave.setFloat(0x34, 3680f);
        slave.setFloat(0x48, 12.5f);

        c.addModel(() -> TestMaps.threePhase(), Map.of(MeterModel.NAME, "OTHER"));
        assertEquals(List.of(), registered, "another model is not this meter's");
        c.addModel(model, Map.of(MeterModel.NAME, "TEST3"));

        assertEquals(1, registered.size());
        Dictionary<String, ?> props = registered.get(0).properties();
        assertEquals("VEHICLE", props.get(Meter.ROLE));
        assertEquals("MID", props.get(Meter.SOURCE));
        assertEquals("TEST3", props.get(MeterModel.NAME));
        assertEquals(0L, props.get(Meter.STARTUP_GRACE_MS), "an answer expected at once");
        Meter meter = (Meter) registered.get(0).service();
        await().atMost(Duration.ofSeconds(10)).until(() -> meter.latest().isPresent());
        assertEquals(12_500, meter.latest().orElseThrow().energyWh(), 1e-6);
        assertEquals(3680, meter.latest().orElseThrow().powerW(), 1e-6);

        c.removeModel(model);
        assertTrue(registered.get(0).unregistered()[0], "the model went: so does the meter");
        c.deactivate();
    }

    @Test
    void aVendorBundleUpdatedUnderThePollingIsReadAgainAtOnce() throws Exception {
        ModbusMeterComponent c = component("TEST3");
        slave.setFloat(0x34, 3680f);
        slave.setFloat(0x48, 12.5f);
        MeterModel before = TestMaps::threePhase;
        c.addModel(before, Map.of(MeterModel.NAME, "TEST3"));
        Meter first = (Meter) registered.get(0).service();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.latest().isPresent());

        // The vendor bundle stops (its model service goes) and starts again with the new version.
        c.removeModel(before);
        c.addModel(TestMaps::threePhase, Map.of(MeterModel.NAME, "TEST3"));

        assertEquals(2, registered.size());
        Meter again = (Meter) registered.get(1).service();
        await().atMost(Duration.ofSeconds(10)).until(() -> again.latest().isPresent());
        assertEquals(12_500, again.latest().orElseThrow().energyWh(), 1e-6, "the same register, no jump");
        c.deactivate();
    }

    @Test
    void anIvyMeterIsPublishedWithItsStartUpGrace() throws Exception {
        ModbusMeterComponent c = component("TEST3");
        c.addModel(new MeterModel() {
            @Override
            public org.infinergi.driver.modbusmeters.bus.RegisterMap registerMap() {
                return TestMaps.threePhase();
            }

            @Override
            public long startupGraceMs() {
                return 60_000;
            }
        }, Map.of(MeterModel.NAME, "TEST3"));

        assertEquals(60_000L, registered.get(0).properties().get(Meter.STARTUP_GRACE_MS), "manual §9.1 note 5");
        c.deactivate();
    }

    @Test
    void aMeterWhoseDeviceIsSilentIsPublishedAndNeverReads() throws Exception {
        ModbusMeterComponent c = component("TEST3");
        slave.close();
        c.addModel(TestMaps::threePhase, Map.of(MeterModel.NAME, "TEST3"));
        MeterPoller poller = c.poller().orElseThrow();

        await().atMost(Duration.ofSeconds(10)).until(() -> poller.failure() != null);
        assertTrue(((Meter) registered.get(0).service()).latest().isEmpty());
        c.deactivate();
        assertTrue(registered.get(0).unregistered()[0]);
    }

    @Test
    void invalidConfigurationIsRefusedAtActivation() {
        ModbusMeterConfig config = Defaults.of(ModbusMeterConfig.class, Map.of("model", "SDM72D", "role", "VEHICLE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModbusMeterComponent(buses, config, Map.of("service.pid", "x"), context(), clock, INSTALLED));
        assertTrue(e.getMessage().contains("x: set either port"), e.getMessage());
    }

    @Test
    void aModelNoInstalledVendorBundleCarriesIsRefusedAtOnceNamingTheInstalledOnes() {
        ModbusMeterConfig config = Defaults.of(ModbusMeterConfig.class, Map.of("model", "EM340", "role", "VEHICLE",
                "port", "/dev/ttyAMA0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModbusMeterComponent(buses, config, Map.of("service.pid", "mid"), context(), clock,
                        Set.of("SDM230", "SDM72D", "SDM72D-V1")));
        assertEquals("org.infinergi.meter.modbus mid: model must be one of the installed models: SDM230, SDM72D, "
                + "SDM72D-V1; was 'EM340'", e.getMessage());
        assertEquals(List.of(), registered);
    }

    @Test
    void aSecondVehicleMeterIsRefusedOneMidMeterPerStation() throws Exception {
        ModbusMeterComponent first = component("TEST3");
        ModbusMeterConfig second = Defaults.of(ModbusMeterConfig.class, Map.of("model", "EM340", "role", "VEHICLE",
                "port", "/dev/ttyAMA0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModbusMeterComponent(buses, second, Map.of("service.pid", "mid2"), context(), clock, INSTALLED));
        assertTrue(e.getMessage().contains("mid2: role=VEHICLE rejected: org.infinergi.meter.modbus~mid is already the "
                + "vehicle meter"), e.getMessage());
        ModbusMeterConfig grid = Defaults.of(ModbusMeterConfig.class, Map.of("model", "EM340", "role", "GRID",
                "port", "/dev/ttyAMA0"));
        new ModbusMeterComponent(buses, grid, Map.of("service.pid", "grid"), context(), clock, INSTALLED).deactivate();

        first.deactivate();
        new ModbusMeterComponent(buses, second, Map.of("service.pid", "mid2"), context(), clock, INSTALLED).deactivate();
    }
}
