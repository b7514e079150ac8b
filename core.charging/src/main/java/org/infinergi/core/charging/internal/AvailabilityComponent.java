package org.infinergi.core.charging.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * Holds PID {@code org.infinergi.availability} (key {@code outOfService}) for the core. A component of its own
 * for two reasons: Felix SCR 2.2.6 configures a multi-PID component only once every PID exists, and this PID
 * deliberately has no {@code etc/*.cfg} file — the core creates it through Config Admin, whose own store writes
 * it at once, so no file write-back can lag behind a restart. A factory reset deletes it (in service again).
 */
@Component(name = "org.infinergi.core.charging.availability", configurationPid = Pids.AVAILABILITY,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = AvailabilitySource.class)
public final class AvailabilityComponent implements AvailabilitySource {

    private volatile boolean outOfService;

    @Activate
    public AvailabilityComponent(Map<String, Object> config) {
        modified(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        Object v = config.get("outOfService");
        outOfService = v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString().trim());
    }

    @Override
    public boolean outOfService() {
        return outOfService;
    }
}
