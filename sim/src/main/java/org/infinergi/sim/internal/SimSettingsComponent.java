package org.infinergi.sim.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.core.config.LastValidConfiguration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;

/**
 * The one reader of PID {@value SimConfig#PID}. No {@code @Modified}: a changed configuration re-registers this
 * service, so the world and the simulated meters restart on it (as when each read the PID). A configuration with
 * an empty value or a value not of its key's type is rejected as a whole and listed in the status (issue 15): the
 * last valid configuration, kept in this bundle's data area across the re-creation ({@link LastValidConfiguration}),
 * stays in force; the defaults only when none was ever applied.
 */
@Component(name = "org.infinergi.sim.settings", configurationPid = SimConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {SimSettings.class, ConfigurationOwner.class})
@Designate(ocd = SimConfig.class)
public final class SimSettingsComponent implements SimSettings, ConfigurationOwner {

    private final CheckedConfiguration<SimConfig> checked;

    @Activate
    public SimSettingsComponent(Map<String, Object> properties, BundleContext bundleContext) {
        Consumer<String> log = LoggerFactory.getLogger(SimSettingsComponent.class)::error;
        LastValidConfiguration<SimConfig> lastValid = new LastValidConfiguration<>(SimConfig.PID, SimConfig.class,
                bundleContext::getDataFile);
        checked = lastValid.check(properties, log);
        lastValid.keep(checked, log);
    }

    @Override
    public SimConfig config() {
        return checked.config();
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return checked.rejections();
    }
}
