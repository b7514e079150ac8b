package org.infinergi.core.charging.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the out-of-service choice and of PID {@code org.infinergi.availability} (key
 * {@code outOfService}). A request is in force at once in memory; the PID only carries it across a restart. The PID
 * deliberately has no {@code etc/*.cfg} file: Config Admin's own store writes it at once, so no file write-back can
 * lag behind a restart; a factory reset deletes it (in service again).
 *
 * <p>Config Admin hands this component's own writes back to it: a stored value equal to the last one this
 * component wrote is its own write coming back, not news; any other stored value was changed elsewhere (a factory
 * reset, an installer) and becomes the choice.
 */
@Component(name = "org.infinergi.core.charging.availability", configurationPid = Pids.AVAILABILITY,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = { Availability.class,
        ConfigurationOwner.class })
@Designate(ocd = AvailabilityConfig.class)
public final class AvailabilityComponent implements Availability, ConfigurationOwner {

    static final String KEY = "outOfService";

    private final Logger log = LoggerFactory.getLogger(AvailabilityComponent.class);

    /** Where the choice is kept across restarts; without it a request holds until the next restart. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configurationAdmin;

    private volatile boolean outOfService;
    private volatile List<ConfigurationRejection> rejections = List.of();
    /** The value last stored in (or read from) the PID; guarded by {@code this}. */
    private boolean stored;

    @Activate
    public AvailabilityComponent(Map<String, Object> config) {
        ConfigParser.Result<Boolean> r = ConfigParser.outOfService(config, false);
        reportRejection(r);
        stored = r.value();
        outOfService = r.value();
    }

    @Modified
    synchronized void modified(Map<String, Object> config) {
        ConfigParser.Result<Boolean> r = ConfigParser.outOfService(config, stored);
        reportRejection(r);
        if (r.value() != stored) {
            stored = r.value();
            outOfService = r.value();
        }
    }

    private void reportRejection(ConfigParser.Result<Boolean> r) {
        rejections = r.rejections();
        if (!r.accepted()) {
            log.error("Configuration rejected: {}; keeping outOfService={}", String.join("; ", r.errors()),
                    outOfService);
        }
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    @Override
    public boolean outOfService() {
        return outOfService;
    }

    @Override
    public String setOutOfService(boolean out) {
        synchronized (this) {
            outOfService = out;
            stored = out;
        }
        return persist(out);
    }

    /** Config Admin writes to disk: done by the caller's thread, never the control loop's. */
    private String persist(boolean out) {
        ConfigurationAdmin cm = configurationAdmin;
        if (cm == null) {
            return "not kept across a restart: no configuration service";
        }
        try {
            Configuration c = cm.getConfiguration(Pids.AVAILABILITY, "?");
            Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            props.put(KEY, out);
            c.updateIfDifferent(props);
            return null;
        } catch (IOException | RuntimeException e) {
            log.error("Out of service choice not stored: {}", e.toString());
            return "not kept across a restart: " + e.getMessage();
        }
    }
}
