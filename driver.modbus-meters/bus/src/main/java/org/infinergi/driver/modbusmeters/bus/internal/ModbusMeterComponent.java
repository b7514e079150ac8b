package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.SelectedMeter;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured Modbus meter (factory PID {@value ModbusMeterConfig#PID}), the one reader of its configuration.
 *
 * <p>It checks every configuration it is given and answers the verdict as a {@link ConfigurationOwner}, so a refused
 * one is listed in {@code /api/status} {@code rejectedConfigurations} with every other: an empty value or one not of
 * its key's type, a model no installed vendor bundle carries, a role other than VEHICLE/GRID, a second VEHICLE meter
 * (manual §4.7: only one MID meter per charging station). A refused change leaves the previous valid configuration
 * in force (the meter goes on polling); a refused first configuration runs no meter (a missing MID meter: D9).
 *
 * <p>The vendor's {@link MeterModel} is bound by SCR through the DS target of reference {@value ModelTarget#REFERENCE}:
 * the accepted configuration's model is written as {@value ModelTarget#PROPERTY} into the configuration itself, and
 * the default target matches nothing. The meter is polled and its {@link Meter} published while the bound model is
 * the accepted configuration's; the model going (its vendor bundle stopped or updated) withdraws the Meter, which the
 * core treats like a silent meter, and its coming back publishes it again.
 *
 * <p>The Meter is SCR's service too, made through the component factory {@link PublishedMeter} once the model is
 * bound: its properties {@value Meter#SOURCE} and {@value Meter#STARTUP_GRACE_MS} come from the model, which this
 * component, active without it, cannot give its own registration.
 *
 * <p>The meter is polled only while the core selects it ({@link SelectedMeter} with this meter's role and its model's
 * source: {@code org.infinergi.metering gridMeter=MODBUS} or {@code CT_REMOTE}, {@code vehicleMeter=MID}; idle CPU
 * budget). Unselected, its {@link Meter} stays published with an empty reading and its line's thread is gone once no
 * meter on the line is polled; the selection's coming back polls it at once.
 */
@Component(immediate = true, service = ConfigurationOwner.class, configurationPid = ModbusMeterConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ModbusMeterConfig.class, factory = true)
public final class ModbusMeterComponent implements ConfigurationOwner {

    /** Registers the Meter service; closing the answer unregisters it. */
    interface Publisher {
        AutoCloseable publish(Meter meter, Dictionary<String, Object> properties);
    }

    /** The meter's own configuration in Config Admin. */
    interface OwnConfiguration {
        /** The keys the configuration really sets ({@link #configuredKeys}). */
        Set<String> keys(Map<String, Object> properties);

        /** Writes {@value ModelTarget#PROPERTY} into configuration {@code pid}. */
        void writeTarget(String pid, String target);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ModbusMeterComponent.class);
    private static final String VEHICLE = "VEHICLE";

    /** A configuration in force: its checked settings, the keys it sets, and its vehicle meter claim (or null). */
    private record Accepted(MeterSettings settings, Set<String> configured, AutoCloseable vehicleClaim) {
    }

    /** A meter published with the model it was started with (polled while selected). */
    private record Running(Accepted accepted, MeterModel model, MeterSettings settings, MeterPoller poller,
            AutoCloseable registration) {
    }

    private final BusRegistry buses;
    private final Supplier<Set<String>> installed;
    private final OwnConfiguration own;
    private final Publisher publisher;
    private final Clock clock;
    private final String name;
    private volatile List<ConfigurationRejection> rejections = List.of();
    // guarded by this
    private Accepted accepted;
    private MeterModel model;
    private Running running;
    /** The running meter's polling while it is selected, or null. */
    private AutoCloseable polling;
    /** The meters the core selects, as "ROLE/SOURCE". */
    private final Set<String> selected = new HashSet<>();
    private boolean deactivated;

    @Activate
    public ModbusMeterComponent(@Reference BusRegistry buses, @Reference ConfigurationAdmin configurations,
            @Reference(target = "(" + ComponentConstants.COMPONENT_FACTORY + "=" + PublishedMeter.FACTORY + ")")
            ComponentFactory<Meter> meters, Map<String, Object> properties, BundleContext context) {
        this(buses, () -> InstalledModels.of(context), ownConfiguration(configurations),
                (meter, props) -> publish(meters, meter, props), Clock.systemUTC(), properties);
    }

    /**
     * @param installed the models the installed vendor bundles carry ({@link InstalledModels})
     * @param properties the first configuration
     */
    ModbusMeterComponent(BusRegistry buses, Supplier<Set<String>> installed, OwnConfiguration own,
            Publisher publisher, Clock clock, Map<String, Object> properties) {
        this.buses = buses;
        this.installed = installed;
        this.own = own;
        this.publisher = publisher;
        this.clock = clock;
        this.name = String.valueOf(properties.getOrDefault(Constants.SERVICE_PID, ModbusMeterConfig.PID));
        apply(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    /** SCR binds the model named by {@value ModelTarget#PROPERTY}; optional so that a refusal stays listed. */
    @Reference(name = ModelTarget.REFERENCE, target = ModelTarget.NONE, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindModel")
    void bindModel(MeterModel bound) {
        synchronized (this) {
            model = bound;
        }
        reconcile();
    }

    void unbindModel(MeterModel gone) {
        synchronized (this) {
            if (model == gone) {
                model = null;
            }
        }
        reconcile();
    }

    /** A meter the core selects (manual §5.2): this one is polled if it is that meter. */
    @Reference(name = "selection", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "deselect")
    void select(SelectedMeter selection) {
        synchronized (this) {
            selected.add(key(selection.role(), selection.source()));
        }
        reconcile();
    }

    void deselect(SelectedMeter selection) {
        synchronized (this) {
            selected.remove(key(selection.role(), selection.source()));
        }
        reconcile();
    }

    private static String key(String role, String source) {
        return role + "/" + source;
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    /**
     * The configuration checked the way this driver reads it, not the way DS does (which reads an empty value as 0,
     * false or "", or fails naming no key, issue 15): every bad key named.
     *
     * @throws MeterSettings.Refused naming every bad key
     */
    static MeterSettings check(String pid, Map<String, Object> properties, Set<String> installed) {
        CheckedConfiguration<ModbusMeterConfig> typed = CheckedConfiguration.check(pid, properties,
                ModbusMeterConfig.class, null);
        if (!typed.accepted()) {
            throw new MeterSettings.Refused(typed.rejections());
        }
        return MeterSettings.of(pid, typed.config(), installed);
    }

    private void apply(Map<String, Object> properties) {
        MeterSettings settings;
        try {
            settings = check(name, properties, installed.get());
        } catch (MeterSettings.Refused r) {
            reject(r.rejections());
            return;
        }
        Set<String> configured = own.keys(properties);
        synchronized (this) {
            if (accepted != null && accepted.settings().equals(settings) && accepted.configured().equals(configured)) {
                settings = null; // the same configuration (its target written, say): the meter runs on
            }
        }
        if (settings != null && !accept(settings, configured)) {
            return;
        }
        rejections = List.of();
        String model = accepted().settings().model();
        String target = ModelTarget.of(model);
        if (!target.equals(properties.get(ModelTarget.PROPERTY))) {
            LOG.info("Modbus meter {}: model {} bound by {}={}", name, model, ModelTarget.PROPERTY, target);
            own.writeTarget(name, target);
        }
        reconcile();
    }

    /** Puts {@code settings} in force, unless it would be a second vehicle meter (then refused). */
    private boolean accept(MeterSettings settings, Set<String> configured) {
        AutoCloseable claim = null;
        if (VEHICLE.equals(settings.role())) {
            try {
                claim = buses.claimVehicleMeter(name);
            } catch (IllegalArgumentException e) {
                reject(List.of(new ConfigurationRejection(name, "role", VEHICLE, e.getMessage())));
                return false;
            }
        }
        Accepted previous;
        synchronized (this) {
            previous = accepted;
            accepted = new Accepted(settings, configured, claim);
        }
        if (previous != null) {
            close(previous.vehicleClaim(), "giving the vehicle meter claim back");
        }
        return true;
    }

    private void reject(List<ConfigurationRejection> refused) {
        rejections = List.copyOf(refused);
        boolean first = accepted() == null;
        LOG.error("Configuration rejected: {} — {}", String.join("; ", refused.stream()
                .map(ConfigurationRejection::message).toList()), first
                        ? "no meter runs on it (a missing vehicle meter is D9)"
                        : "the previous valid configuration stays in force");
    }

    private synchronized Accepted accepted() {
        return accepted;
    }

    /**
     * Runs the meter when the bound model is the accepted configuration's, else nothing: never a wrong map. A running
     * meter is polled while the core selects it.
     */
    private synchronized void reconcile() {
        if (deactivated) {
            return;
        }
        Accepted a = accepted;
        MeterModel m = model;
        boolean fits = a != null && m != null && modelName(m).equals(a.settings().model());
        if (!(running != null && fits && running.accepted() == a && running.model() == m)) {
            stop();
            if (fits) {
                start(a, m);
            }
        }
        pace();
    }

    /** Whether the core selects the meter of this role and this model's source. */
    private boolean selected(MeterSettings s, RegisterMap map) {
        return selected.contains(key(s.role(), map.source().name()));
    }

    /** Polls the running meter while it is selected; an unselected one costs no request and no thread. */
    private void pace() {
        Running r = running;
        boolean wanted = r != null && selected(r.settings(), r.model().registerMap());
        if (wanted && polling == null) {
            try {
                polling = buses.attach(r.settings().endpoint(), r.poller(), r.settings().pollMs());
                LOG.info("Modbus meter {}: selected, polled every {} ms", name, r.settings().pollMs());
            } catch (RuntimeException e) {
                // Published but silent: the core judges it as it judges a meter that stopped answering (D9, D2).
                LOG.error("Modbus meter {}: its line {} cannot be used: {}", name, r.settings().endpoint(),
                        e.getMessage());
            }
        } else if (!wanted && polling != null) {
            close(polling, "stopping the polling");
            polling = null;
            if (r != null) {
                LOG.info("Modbus meter {}: not selected (org.infinergi.metering), not polled", name);
            }
        }
    }

    private static String modelName(MeterModel m) {
        return String.valueOf(m.registerMap().model()).toUpperCase(Locale.ROOT);
    }

    private void start(Accepted a, MeterModel m) {
        // Manual §4.7: the meter keeps its factory serial settings; the model knows them.
        MeterSettings s = a.settings().withDefaults(m.serialDefaults(), a.configured());
        RegisterMap map = m.registerMap();
        MeterPoller poller = new MeterPoller(name + " (" + s.describe() + ")", map, s.slaveId(), s.timeoutMs(),
                s.attempts(), s.holdMs(), clock, VEHICLE.equals(s.role())).startupGrace(m.startupGraceMs());
        if (selected(s, map)) {
            try {
                polling = buses.attach(s.endpoint(), poller, s.pollMs());
            } catch (RuntimeException e) {
                LOG.error("Modbus meter {}: its line {} cannot be used: {}", name, s.endpoint(), e.getMessage());
                return;
            }
        }
        AutoCloseable registration = publisher.publish(new PolledMeter(poller),
                serviceProperties(s, map, m.startupGraceMs()));
        running = new Running(a, m, s, poller, registration);
        LOG.info("Modbus meter {}: {} meter {}, {}", name, map.source(), s.describe(), polling != null
                ? "polled every " + s.pollMs() + " ms" : "not polled until org.infinergi.metering selects it");
    }

    private void stop() {
        Running r = running;
        if (r != null) {
            running = null;
            close(r.registration(), "unregistering the meter");
            close(polling, "stopping the polling");
            polling = null;
            LOG.info("Modbus meter {}: withdrawn", name);
        }
    }

    private Dictionary<String, Object> serviceProperties(MeterSettings s, RegisterMap map, long graceMs) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Meter.ROLE, s.role());
        props.put(Meter.SOURCE, map.source().name());
        props.put(MeterModel.NAME, map.model());
        props.put(Meter.STARTUP_GRACE_MS, graceMs);
        props.put("infinergi.meter.config", name);
        return props;
    }

    /**
     * The keys the meter's configuration really sets: the component properties SCR passes also carry the
     * {@link ModbusMeterConfig} defaults (slaveId 1, 9600 8N1), which would hide the model's factory settings.
     */
    static Set<String> configuredKeys(ConfigurationAdmin configurations, Map<String, Object> properties) {
        Object pid = properties.get(Constants.SERVICE_PID);
        try {
            Configuration[] found = pid == null ? null : configurations.listConfigurations(
                    "(" + Constants.SERVICE_PID + "=" + ModelTarget.escape(pid.toString()) + ")");
            if (found != null && found[0].getProperties() != null) {
                return Set.copyOf(Collections.list(found[0].getProperties().keys()));
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Modbus meter {}: its configuration could not be read; serial settings as configured", pid, e);
        }
        return Set.copyOf(properties.keySet());
    }

    private static OwnConfiguration ownConfiguration(ConfigurationAdmin configurations) {
        return new OwnConfiguration() {
            @Override
            public Set<String> keys(Map<String, Object> properties) {
                return configuredKeys(configurations, properties);
            }

            @Override
            public void writeTarget(String pid, String target) {
                try {
                    Configuration[] found = configurations.listConfigurations(
                            "(" + Constants.SERVICE_PID + "=" + ModelTarget.escape(pid) + ")");
                    if (found == null) {
                        return; // deleted meanwhile
                    }
                    Dictionary<String, Object> properties = found[0].getProperties();
                    properties.put(ModelTarget.PROPERTY, target);
                    found[0].updateIfDifferent(properties); // no update loop
                } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
                    // the meter stays unbound (no Meter: D9 for a MID meter), never bound to another model
                    LOG.error("Modbus meter {}: writing {} failed; the meter stays unbound", pid, ModelTarget.PROPERTY,
                            e);
                }
            }
        };
    }

    /** The Meter as SCR's service: an instance of {@link PublishedMeter}, made once the model is bound. */
    private static AutoCloseable publish(ComponentFactory<Meter> meters, Meter meter,
            Dictionary<String, Object> props) {
        props.put(PublishedMeter.POLLED, meter);
        ComponentInstance<Meter> instance = meters.newInstance(props);
        return instance::dispose;
    }

    /** The Meter service: the poller's last good reading. */
    private record PolledMeter(MeterPoller poller) implements Meter {
        @Override
        public Optional<MeterReading> latest() {
            return poller.latest();
        }
    }

    /** The settings in use, the model's factory settings filled in, for tests; null when no meter runs. */
    synchronized MeterSettings settings() {
        return running == null ? null : running.settings();
    }

    /** The meter's poller, for tests; null when no meter runs. */
    synchronized MeterPoller poller() {
        return running == null ? null : running.poller();
    }

    @Deactivate
    void deactivate() {
        Accepted a;
        synchronized (this) {
            deactivated = true;
            stop();
            a = accepted;
            accepted = null;
        }
        if (a != null) {
            close(a.vehicleClaim(), "giving the vehicle meter claim back");
        }
    }

    private void close(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Modbus meter {}: {} failed", name, what, e);
        }
    }
}
