package org.infinergi.core.charging.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one owner of PID {@code org.infinergi.metering} (manual §5.2): the core asks it which meters must answer. */
@Component(name = "org.infinergi.core.charging.metering", configurationPid = Pids.METERING,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = MeteringSettingsSource.class)
@Designate(ocd = MeteringConfig.class)
public final class MeteringConfigComponent implements MeteringSettingsSource {

    private final Logger log = LoggerFactory.getLogger(MeteringConfigComponent.class);
    private volatile MeteringSettings settings = MeteringSettings.DEFAULTS;

    @Activate
    public MeteringConfigComponent(Map<String, Object> config) {
        modified(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        ConfigParser.Result<MeteringSettings> r = ConfigParser.metering(config, settings);
        if (!r.accepted()) {
            log.error("Configuration rejected: {}; keeping {}", String.join("; ", r.errors()), settings);
        }
        settings = r.value();
    }

    @Override
    public MeteringSettings meteringSettings() {
        return settings;
    }
}
