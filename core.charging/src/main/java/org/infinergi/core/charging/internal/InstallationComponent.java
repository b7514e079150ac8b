package org.infinergi.core.charging.internal;

import java.util.Map;

import org.infinergi.core.charging.api.Installation;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one owner of PID {@code org.infinergi.installation} (manual §7.1.1, §4.10): the core, the wiring limit and
 * the panel get its values from here.
 */
@Component(name = "org.infinergi.core.charging.installation", configurationPid = Pids.INSTALLATION,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = { Installation.class, InstallationSource.class })
@Designate(ocd = InstallationConfig.class)
public final class InstallationComponent extends PidOwner<InstallationSettings>
        implements Installation, InstallationSource {

    @Activate
    public InstallationComponent(Map<String, Object> config) {
        super(ConfigParser::installation, InstallationSettings.DEFAULTS, config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        update(config);
    }

    @Override
    public boolean chargingEnabled() {
        return settings().chargingEnabled();
    }

    @Override
    public int wiringLimitA() {
        return settings().wiringLimitA();
    }

    @Override
    public boolean installationComplete() {
        return settings().installationComplete();
    }
}
