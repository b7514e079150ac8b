package org.infinergi.core.charging.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds PID {@code org.infinergi.availability} (key {@code outOfService}) for the core. A component of its own
 * for two reasons: Felix SCR 2.2.6 configures a multi-PID component only once every PID exists, and this PID
 * deliberately has no {@code etc/*.cfg} file — the core creates it through Config Admin, whose own store writes
 * it at once, so no file write-back can lag behind a restart. A factory reset deletes it (in service again).
 */
@Component(name = "org.infinergi.core.charging.availability", configurationPid = Pids.AVAILABILITY,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = AvailabilitySource.class)
public final class AvailabilityComponent implements AvailabilitySource {

    private final Logger log = LoggerFactory.getLogger(AvailabilityComponent.class);
    private volatile boolean outOfService;

    @Activate
    public AvailabilityComponent(Map<String, Object> config) {
        modified(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        ConfigParser.Result<Boolean> r = ConfigParser.outOfService(config, outOfService);
        if (!r.accepted()) {
            log.error("Configuration rejected: {}; keeping outOfService={}", String.join("; ", r.errors()),
                    outOfService);
        }
        outOfService = r.value();
    }

    @Override
    public boolean outOfService() {
        return outOfService;
    }
}
