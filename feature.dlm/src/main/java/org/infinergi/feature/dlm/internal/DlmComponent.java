package org.infinergi.feature.dlm.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.api.ReadingStatus;
import org.infinergi.core.config.CheckedConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic load management (manual §5.3) as one more reason to charge less: the core takes the minimum of every
 * {@link LimitProvider}, so DLM only ever lowers the current, in every mode (Green never exceeds it either). The
 * one owner of PID {@value DlmConfig#PID}; a rejected configuration is listed in the status ({@link
 * ConfigurationOwner}).
 *
 * <p>Each call of the core's control loop is one decision over the site's load without the charger (the grid reading
 * with the charger's draw <em>at its time</em> taken out, {@link ElectricalReadings#siteLoad()}) and the charger's own
 * meter for the phases the car uses, as the core gives them at that moment (memory reads, microseconds):
 * {@link DlmLogic#decide}.
 */
@Component(name = DlmConfig.PID, configurationPid = DlmConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {LimitProvider.class, ConfigurationOwner.class})
@Designate(ocd = DlmConfig.class)
public final class DlmComponent implements LimitProvider, ConfigurationOwner {

    private final Logger log = LoggerFactory.getLogger(DlmComponent.class);
    private final ElectricalReadings readings;
    private final Clock clock;
    private volatile Configured configured;
    /** Guarded by {@code this}: the control loop is the only caller, the lock only orders a rare second one. */
    private DlmState state = DlmState.INITIAL;
    private boolean gridWasFresh = true;

    @Activate
    public DlmComponent(@Reference ElectricalReadings readings, Map<String, Object> properties) {
        this(readings, Clock.systemUTC(), properties);
    }

    /** For tests: a clock they move. */
    DlmComponent(ElectricalReadings readings, Clock clock, Map<String, Object> properties) {
        this.readings = readings;
        this.clock = clock;
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configured = configure(properties, configured, log::error);
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return configured.rejections();
    }

    @Override
    public Limit currentLimit() {
        Configured c = configured;
        if (c.settings() == null) {
            return new Limit(0, DlmLogic.SOURCE, DlmLogic.NOT_AVAILABLE + ": configuration " + DlmConfig.PID
                    + " rejected and no valid one before it; paused on the safe side until it is corrected");
        }
        if (!c.settings().enabled()) {
            return off();
        }
        ElectricalReading site = readings.siteLoad();
        ElectricalReading charger = ownMeter(readings.all());
        synchronized (this) {
            DlmState prev = state;
            DlmLogic.Decision d = DlmLogic.decide(c.settings(), site, charger, prev, clock.instant());
            state = d.next();
            report(prev, d, site);
            trace(site, charger, d);
            return d.limit();
        }
    }

    /**
     * DLM off (no limit set): nothing to read or to report — the core asks at every cycle, and a grid meter going
     * stale must not be logged as a pause that does not happen.
     */
    private synchronized Limit off() {
        state = DlmState.INITIAL;
        gridWasFresh = true;
        return DlmLogic.OFF;
    }

    /** The vehicle meter the charger uses for its own draw (manual §5.2.1: the MID meter or the internal one). */
    static ElectricalReading ownMeter(List<ElectricalReading> all) {
        return all.stream().filter(r -> "VEHICLE".equals(r.role()) && r.inUse()).findFirst().orElse(null);
    }

    /**
     * Each decision at DEBUG with what it was made of, so a swing on a running charger can be read against the meters'
     * times: the site's load (grid reading's time, total and per-phase current) and the charger's own reading.
     */
    private void trace(ElectricalReading site, ElectricalReading charger, DlmLogic.Decision d) {
        if (!log.isDebugEnabled()) {
            return;
        }
        log.debug("DLM decision: site {} at {} {} W {} A; charger {} at {} {} A; limit {} A ({})", site.status(),
                site.at(), site.powerW() == null ? "-" : String.format(Locale.ROOT, "%.0f", site.powerW()),
                site.phases().stream().map(p -> String.format(Locale.ROOT, "%.2f", p.currentA())).toList(),
                charger == null ? "none" : charger.status(), charger == null ? "-" : charger.at(),
                charger == null ? "-" : charger.phases().stream()
                        .map(p -> String.format(Locale.ROOT, "%.2f", p.currentA())).toList(),
                String.format(Locale.ROOT, "%.2f", d.limit().amps()), d.limit().detail());
    }

    /** Pause and resume are what an installer looks for in the log; the grid meter's loss is worth a WARN. */
    private void report(DlmState prev, DlmLogic.Decision d, ElectricalReading grid) {
        boolean fresh = grid.fresh() || grid.status() == ReadingStatus.NOT_CONFIGURED;
        if (gridWasFresh && !fresh) {
            log.warn("DLM: grid reading {} ({}): charging paused on the safe side", grid.status(), grid.source());
        } else if (!gridWasFresh && fresh) {
            log.info("DLM: grid reading fresh again ({})", grid.source());
        }
        gridWasFresh = fresh;
        if (!prev.paused() && d.next().paused()) {
            log.info("DLM pauses the charge: {}", d.limit().detail());
        } else if (prev.paused() && !d.next().paused()) {
            log.info("DLM resumes the charge at {} A: {}", String.format(Locale.ROOT, "%.1f", d.limit().amps()),
                    d.limit().detail());
        }
    }

    /**
     * The configuration in force and why the last one was refused.
     *
     * @param config   the last valid configuration, null when none was ever valid
     * @param settings its values, null when there is none (DLM then pauses on the safe side)
     */
    record Configured(DlmConfig config, DlmSettings settings, List<ConfigurationRejection> rejections) {
    }

    /**
     * Checks {@code properties}: a value not of its key's type, an emptied key or a value out of range rejects the
     * whole configuration by PID, key and value; the previous valid one stays in force. With none before it (a
     * restart on a bad file), DLM pauses: an unreadable limit is no reason to charge without one.
     */
    static Configured configure(Map<String, ?> properties, Configured previous, Consumer<String> log) {
        DlmConfig before = previous == null ? null : previous.config();
        CheckedConfiguration<DlmConfig> checked = CheckedConfiguration.check(DlmConfig.PID, properties,
                DlmConfig.class, before);
        List<ConfigurationRejection> rejections = checked.accepted() ? DlmSettings.check(checked.config(), properties)
                : checked.rejections();
        if (rejections.isEmpty()) {
            return new Configured(checked.config(), DlmSettings.of(checked.config()), List.of());
        }
        log.accept("Configuration rejected: "
                + rejections.stream().map(ConfigurationRejection::message).collect(Collectors.joining("; "))
                + (before == null ? " — DLM pauses the charge on the safe side until it is corrected"
                        : " — the previous valid configuration stays in force"));
        return new Configured(before, before == null ? null : DlmSettings.of(before), rejections);
    }
}
