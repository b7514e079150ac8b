package org.infinergi.driver.modbusmeters.bus.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.SerialDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A configured meter over the real bus against a loopback slave: published with its model's properties, polled. */
class ModbusMeterComponentTest {

    /** What the configurations of these tests set. */
    private static final Set<String> CONFIGURED = Set.of("model", "role", "host", "tcpPort", "framing", "pollMs",
            "timeoutMs");

    /** The service properties the component gave its Meter. */
    private final List<Dictionary<String, Object>> published = new CopyOnWriteArrayList<>();
    /** The Meter services the component registered, and those it withdrew. */
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final List<Meter> withdrawn = new CopyOnWriteArrayList<>();
    private final ModbusMeterComponent.Publisher publisher = (meter, props) -> {
        published.add(props);
        meters.add(meter);
        return () -> withdrawn.add(meter);
    };
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

    private static Map<String, Object> properties(String pid, String target) {
        Map<String, Object> p = new HashMap<>(Map.of("service.pid", pid));
        if (target != null) {
            p.put(ModelTarget.PROPERTY, target);
        }
        return p;
    }

    private ModbusMeterConfig config(String model) {
        return Defaults.of(ModbusMeterConfig.class, Map.of("model", model, "role", "VEHICLE",
                "host", "127.0.0.1", "tcpPort", slave.port, "framing", "RTU_OVER_TCP", "pollMs", 100, "timeoutMs", 200));
    }

    private ModbusMeterComponent component(MeterModel model, String target) throws Exception {
        if (slave == null) {
            slave = new LoopbackSlave(0x60, true);
        }
        return new ModbusMeterComponent(buses, model, config("TEST3"),
                properties("org.infinergi.meter.modbus~mid", target), CONFIGURED, publisher, clock);
    }

    private ModbusMeterComponent component(MeterModel model) throws Exception {
        return component(model, "(infinergi.meter.model=TEST3)");
    }

    @Test
    void theMeterIsPublishedWithRoleAndSourceOfItsModelAndReadsTheDevice() throws Exception {
        slave = new LoopbackSlave(0x60, true);
        slave.setFloat(0x34, 3680f);
        slave.setFloat(0x48, 12.5f);
        ModbusMeterComponent c = component(TestMaps::threePhase);
        Meter meter = meters.get(0);

        assertEquals(1, published.size());
        Dictionary<String, Object> props = published.get(0);
        assertEquals("VEHICLE", props.get(Meter.ROLE));
        assertEquals("MID", props.get(Meter.SOURCE));
        assertEquals("TEST3", props.get(MeterModel.NAME));
        assertEquals("org.infinergi.meter.modbus~mid", props.get("infinergi.meter.config"));
        assertEquals(0L, props.get(Meter.STARTUP_GRACE_MS), "an answer expected at once");
        await().atMost(Duration.ofSeconds(10)).until(() -> meter.latest().isPresent());
        assertEquals(12_500, meter.latest().orElseThrow().energyWh(), 1e-6);
        assertEquals(3680, meter.latest().orElseThrow().powerW(), 1e-6);
        c.deactivate();
        assertEquals(List.of(meter), withdrawn, "the model went (SCR deactivates the meter): so does the Meter");
    }

    @Test
    void aTargetThatDoesNotNameTheConfiguredModelBindsNothing() throws Exception {
        IllegalArgumentException stale = assertThrows(IllegalArgumentException.class,
                () -> component(TestMaps::threePhase, "(infinergi.meter.model=OTHER)"));
        assertEquals("org.infinergi.meter.modbus org.infinergi.meter.modbus~mid: model.target="
                + "(infinergi.meter.model=OTHER) does not select model=TEST3; not bound to another model",
                stale.getMessage());
        assertThrows(IllegalArgumentException.class, () -> component(TestMaps::threePhase, null), "none derived yet");
        assertEquals(List.of(), published, "another model is not this meter's");
    }

    @Test
    void aVendorBundleUpdatedUnderThePollingIsReadAgainAtOnce() throws Exception {
        slave = new LoopbackSlave(0x60, true);
        slave.setFloat(0x34, 3680f);
        slave.setFloat(0x48, 12.5f);
        ModbusMeterComponent first = component(TestMaps::threePhase);
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get(0).latest().isPresent());

        // The vendor bundle stops (SCR deactivates the meter: its model went) and starts again with the new version.
        first.deactivate();
        ModbusMeterComponent again = component(TestMaps::threePhase);

        assertEquals(2, published.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get(1).latest().isPresent());
        assertEquals(12_500, meters.get(1).latest().orElseThrow().energyWh(), 1e-6, "the same register, no jump");
        again.deactivate();
    }

    @Test
    void anIvyMeterIsPublishedWithItsStartUpGrace() throws Exception {
        ModbusMeterComponent c = component(new MeterModel() {
            @Override
            public org.infinergi.driver.modbusmeters.bus.RegisterMap registerMap() {
                return TestMaps.threePhase();
            }

            @Override
            public long startupGraceMs() {
                return 60_000;
            }
        });

        assertEquals(60_000L, published.get(0).get(Meter.STARTUP_GRACE_MS), "manual §9.1 note 5");
        c.deactivate();
    }

    @Test
    void aMeterWhoseDeviceIsSilentIsPublishedAndNeverReads() throws Exception {
        slave = new LoopbackSlave(0x60, true);
        slave.close();
        ModbusMeterComponent c = component(TestMaps::threePhase);
        MeterPoller poller = c.poller();

        await().atMost(Duration.ofSeconds(10)).until(() -> poller.failure() != null);
        assertTrue(meters.get(0).latest().isEmpty());
        assertEquals(1, published.size());
        c.deactivate();
        assertEquals(meters, withdrawn);
    }

    @Test
    void theModelsFactorySerialSettingsFillWhatTheConfigurationLeavesOutThoughScrPassesTheDefaultsOfTheConfigType()
            throws Exception {
        // SCR's component properties: the configuration and the Config annotation's defaults (9600 8N1, id 1).
        Map<String, Object> properties = new HashMap<>(Map.of("service.pid", "org.infinergi.meter.modbus~mid",
                "model", "DTS353F-2", "role", "VEHICLE", "port", "/dev/ttyAMA0", ModelTarget.PROPERTY,
                "(infinergi.meter.model=DTS353F-2)", "slaveId", 1, "baud", 9600, "parity", "NONE", "stopBits", 1));
        ConfigurationAdmin cm = configurationAdmin(Map.of("service.pid", "org.infinergi.meter.modbus~mid", "model",
                "DTS353F-2", "role", "VEHICLE", "port", "/dev/ttyAMA0", "baud", 9600));
        Set<String> configured = ModbusMeterComponent.configuredKeys(cm, properties);
        ModbusMeterConfig config = Defaults.of(ModbusMeterConfig.class, properties);
        MeterModel ivy = new MeterModel() {
            @Override
            public org.infinergi.driver.modbusmeters.bus.RegisterMap registerMap() {
                return TestMaps.threePhase();
            }

            @Override
            public SerialDefaults serialDefaults() {
                return new SerialDefaults(1, 9600, "EVEN", 1);
            }
        };

        ModbusMeterComponent c = new ModbusMeterComponent(buses, ivy, config, properties, configured, publisher,
                clock);

        assertEquals(Endpoint.serial("/dev/ttyAMA0", 9600, "EVEN", 1), c.settings().endpoint(), "IVY: 8E1 (§4.7)");
        c.deactivate();
    }

    private static ConfigurationAdmin configurationAdmin(Map<String, Object> stored) {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(ModbusMeterComponentTest.class
                .getClassLoader(), new Class<?>[] {Configuration.class}, (p, m, a) -> {
                    if (m.getName().equals("getProperties")) {
                        return new Hashtable<>(stored);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(ModbusMeterComponentTest.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, a) -> {
                    if (m.getName().equals("listConfigurations")
                            && a[0].equals("(service.pid=" + stored.get("service.pid") + ")")) {
                        return new Configuration[] {configuration};
                    }
                    throw new UnsupportedOperationException(m.getName() + " " + java.util.Arrays.toString(a));
                });
    }

    @Test
    void invalidConfigurationIsRefusedAtActivation() {
        ModbusMeterConfig config = Defaults.of(ModbusMeterConfig.class, Map.of("model", "SDM72D", "role", "VEHICLE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModbusMeterComponent(buses, TestMaps::threePhase, config,
                        properties("x", "(infinergi.meter.model=SDM72D)"), CONFIGURED, publisher, clock));
        assertTrue(e.getMessage().contains("x: set either port"), e.getMessage());
        assertEquals(List.of(), published);
    }

    @Test
    void aSecondVehicleMeterIsNotPublishedEvenWithATargetCopiedFromTheFirst() throws Exception {
        ModbusMeterComponent first = component(TestMaps::threePhase);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModbusMeterComponent(buses, TestMaps::threePhase, config("TEST3"),
                        properties("mid2", "(infinergi.meter.model=TEST3)"), CONFIGURED, publisher, clock));
        assertTrue(e.getMessage().contains("mid2: role=VEHICLE rejected: org.infinergi.meter.modbus~mid is already the "
                + "vehicle meter"), e.getMessage());
        assertEquals(1, published.size());
        first.deactivate();
    }
}
