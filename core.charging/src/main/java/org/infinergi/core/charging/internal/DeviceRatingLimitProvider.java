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

/** The model's rated current per phase (manual §2.6): 32 A for both the 7.4 kW and the 22 kW models. */
@Component(name = "org.infinergi.core.charging.limit.device", configurationPid = Pids.DEVICE,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DeviceConfig.class)
public final class DeviceRatingLimitProvider implements LimitProvider {

    static final String SOURCE = "device rating";
    private final Logger log = LoggerFactory.getLogger(DeviceRatingLimitProvider.class);
    private volatile DeviceSettings settings = DeviceSettings.DEFAULTS;

    @Activate
    public DeviceRatingLimitProvider(Map<String, Object> config) {
        modified(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        ConfigParser.Result<DeviceSettings> r = ConfigParser.device(config, settings);
        if (!r.accepted()) {
            log.debug("device rating keeps {} A: {}", settings.ratedCurrentA(), r.errors());
        }
        settings = r.value();
    }

    @Override
    public Limit currentLimit() {
        return new Limit(settings.ratedCurrentA(), SOURCE, "rated current of " + settings.model());
    }
}
