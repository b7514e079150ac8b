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

/** "Maximum charge rate" (manual §5.1, §5.1.1, §7.2.1): the user's limit below the installation's. */
@Component(name = "org.infinergi.core.charging.limit.usermax", configurationPid = Pids.CHARGING,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ChargingConfig.class)
public final class UserMaximumLimitProvider implements LimitProvider {

    static final String SOURCE = "maximum charge rate";
    private final Logger log = LoggerFactory.getLogger(UserMaximumLimitProvider.class);
    private volatile ChargingSettings settings = ChargingSettings.DEFAULTS;

    @Activate
    public UserMaximumLimitProvider(Map<String, Object> config) {
        modified(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        ConfigParser.Result<ChargingSettings> r = ConfigParser.charging(config, settings);
        if (!r.accepted()) {
            log.debug("maximum charge rate keeps {} A: {}", settings.maxChargeRateA(), r.errors());
        }
        settings = r.value();
    }

    @Override
    public Limit currentLimit() {
        return new Limit(settings.maxChargeRateA(), SOURCE, "user setting, manual §7.2.1");
    }
}
