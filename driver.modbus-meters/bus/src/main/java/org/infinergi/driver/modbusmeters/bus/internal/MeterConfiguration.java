package org.infinergi.driver.modbusmeters.bus.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each meter configuration (factory PID {@value ModbusMeterConfig#PID}) at once and binds it to its vendor's
 * model: it refuses, naming what is allowed, a model no installed vendor bundle carries and a second vehicle meter
 * (manual §4.7: one MID meter per charging station), and writes {@value ModelTarget#PROPERTY} =
 * {@code (infinergi.meter.model=<model>)} into the configuration, so SCR binds {@link ModbusMeterComponent}'s model
 * reference to that model only. The target lives in the configuration itself: no ordering at boot, nothing to
 * derive again when a vendor bundle is updated.
 */
@Component(immediate = true, service = {}, configurationPid = ModbusMeterConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class MeterConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MeterConfiguration.class);

    /** Writes a configuration's model target. */
    interface TargetWriter {
        void write(String pid, String target);
    }

    private final String name;
    private final AutoCloseable vehicleClaim;

    @Activate
    public MeterConfiguration(@Reference BusRegistry buses, @Reference ConfigurationAdmin configurations,
            Map<String, Object> properties, BundleContext context) {
        this(buses, ModbusMeterComponent.config(properties), properties, InstalledModels.of(context), (pid, target) -> write(configurations, pid, target));
    }

    /** @param installed the models the installed vendor bundles carry */
    MeterConfiguration(BusRegistry buses, ModbusMeterConfig config, Map<String, Object> properties,
            Set<String> installed, TargetWriter writer) {
        this.name = String.valueOf(properties.getOrDefault(Constants.SERVICE_PID, ModbusMeterConfig.PID));
        MeterSettings settings = MeterSettings.of(name, config, installed);
        this.vehicleClaim = "VEHICLE".equals(settings.role()) ? buses.claimVehicleMeter(name) : null;
        String target = ModelTarget.of(settings.model());
        if (!target.equals(properties.get(ModelTarget.PROPERTY))) {
            LOG.info("Modbus meter {}: model {} bound by {}={}", name, settings.model(), ModelTarget.PROPERTY, target);
            writer.write(name, target);
        }
    }

    private static void write(ConfigurationAdmin configurations, String pid, String target) {
        try {
            Configuration[] found = configurations.listConfigurations(
                    "(" + Constants.SERVICE_PID + "=" + ModelTarget.escape(pid) + ")");
            if (found == null) {
                return; // deleted meanwhile
            }
            Dictionary<String, Object> properties = found[0].getProperties();
            properties.put(ModelTarget.PROPERTY, target);
            found[0].updateIfDifferent(properties);
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            // the meter stays unbound (no Meter: D9 for a MID meter), never bound to another model
            LOG.error("Modbus meter {}: writing {} failed; the meter stays unbound", pid, ModelTarget.PROPERTY, e);
        }
    }

    @Deactivate
    void deactivate() {
        if (vehicleClaim != null) {
            try {
                vehicleClaim.close();
            } catch (Exception e) {
                LOG.warn("Modbus meter {}: giving the vehicle meter claim back failed", name, e);
            }
        }
    }
}
