package org.infinergi.driver.modbusmeters.bus.internal;

import java.time.Clock;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.infinergi.core.charging.api.CheckedConfiguration;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured Modbus meter (factory PID {@value ModbusMeterConfig#PID}): once the vendor bundle of its
 * {@code model} has registered the {@link MeterModel}, the meter is polled on its line and published as a
 * {@link Meter} service with {@value Meter#ROLE} = the configured role and {@value Meter#SOURCE} = the model's source
 * (MID or CT_REMOTE). Without its model there is no Meter service, which the core treats like a silent meter.
 *
 * <p>The Meter is registered through the bundle context rather than as this component's service because its
 * service properties come from the model (the source) and the configuration (the role, under the core's property
 * name), and because it exists only while the model does.
 */
@Component(immediate = true, service = {}, configurationPid = ModbusMeterConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ModbusMeterConfig.class, factory = true)
public final class ModbusMeterComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusMeterComponent.class);
    private static final String VEHICLE = "VEHICLE";

    private final MeterSettings settings;
    private final Set<String> configured;
    private final AutoCloseable vehicleClaim;
    private final BusRegistry buses;
    private final BundleContext context;
    private final Clock clock;
    private final Map<MeterModel, String> models = new java.util.LinkedHashMap<>();
    private MeterModel model;
    private Running running;
    private boolean deactivated;

    /** A meter being polled and published. */
    private record Running(MeterPoller poller, AutoCloseable polling, ServiceRegistration<Meter> registration) {
    }

    @Activate
    public ModbusMeterComponent(@Reference BusRegistry buses, Map<String, Object> properties, BundleContext context) {
        this(buses, config(properties), properties, context, Clock.systemUTC(), InstalledModels.of(context));
    }

    /**
     * The configuration read by this driver, not by DS (which reads an empty value as 0, false or "", or fails
     * naming no key): an empty value or one not of its key's type refuses the meter at once, by name (issue 15).
     */
    static ModbusMeterConfig config(Map<String, Object> properties) {
        CheckedConfiguration<ModbusMeterConfig> c = CheckedConfiguration.check(String.valueOf(
                properties.getOrDefault("service.pid", ModbusMeterConfig.PID)), properties, ModbusMeterConfig.class,
                null);
        if (!c.accepted()) {
            throw new IllegalArgumentException(String.join("; ", c.rejections().stream()
                    .map(ConfigurationRejection::message).toList()));
        }
        return c.config();
    }

    /**
     * Refuses at once, naming what is allowed: a model no installed vendor bundle carries, and a second vehicle
     * meter (manual §4.7: one MID meter per charging station).
     *
     * @param installed the models the installed vendor bundles carry
     */
    ModbusMeterComponent(BusRegistry buses, ModbusMeterConfig config, Map<String, Object> properties,
            BundleContext context, Clock clock, Set<String> installed) {
        String name = String.valueOf(properties.getOrDefault("service.pid", ModbusMeterConfig.PID));
        this.settings = MeterSettings.of(name, config, installed);
        this.configured = Set.copyOf(properties.keySet());
        this.vehicleClaim = VEHICLE.equals(settings.role()) ? buses.claimVehicleMeter(name) : null;
        this.buses = buses;
        this.context = context;
        this.clock = clock;
        LOG.info("Modbus meter {}: {}", settings.name(), settings.describe());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeModel")
    synchronized void addModel(MeterModel candidate, Map<String, Object> properties) {
        models.put(candidate, name(candidate, properties));
        select();
    }

    synchronized void removeModel(MeterModel gone) {
        models.remove(gone);
        if (gone == model) {
            stop();
            model = null;
            LOG.info("Modbus meter {}: model {} gone, meter withdrawn", settings.name(), settings.model());
            select();
        }
    }

    /** Starts with a model of the configured name when none is in use. */
    private void select() {
        if (deactivated || model != null) {
            return;
        }
        for (Map.Entry<MeterModel, String> e : models.entrySet()) {
            if (settings.model().equals(e.getValue())) {
                model = e.getKey();
                start(model);
                return;
            }
        }
    }

    private static String name(MeterModel m, Map<String, Object> properties) {
        Object n = properties.get(MeterModel.NAME);
        return n != null ? n.toString() : m.registerMap().model();
    }

    private void start(MeterModel m) {
        RegisterMap map = m.registerMap();
        // Manual §4.7: the meter keeps its factory serial settings; the model knows them.
        MeterSettings s = settings.withDefaults(m.serialDefaults(), configured);
        MeterPoller poller = new MeterPoller(settings.name() + " (" + s.describe() + ")", map,
                s.slaveId(), s.timeoutMs(), s.attempts(), s.holdMs(), clock, VEHICLE.equals(s.role()))
                .startupGrace(m.startupGraceMs());
        AutoCloseable polling = buses.attach(s.endpoint(), poller, s.pollMs());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Meter.ROLE, settings.role());
        props.put(Meter.SOURCE, map.source().name());
        props.put(MeterModel.NAME, map.model());
        props.put(Meter.STARTUP_GRACE_MS, m.startupGraceMs());
        props.put("infinergi.meter.config", settings.name());
        ServiceRegistration<Meter> reg = context.registerService(Meter.class, new PolledMeter(poller), props);
        running = new Running(poller, polling, reg);
        LOG.info("Modbus meter {}: {} meter {} polled every {} ms", settings.name(), map.source(), s.describe(),
                s.pollMs());
    }

    private void stop() {
        Running r = running;
        running = null;
        if (r == null) {
            return;
        }
        try {
            r.registration().unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping: the framework unregistered it
        }
        try {
            r.polling().close();
        } catch (Exception e) {
            LOG.warn("Modbus meter {}: stopping the polling failed", settings.name(), e);
        }
    }

    /** The Meter service: the poller's last good reading. */
    private record PolledMeter(MeterPoller poller) implements Meter {
        @Override
        public Optional<MeterReading> latest() {
            return poller.latest();
        }
    }

    /** The meter currently published, for tests. */
    synchronized Optional<MeterPoller> poller() {
        return Optional.ofNullable(running).map(Running::poller);
    }

    @Deactivate
    synchronized void deactivate() {
        deactivated = true;
        stop();
        if (vehicleClaim != null) {
            try {
                vehicleClaim.close();
            } catch (Exception e) {
                LOG.warn("Modbus meter {}: giving the vehicle meter claim back failed", settings.name(), e);
            }
        }
    }
}
