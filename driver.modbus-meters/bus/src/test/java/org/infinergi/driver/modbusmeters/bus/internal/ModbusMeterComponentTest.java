package org.infinergi.driver.modbusmeters.bus.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.SelectedMeter;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.core.config.EmptyValues;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.infinergi.driver.modbusmeters.bus.SerialDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A configured meter over the real bus against a loopback slave: its configuration checked and listed when refused,
 * bound to its model by SCR (here: the bind calls SCR makes), published with its model's properties, polled.
 */
class ModbusMeterComponentTest {

    private static final String MID = "org.infinergi.meter.modbus~mid";
    private static final Set<String> INSTALLED = Set.of("TEST3", "SDM230", "EM340");

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
    /** The model targets the component wrote into its configuration. */
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final ModbusMeterComponent.OwnConfiguration own = new ModbusMeterComponent.OwnConfiguration() {
        @Override
        public Set<String> keys(Map<String, Object> properties) {
            return Set.copyOf(properties.keySet());
        }

        @Override
        public void writeTarget(String pid, String target) {
            targets.add(pid + " " + target);
        }
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

    private Map<String, Object> configuration(String pid, String model, String role) throws Exception {
        if (slave == null) {
            slave = new LoopbackSlave(0x60, true);
        }
        Map<String, Object> p = new HashMap<>(Map.of("service.pid", pid, "model", model, "role", role,
                "host", "127.0.0.1", "tcpPort", String.valueOf(slave.port), "framing", "RTU_OVER_TCP",
                "pollMs", "100", "timeoutMs", "200"));
        p.put(ModelTarget.PROPERTY, ModelTarget.of(model));
        return p;
    }

    /** What the core publishes for {@code vehicleMeter=MID} and {@code gridMeter=MODBUS}. */
    private static final SelectedMeter VEHICLE_MID = selection("VEHICLE", "MID");
    private static final SelectedMeter GRID_MID = selection("GRID", "MID");

    private static SelectedMeter selection(String role, String source) {
        return new SelectedMeter() {
            @Override
            public String role() {
                return role;
            }

            @Override
            public String source() {
                return source;
            }
        };
    }

    /** A meter component with the core selecting the MID vehicle meter and a Modbus grid meter (as SCR binds them). */
    private ModbusMeterComponent component(Map<String, Object> configuration) {
        ModbusMeterComponent c = unselected(configuration);
        c.select(VEHICLE_MID);
        c.select(GRID_MID);
        return c;
    }

    private ModbusMeterComponent unselected(Map<String, Object> configuration) {
        return new ModbusMeterComponent(buses, () -> INSTALLED, own, publisher, clock, configuration);
    }

    /** A meter configured as TEST3 VEHICLE whose model SCR has bound. */
    private ModbusMeterComponent bound(MeterModel model) throws Exception {
        ModbusMeterComponent c = component(configuration(MID, "TEST3", "VEHICLE"));
        c.bindModel(model);
        return c;
    }

    private static MeterModel model(RegisterMap map) {
        return () -> map;
    }

    @Test
    void theMeterIsPublishedWithRoleAndSourceOfItsModelAndReadsTheDevice() throws Exception {
        slave = new LoopbackSlave(0x60, true);
        slave.setFloat(0x34, 3680f);
        slave.setFloat(0x48, 12.5f);
        ModbusMeterComponent c = bound(TestMaps::threePhase);
        Meter meter = meters.get(0);

        assertEquals(1, published.size());
        Dictionary<String, Object> props = published.get(0);
        assertEquals("VEHICLE", props.get(Meter.ROLE));
        assertEquals("MID", props.get(Meter.SOURCE));
        assertEquals("TEST3", props.get(MeterModel.NAME));
        assertEquals(MID, props.get("infinergi.meter.config"));
        assertEquals(0L, props.get(Meter.STARTUP_GRACE_MS), "an answer expected at once");
        await().atMost(Duration.ofSeconds(10)).until(() -> meter.latest().isPresent());
        assertEquals(12_500, meter.latest().orElseThrow().energyWh(), 1e-6);
        assertEquals(3680, meter.latest().orElseThrow().powerW(), 1e-6);
        assertEquals(List.of(), c.rejections());
        c.deactivate();
        assertEquals(List.of(meter), withdrawn, "the component went: so does the Meter");
    }

    /** Idle CPU budget: a configured meter that org.infinergi.metering does not select costs no request. */
    @Test
    void aMeterIsPolledOnlyWhileTheCoreSelectsIt_andStaysPublished() throws Exception {
        slave = new LoopbackSlave(0x60, true);
        slave.setFloat(0x34, -2000f);
        List<String> lines = new CopyOnWriteArrayList<>();
        BusRegistry counted = new BusRegistry() {
            @Override
            public AutoCloseable attach(Endpoint endpoint, MeterPoller poller, long periodMs) {
                lines.add("attach " + endpoint);
                AutoCloseable job = buses.attach(endpoint, poller, periodMs);
                return () -> {
                    lines.add("detach " + endpoint);
                    job.close();
                };
            }

            @Override
            public AutoCloseable claimVehicleMeter(String name) {
                return buses.claimVehicleMeter(name);
            }
        };
        ModbusMeterComponent c = new ModbusMeterComponent(counted, () -> INSTALLED, own, publisher, clock,
                configuration(MID, "TEST3", "GRID"));
        c.bindModel(TestMaps::threePhase);
        c.select(VEHICLE_MID); // the MID vehicle meter is selected, not this grid meter (gridMeter=CT, say)
        Meter meter = meters.get(0);

        assertEquals(List.of(), lines, "not selected: not polled, no line opened");
        assertTrue(meter.latest().isEmpty());
        assertEquals("GRID", published.get(0).get(Meter.ROLE), "published all the same: listed in the readings");

        c.select(GRID_MID); // gridMeter=MODBUS
        await().atMost(Duration.ofSeconds(10)).until(() -> meter.latest().isPresent());
        assertEquals(-2000, meter.latest().orElseThrow().powerW(), 1e-6, "export, as the grid meter reads it");

        c.deselect(GRID_MID);
        assertEquals(List.of("attach " + c.settings().endpoint(), "detach " + c.settings().endpoint()), lines);
        assertFalse(withdrawn.contains(meter), "the Meter stays, only the polling stops");
        c.deactivate();
    }

    @Test
    void theAcceptedModelIsWrittenAsTheTargetOfTheModelReferenceOnlyWhenItDoesNotNameItAlready() throws Exception {
        Map<String, Object> fresh = configuration(MID, "em340", "GRID");
        fresh.remove(ModelTarget.PROPERTY);
        component(fresh).deactivate();
        component(configuration(MID, "EM340", "GRID")).deactivate();

        assertEquals(List.of(MID + " (infinergi.meter.model=EM340)"), targets, "no configuration update loop");
    }

    @Test
    void aBoundModelThatIsNotTheConfiguredOneRunsNothing() throws Exception {
        ModbusMeterComponent c = component(configuration(MID, "SDM230", "VEHICLE"));
        c.bindModel(TestMaps::threePhase); // a target left from another model, until the new one is written

        assertEquals(List.of(), published, "another model's map is not this meter's");
        c.deactivate();
    }

    @Test
    void aVendorBundleUpdatedUnderThePollingIsReadAgainAtOnce() throws Exception {
        slave = new LoopbackSlave(0x60, true);
        slave.setFloat(0x34, 3680f);
        slave.setFloat(0x48, 12.5f);
        MeterModel before = TestMaps::threePhase;
        ModbusMeterComponent c = bound(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get(0).latest().isPresent());

        // The vendor bundle stops (SCR unbinds its model) and starts again with the new version.
        c.unbindModel(before);
        assertEquals(List.of(meters.get(0)), withdrawn, "no model, no Meter");
        c.bindModel(TestMaps::threePhase);

        assertEquals(2, published.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get(1).latest().isPresent());
        assertEquals(12_500, meters.get(1).latest().orElseThrow().energyWh(), 1e-6, "the same register, no jump");
        c.deactivate();
    }

    @Test
    void anIvyMeterIsPublishedWithItsStartUpGrace() throws Exception {
        ModbusMeterComponent c = bound(new MeterModel() {
            @Override
            public RegisterMap registerMap() {
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
        ModbusMeterComponent c = bound(TestMaps::threePhase);
        MeterPoller poller = c.poller();

        await().atMost(Duration.ofSeconds(10)).until(() -> poller.failure() != null);
        assertTrue(meters.get(0).latest().isEmpty());
        assertEquals(1, published.size());
        c.deactivate();
        assertEquals(meters, withdrawn);
    }

    @Test
    void theModelsFactorySerialSettingsFillWhatTheConfigurationLeavesOutThoughScrPassesTheDefaultsOfTheConfigType() {
        // SCR's component properties: the configuration and the Config annotation's defaults (9600 8N1, id 1).
        Map<String, Object> properties = new HashMap<>(Map.of("service.pid", MID, "model", "TEST3", "role", "VEHICLE",
                "port", "/dev/ttyAMA0", ModelTarget.PROPERTY, "(infinergi.meter.model=TEST3)", "slaveId", 1,
                "baud", 9600, "parity", "NONE", "stopBits", 1));
        ConfigurationAdmin cm = configurationAdmin(Map.of("service.pid", MID, "model", "TEST3", "role", "VEHICLE",
                "port", "/dev/ttyAMA0", "baud", 9600));
        assertEquals(Set.of("service.pid", "model", "role", "port", "baud"),
                ModbusMeterComponent.configuredKeys(cm, properties));
        ModbusMeterComponent.OwnConfiguration stored = new ModbusMeterComponent.OwnConfiguration() {
            @Override
            public Set<String> keys(Map<String, Object> p) {
                return ModbusMeterComponent.configuredKeys(cm, p);
            }

            @Override
            public void writeTarget(String pid, String target) {
                targets.add(target);
            }
        };
        ModbusMeterComponent c = new ModbusMeterComponent(buses, () -> INSTALLED, stored, publisher, clock,
                properties);
        c.bindModel(new MeterModel() {
            @Override
            public RegisterMap registerMap() {
                return TestMaps.threePhase();
            }

            @Override
            public SerialDefaults serialDefaults() {
                return new SerialDefaults(1, 9600, "EVEN", 1);
            }
        });

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

    // Issue 19: a refused configuration is listed with every other rejected one (ConfigurationOwner).

    @Test
    void aFirstConfigurationWithAModelNoVendorBundleCarriesIsListedNamingTheInstalledOnesAndRunsNoMeter()
            throws Exception {
        Map<String, Object> em999 = configuration(MID, "EM999", "VEHICLE");
        em999.put(ModelTarget.PROPERTY, "(infinergi.meter.model=TEST3)"); // a target copied from another file
        ModbusMeterComponent c = component(em999);
        c.bindModel(TestMaps::threePhase);

        assertEquals(List.of(new ConfigurationRejection(MID, "model", "EM999",
                "must be one of the installed models: EM340, SDM230, TEST3")), c.rejections());
        assertEquals(List.of(), published, "no meter: the core's D9 for a missing MID meter");
        assertEquals(List.of(), targets, "nothing bound for a refused configuration");
        c.deactivate();
    }

    @Test
    void aWrongRoleAndAnEmptyValueAreListedEveryBadKeyNamed() throws Exception {
        Map<String, Object> bad = configuration(MID, "TEST3", "CAR");
        bad.put("pollMs", "");
        ModbusMeterComponent c = component(bad);
        c.bindModel(TestMaps::threePhase);

        assertEquals(List.of(new ConfigurationRejection(MID, "pollMs", "\"\"",
                EmptyValues.EMPTY_VALUE + "1000)")), c.rejections(), "an empty value, read by this driver");
        c.modified(configuration(MID, "TEST3", "CAR"));
        assertEquals(List.of(new ConfigurationRejection(MID, "role", "CAR", "must be VEHICLE or GRID")),
                c.rejections());
        assertEquals(List.of(), published);
        c.deactivate();
    }

    @Test
    void aSecondVehicleMeterIsListedOneMidMeterPerStationAndTheFirstGoesOn() throws Exception {
        ModbusMeterComponent first = bound(TestMaps::threePhase);
        ModbusMeterComponent second = component(configuration("org.infinergi.meter.modbus~mid2", "TEST3", "VEHICLE"));
        second.bindModel(TestMaps::threePhase);

        assertEquals(List.of(new ConfigurationRejection("org.infinergi.meter.modbus~mid2", "role", "VEHICLE",
                MID + " is already the vehicle meter: a charging station has only one MID meter (manual §4.7)")),
                second.rejections());
        assertEquals(1, published.size(), "the first meter only");
        assertEquals(List.of(), first.rejections());

        first.deactivate();
        second.modified(configuration("org.infinergi.meter.modbus~mid2", "TEST3", "VEHICLE"));
        assertEquals(List.of(), second.rejections(), "the first meter's configuration went: the second is the one");
        assertEquals(2, published.size());
        second.deactivate();
    }

    @Test
    void aRefusedChangeLeavesThePreviousValidConfigurationInForceAndTheMeterReading() throws Exception {
        slave = new LoopbackSlave(0x60, true);
        slave.setFloat(0x48, 12.5f);
        ModbusMeterComponent c = bound(TestMaps::threePhase);
        MeterPoller polling = c.poller();
        Meter meter = meters.get(0);
        ModbusMeterComponent grid = component(configuration("org.infinergi.meter.modbus~grid", "EM340", "GRID"));

        c.modified(configuration(MID, "EM999", "VEHICLE"));
        grid.modified(configuration("org.infinergi.meter.modbus~grid", "EM340", "VEHICLE"));
        c.modified(configuration(MID, "TEST3", "PV"));

        assertEquals(List.of("role"), c.rejections().stream().map(ConfigurationRejection::key).toList());
        assertEquals("role", grid.rejections().get(0).key(), "the station's vehicle meter is still the first");
        assertSame(polling, c.poller(), "the previous configuration goes on polling");
        assertEquals(List.of(), withdrawn);
        slave.setFloat(0x48, 12.625f); // within what the meter can have counted meanwhile
        await().atMost(Duration.ofSeconds(10)).until(() -> meter.latest()
                .map(r -> r.energyWh() == 12_625).orElse(false));

        c.modified(configuration(MID, "TEST3", "GRID"));
        assertEquals(List.of(), c.rejections(), "a valid change is in force and listed no more");
        assertEquals(List.of(meter), withdrawn, "published again with its new role");
        assertEquals("GRID", published.get(1).get(Meter.ROLE));
        c.deactivate();
        grid.deactivate();
    }

    @Test
    void withoutItsModelNoMeterRunsAndTheConfigurationIsNotRefused() throws Exception {
        ModbusMeterComponent c = component(configuration(MID, "TEST3", "VEHICLE"));

        assertEquals(List.of(), published);
        assertEquals(List.of(), c.rejections(), "a vendor bundle being updated is no configuration error");
        assertNull(c.poller());
        c.deactivate();
    }
}
