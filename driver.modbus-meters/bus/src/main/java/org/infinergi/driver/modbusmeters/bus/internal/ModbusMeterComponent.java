package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Dictionary;
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
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured Modbus meter (factory PID {@value ModbusMeterConfig#PID}), active while SCR has bound the vendor's
 * {@link MeterModel} of its {@code model}: the reference {@value ModelTarget#REFERENCE} takes its target from the
 * configuration ({@value ModelTarget#PROPERTY}, written by {@link MeterConfiguration}); without it the default target
 * matches nothing. Without its model there is no Meter service, which the core treats like a silent meter; the model
 * coming back (a vendor bundle updated) activates the meter again.
 *
 * <p>The {@link Meter} is registered in activation through the bundle context, not as this component's service:
 * its {@value Meter#SOURCE} and {@value Meter#STARTUP_GRACE_MS} come from the model, and setting them on an SCR
 * registration during activation (Felix's ExtComponentContext) makes the core ask SCR for the service before the
 * instance exists (Felix answers null and the core misses the meter).
 */
@Component(immediate = true, service = {}, configurationPid = ModbusMeterConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ModbusMeterConfig.class, factory = true)
public final class ModbusMeterComponent {

    /** Registers the Meter service; closing the answer unregisters it. */
    interface Publisher {
        AutoCloseable publish(Meter meter, Dictionary<String, Object> properties);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ModbusMeterComponent.class);
    private static final String VEHICLE = "VEHICLE";

    private final MeterSettings settings;
    private final AutoCloseable vehicleClaim;
    private final MeterPoller poller;
    private final AutoCloseable polling;
    private final AutoCloseable registration;

    @Activate
    public ModbusMeterComponent(@Reference BusRegistry buses,
            @Reference(name = ModelTarget.REFERENCE, target = ModelTarget.NONE) MeterModel model,
            @Reference ConfigurationAdmin configurations, Map<String, Object> properties, ComponentContext context) {
        this(buses, model, config(properties), properties, configuredKeys(configurations, properties),
                (meter, props) -> register(context.getBundleContext(), meter, props), Clock.systemUTC());
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

    /**
     * Refuses a configuration that is invalid, whose target does not name its model (a configuration edited since the
     * target was derived: the check writes it again) or that would be a second vehicle meter (manual §4.7).
     *
     * @param configured the keys the configuration sets ({@link #configuredKeys})
     * @param publish sets the Meter service's properties
     */
    ModbusMeterComponent(BusRegistry buses, MeterModel model, ModbusMeterConfig config, Map<String, Object> properties,
            Set<String> configured, Publisher publish, Clock clock) {
        String name = String.valueOf(properties.getOrDefault(Constants.SERVICE_PID, ModbusMeterConfig.PID));
        MeterSettings checked = MeterSettings.of(name, config);
        Object target = properties.get(ModelTarget.PROPERTY);
        if (!ModelTarget.of(checked.model()).equals(target)) {
            throw new IllegalArgumentException(ModbusMeterConfig.PID + " " + name + ": " + ModelTarget.PROPERTY + "="
                    + target + " does not select model=" + checked.model() + "; not bound to another model");
        }
        // Manual §4.7: the meter keeps its factory serial settings; the model knows them.
        this.settings = checked.withDefaults(model.serialDefaults(), configured);
        this.vehicleClaim = VEHICLE.equals(settings.role()) ? buses.claimVehicleMeter(name) : null;
        RegisterMap map = model.registerMap();
        this.poller = new MeterPoller(name + " (" + settings.describe() + ")", map, settings.slaveId(),
                settings.timeoutMs(), settings.attempts(), settings.holdMs(), clock, VEHICLE.equals(settings.role()))
                .startupGrace(model.startupGraceMs());
        try {
            this.polling = buses.attach(settings.endpoint(), poller, settings.pollMs());
        } catch (RuntimeException e) {
            close(vehicleClaim, "giving the vehicle meter claim back");
            throw e;
        }
        this.registration = publish.publish(new PolledMeter(poller),
                serviceProperties(map, model.startupGraceMs()));
        LOG.info("Modbus meter {}: {} meter {} polled every {} ms", name, map.source(), settings.describe(),
                settings.pollMs());
    }

    private Dictionary<String, Object> serviceProperties(RegisterMap map, long graceMs) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Meter.ROLE, settings.role());
        props.put(Meter.SOURCE, map.source().name());
        props.put(MeterModel.NAME, map.model());
        props.put(Meter.STARTUP_GRACE_MS, graceMs);
        props.put("infinergi.meter.config", settings.name());
        return props;
    }

    private static AutoCloseable register(BundleContext context, Meter meter, Dictionary<String, Object> props) {
        ServiceRegistration<Meter> reg = context.registerService(Meter.class, meter, props);
        return () -> {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it
            }
        };
    }

    /** The Meter service: the poller's last good reading. */
    private record PolledMeter(MeterPoller poller) implements Meter {
        @Override
        public Optional<MeterReading> latest() {
            return poller.latest();
        }
    }

    /** The settings in use, the model's factory settings filled in, for tests. */
    MeterSettings settings() {
        return settings;
    }

    /** The meter's poller, for tests. */
    MeterPoller poller() {
        return poller;
    }

    @Deactivate
    void deactivate() {
        LOG.info("Modbus meter {}: withdrawn", settings.name());
        close(registration, "unregistering the meter");
        close(polling, "stopping the polling");
        close(vehicleClaim, "giving the vehicle meter claim back");
    }

    private void close(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Modbus meter {}: {} failed", settings.name(), what, e);
        }
    }
}
