package org.infinergi.core.charging.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.hal.BoardSensors;
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
 * Thermal derating (manual §5.6): between the warning and the critical threshold the offer falls proportionally
 * from {@value #FULL_A} A (the highest rating of any model, manual §2.6) to 6 A (the IEC 61851-1 minimum);
 * at or above the critical threshold 0 A (the core stops with D7). An unreadable temperature gives 0 A (the
 * LimitProvider contract: a provider that cannot tell answers 0 A). Without a board sensors service there is
 * nothing to derate on: no limit here (the core's {@code requireBoardSensors} decides whether charging may go on).
 */
@Component(name = "org.infinergi.core.charging.limit.thermal", configurationPid = Pids.THERMAL,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = { LimitProvider.class, ThermalThresholds.class,
                ConfigurationOwner.class })
@Designate(ocd = ThermalConfig.class)
public final class ThermalLimitProvider implements LimitProvider, ThermalThresholds, ConfigurationOwner {

    static final String SOURCE = "thermal derating";
    static final double FULL_A = 32.0;
    private final Logger log = LoggerFactory.getLogger(ThermalLimitProvider.class);
    private final AtomicReference<BoardSensors> sensors = new AtomicReference<>();
    private volatile ThermalSettings settings = ThermalSettings.DEFAULTS;
    private volatile List<ConfigurationRejection> rejections = List.of();
    /** The last temperature read, the thresholds then and its limit. */
    private volatile Reading last;

    @Activate
    public ThermalLimitProvider(Map<String, Object> config) {
        modified(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        ConfigParser.Result<ThermalSettings> r = ConfigParser.thermal(config, settings);
        if (!r.accepted()) {
            log.error("Configuration rejected: {}; keeping {}", String.join("; ", r.errors()), settings);
        }
        settings = r.value();
        rejections = r.rejections();
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    @Reference(name = "boardSensors", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetBoardSensors")
    void setBoardSensors(BoardSensors s) {
        sensors.set(s);
    }

    void unsetBoardSensors(BoardSensors s) {
        sensors.compareAndSet(s, null);
    }

    @Override
    public ThermalSettings thermalSettings() {
        return settings;
    }

    @Override
    public Limit currentLimit() {
        BoardSensors s = sensors.get();
        if (s == null) {
            return new Limit(DutyCycle.MAX_CURRENT_A, SOURCE, "no temperature sensor");
        }
        double celsius = s.temperatureC();
        ThermalSettings t = settings;
        // The same temperature as at the last cycle (the ADC's counts did not move): the same limit, not a new text.
        Reading r = last;
        if (r != null && Double.compare(r.celsius(), celsius) == 0 && r.settings().equals(t)) {
            return r.limit();
        }
        Limit limit = limitAt(celsius, t);
        last = new Reading(celsius, t, limit);
        return limit;
    }

    private record Reading(double celsius, ThermalSettings settings, Limit limit) {
    }

    /** The derating curve, a pure function of the temperature. */
    static Limit limitAt(double celsius, ThermalSettings t) {
        if (Double.isNaN(celsius)) {
            return new Limit(0, SOURCE, "temperature unreadable");
        }
        String at = String.format(Locale.ROOT, "%.1f °C", celsius);
        if (celsius <= t.warningC()) {
            return new Limit(DutyCycle.MAX_CURRENT_A, SOURCE, at + ", below the warning threshold");
        }
        if (celsius >= t.criticalC()) {
            return new Limit(0, SOURCE, at + ", at or above the critical threshold (manual §5.6)");
        }
        double share = (t.criticalC() - celsius) / (t.criticalC() - t.warningC());
        double amps = DutyCycle.MIN_CURRENT_A + (FULL_A - DutyCycle.MIN_CURRENT_A) * share;
        return new Limit(amps, SOURCE, at + ", above the warning threshold (manual §5.6)");
    }
}
