package org.infinergi.sim.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one reader of PID {@value SimConfig#PID}. No {@code @Modified}: a changed configuration re-registers this
 * service, so the world and the simulated meters restart on it (as when each read the PID).
 */
@Component(name = "org.infinergi.sim.settings", configurationPid = SimConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = SimSettings.class)
@Designate(ocd = SimConfig.class)
public final class SimSettingsComponent implements SimSettings {

    private final SimConfig config;

    @Activate
    public SimSettingsComponent(SimConfig config) {
        this.config = config;
    }

    @Override
    public SimConfig config() {
        return config;
    }
}
