package org.infinergi.sim.internal;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.CheckedConfiguration;
import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;

/**
 * The one reader of PID {@value SimConfig#PID}. No {@code @Modified}: a changed configuration re-registers this
 * service, so the world and the simulated meters restart on it (as when each read the PID). A configuration with
 * an empty value is rejected as a whole (issue 15): the defaults apply and the rejection is listed in the status.
 */
@Component(name = "org.infinergi.sim.settings", configurationPid = SimConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {SimSettings.class, ConfigurationOwner.class})
@Designate(ocd = SimConfig.class)
public final class SimSettingsComponent implements SimSettings, ConfigurationOwner {

    private final CheckedConfiguration<SimConfig> checked;

    @Activate
    public SimSettingsComponent(Map<String, Object> properties) {
        checked = CheckedConfiguration.check(SimConfig.PID, properties, SimConfig.class, null,
                LoggerFactory.getLogger(SimSettingsComponent.class)::error);
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
