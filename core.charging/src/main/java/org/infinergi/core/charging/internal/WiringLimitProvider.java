package org.infinergi.core.charging.internal;

import java.util.Map;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Wiring limit" (manual §7.1.1, §4.10): the device never charges beyond it. An invalid value is rejected and the
 * previous one stays (the core reports the rejection in the status).
 */
@Component(name = "org.infinergi.core.charging.limit.wiring", configurationPid = Pids.INSTALLATION,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = InstallationConfig.class)
public final class WiringLimitProvider implements LimitProvider {

    static final String SOURCE = "wiring limit";
    private final Logger log = LoggerFactory.getLogger(WiringLimitProvider.class);
    private volatile InstallationSettings settings = InstallationSettings.DEFAULTS;

    @Activate
    public WiringLimitProvider(Map<String, Object> config) {
        modified(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        ConfigParser.Result<InstallationSettings> r = ConfigParser.installation(config, settings);
        if (!r.accepted()) {
            log.debug("wiring limit keeps {} A: {}", settings.wiringLimitA(), r.errors());
        }
        settings = r.value();
    }

    @Override
    public Limit currentLimit() {
        return new Limit(settings.wiringLimitA(), SOURCE, "installation setting, manual §7.1.1");
    }
}
