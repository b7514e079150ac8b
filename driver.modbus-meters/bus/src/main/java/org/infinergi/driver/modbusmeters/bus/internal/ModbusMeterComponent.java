package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.felix.scr.component.ExtComponentContext;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
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
 * One configured Modbus meter (factory PID {@value ModbusMeterConfig#PID}), a {@link Meter} service registered by
 * SCR while the vendor's {@link MeterModel} of its {@code model} is bound: the reference {@value ModelTarget#REFERENCE}
 * takes its target from the configuration ({@value ModelTarget#PROPERTY}, written by {@link MeterConfiguration});
 * without it the default target matches nothing. Without its model there is no Meter service, which the core treats
 * like a silent meter; the model coming back (a vendor bundle updated) activates the meter again.
 *
 * <p>The service properties that come from the model ({@value Meter#SOURCE}, {@value Meter#STARTUP_GRACE_MS}) are set
 * with the role in activation through Felix SCR's {@link ExtComponentContext}: until then the Meter carries neither
 * role nor source, so no reference of the core matches it half described.
 */
@Component(immediate = true, service = Meter.class, configurationPid = ModbusMeterConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ModbusMeterConfig.class, factory = true)
public final class ModbusMeterComponent implements Meter {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusMeterComponent.class);
    private static final String VEHICLE = "VEHICLE";

    private final MeterSettings settings;
    private final AutoCloseable vehicleClaim;
    private final MeterPoller poller;
    private final AutoCloseable polling;

    @Activate
    public ModbusMeterComponent(@Reference BusRegistry buses,
            @Reference(name = ModelTarget.REFERENCE, target = ModelTarget.NONE) MeterModel model,
            @Reference ConfigurationAdmin configurations, ModbusMeterConfig config, Map<String, Object> properties,
            ComponentContext context) {
        this(buses, model, config, properties, configuredKeys(configurations, properties), publisher(context),
                Clock.systemUTC());
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
            Set<String> configured, Consumer<Dictionary<String, Object>> publish, Clock clock) {
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
        publish.accept(serviceProperties(properties, map, model.startupGraceMs()));
        LOG.info("Modbus meter {}: {} meter {} polled every {} ms", name, map.source(), settings.describe(),
                settings.pollMs());
    }

    private Dictionary<String, Object> serviceProperties(Map<String, Object> properties, RegisterMap map, long graceMs) {
        Hashtable<String, Object> props = new Hashtable<>();
        properties.forEach((k, v) -> {
            if (!k.startsWith(".")) { // DS: private properties are no service properties
                props.put(k, v);
            }
        });
        props.put(Meter.ROLE, settings.role());
        props.put(Meter.SOURCE, map.source().name());
        props.put(MeterModel.NAME, map.model());
        props.put(Meter.STARTUP_GRACE_MS, graceMs);
        props.put("infinergi.meter.config", settings.name());
        return props;
    }

    private static Consumer<Dictionary<String, Object>> publisher(ComponentContext context) {
        if (!(context instanceof ExtComponentContext ext)) {
            throw new IllegalStateException("Modbus meters need Felix SCR (ExtComponentContext) to publish their "
                    + "source; meter not published");
        }
        return ext::setServiceProperties;
    }

    @Override
    public Optional<MeterReading> latest() {
        return poller.latest();
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
