package org.infinergi.feature.green.internal;

import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.ChargingModeService;
import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.feature.green.api.BoostStatus;
import org.infinergi.feature.green.api.GreenCharging;
import org.infinergi.feature.green.api.GreenEvents;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Green mode (manual §5.1.2) with Boost (§5.5): the core asks it at every control cycle while {@code activeMode} is
 * GREEN ({@link ChargingModeService}); a Green program of the Programmed mode asks {@link #decide(int)} with its own
 * level; both share one state, since one car charges at a time. The one owner of PID {@value GreenConfig#PID}; a
 * rejected configuration is listed in the status ({@link ConfigurationOwner}).
 *
 * <p>Each decision reads the site's load without the charger (the grid reading with the charger's draw at its time
 * taken out, {@link ElectricalReadings#siteLoad()}) and the charger's own meter as the core gives them (memory reads,
 * microseconds) and is {@link GreenLogic#decide}. Boost ends by itself once its energy is delivered, when the charge
 * ends (Event Admin {@code session/STOPPED}) or when the mode is no longer Green ({@code STATUS_CHANGED}).
 */
@Component(name = GreenConfig.PID, configurationPid = GreenConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {ChargingModeService.class, GreenCharging.class, ConfigurationOwner.class, EventHandler.class},
        property = {ChargingModeService.MODE + "=GREEN", "event.topics=" + ChargerEvents.SESSION_STOPPED,
                "event.topics=" + ChargerEvents.STATUS_CHANGED})
@Designate(ocd = GreenConfig.class)
public final class GreenComponent implements ChargingModeService, GreenCharging, ConfigurationOwner, EventHandler {

    private final Logger log = LoggerFactory.getLogger(GreenComponent.class);
    private final ElectricalReadings readings;
    private final Clock clock;
    /** The phases the last car drew on, kept in the bundle's data area; guarded by {@code this}. */
    private final CarMemory carMemory;
    private volatile Configured configured;

    /** The active mode, read when Boost is asked for (manual §5.5: in Green mode only). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ChargerStatusService statusService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    /** Guarded by {@code this}: the control loop is the only frequent caller; the lock orders Boost's requests. */
    private GreenState state = GreenState.INITIAL;
    private BoostRun boost;
    private String boostEnded = "";

    /**
     * @param bundleContext for the bundle's data area only ({@code getDataFile}): the phases of the last car
     *                      ({@link CarMemory}) survive a restart
     */
    @Activate
    public GreenComponent(@Reference ElectricalReadings readings, Map<String, Object> properties,
            BundleContext bundleContext) {
        this(readings, Clock.systemUTC(), bundleContext::getDataFile, properties);
    }

    /** For tests: a clock they move, no data area (no car remembered across instances). */
    GreenComponent(ElectricalReadings readings, Clock clock, Map<String, Object> properties) {
        this(readings, clock, null, properties);
    }

    /**
     * For tests: a clock they move and a data area.
     *
     * @param dataArea the bundle's data area ({@code bundleContext::getDataFile}); null keeps nothing across instances
     */
    GreenComponent(ElectricalReadings readings, Clock clock, Function<String, File> dataArea,
            Map<String, Object> properties) {
        this.readings = readings;
        this.clock = clock;
        this.carMemory = new CarMemory(dataArea, log::warn);
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

    /** The Green mode: its own minimum green level. */
    @Override
    public ModeDecision decide() {
        GreenSettings s = configured.settings();
        return s == null ? rejectedConfiguration() : decide(s.minGreenLevelPct());
    }

    @Override
    public ModeDecision decide(int minGreenLevelPct) {
        GreenSettings s = configured.settings();
        if (s == null) {
            return rejectedConfiguration();
        }
        ElectricalReading site = readings.siteLoad();
        ElectricalReading charger = ownMeter(readings.all());
        Instant now = clock.instant();
        Event ended = null;
        ModeDecision out;
        synchronized (this) {
            GreenState prev = state;
            List<Integer> remembered = carMemory.phases();
            GreenLogic.Decision d = GreenLogic.decide(s, minGreenLevelPct, site, charger, remembered, prev, now);
            if (boost != null) {
                boost = boost.advance(charger, now);
                if (!boost.done()) {
                    // Full power regardless of the surplus (§5.5); Green counts as charging since Boost began, so
                    // it takes over without opening the contactor at once.
                    state = d.next().boosting(boost.since());
                    carMemory.remember(state.carPhases());
                    return new ModeDecision(true, boost.describe(), Double.POSITIVE_INFINITY,
                            Double.POSITIVE_INFINITY);
                }
                ended = endBoost("its energy was delivered", now);
                d = GreenLogic.decide(s, minGreenLevelPct, site, charger, remembered, state, now);
            }
            report(state, d);
            state = d.next();
            // The next plug-in (or restart) judges its car on this one's phases until it draws.
            carMemory.remember(state.carPhases());
            out = d.decision();
        }
        post(ended);
        return out;
    }

    @Override
    public synchronized BoostStatus boost() {
        if (boost != null) {
            return new BoostStatus(true, boost.deliveredWh(), boost.targetWh(), "");
        }
        GreenSettings s = configured.settings();
        return new BoostStatus(false, 0, s == null ? 0 : s.boostEnergyWh(), boostEnded);
    }

    @Override
    public BoostStatus startBoost() {
        String refusal = boostRefusal();
        GreenSettings s = configured.settings();
        if (refusal != null) {
            return new BoostStatus(false, 0, s == null ? 0 : s.boostEnergyWh(), "Boost refused: " + refusal);
        }
        Event started = null;
        BoostStatus out;
        synchronized (this) {
            if (boost == null) {
                Instant now = clock.instant();
                boost = BoostRun.start(s.boostEnergyWh(), ownMeter(readings.all()), now);
                boostEnded = "";
                started = boostEvent(GreenEvents.BOOST_STARTED, boost, null, now);
                log.info("Boost on: full power until {}", s.boostEnergyWh() > 0 ? s.boostEnergyWh()
                        + " Wh are delivered" : "the charge ends or Boost is switched off");
            }
            out = boost();
        }
        post(started);
        return out;
    }

    @Override
    public BoostStatus stopBoost() {
        Event ended;
        BoostStatus out;
        synchronized (this) {
            ended = boost == null ? null : endBoost("switched off", clock.instant());
            out = boost();
        }
        post(ended);
        return out;
    }

    /**
     * Boost ends with the charge (§5.5 "until the charge ends") and with the Green mode; the next session's car may
     * use other phases.
     */
    @Override
    public void handleEvent(Event event) {
        Event ended = null;
        synchronized (this) {
            if (ChargerEvents.SESSION_STOPPED.equals(event.getTopic())) {
                state = state.sessionEnded();
                if (boost != null) {
                    ended = endBoost("the charge ended", clock.instant());
                }
            } else if (ChargerEvents.STATUS_CHANGED.equals(event.getTopic()) && boost != null) {
                Object mode = event.getProperty(ChargerEvents.MODE);
                if (mode != null && !ChargingMode.GREEN.name().equals(mode)) {
                    ended = endBoost("the active mode is now " + mode, clock.instant());
                }
            }
        }
        post(ended);
    }

    /** Why Boost cannot start now, null when it can. */
    private String boostRefusal() {
        if (configured.settings() == null) {
            return "configuration " + GreenConfig.PID + " rejected";
        }
        ChargerStatusService status = statusService;
        if (status == null) {
            return "the charging core is not running";
        }
        ChargingMode mode = status.status().mode();
        if (mode != ChargingMode.GREEN) {
            return "Boost works in Green mode only (manual §5.5); the active mode is " + mode;
        }
        return null;
    }

    /** Guarded by {@code this}. */
    private Event endBoost(String why, Instant now) {
        BoostRun b = boost;
        boost = null;
        boostEnded = String.format(Locale.ROOT, "Boost ended: %s (%.1f kWh delivered)", why, b.deliveredWh() / 1000);
        log.info(boostEnded);
        return boostEvent(GreenEvents.BOOST_STOPPED, b, why, now);
    }

    static Event boostEvent(String topic, BoostRun b, String reason, Instant now) {
        Map<String, Object> p = new HashMap<>();
        p.put(GreenEvents.TARGET_WH, b.targetWh());
        if (reason != null) {
            p.put(GreenEvents.DELIVERED_WH, b.deliveredWh());
            p.put(ChargerEvents.REASON, reason);
        }
        p.put(ChargerEvents.TIMESTAMP, now.toEpochMilli());
        return new Event(topic, p);
    }

    /** Posted, not sent: the control loop does not wait for listeners; a failing Event Admin changes nothing. */
    private void post(Event event) {
        EventAdmin admin = eventAdmin;
        if (admin == null || event == null) {
            return;
        }
        try {
            admin.postEvent(event);
        } catch (RuntimeException e) {
            log.debug("Event {} not posted: {}", event.getTopic(), e.toString());
        }
    }

    private static ModeDecision rejectedConfiguration() {
        return GreenLogic.suspended(GreenLogic.NOT_AVAILABLE + ": configuration " + GreenConfig.PID
                + " rejected and no valid one before it; paused on the safe side until it is corrected");
    }

    /** Start and pause are what an owner looks for in the log. */
    private void report(GreenState prev, GreenLogic.Decision d) {
        if (!prev.on() && d.next().on()) {
            log.info("Green starts the charge: {}", d.decision().reason());
        } else if (prev.on() && !d.next().on()) {
            log.info("Green pauses the charge: {}", d.decision().reason());
        }
    }

    /** The vehicle meter the charger uses for its own draw (manual §5.2.1: the MID meter or the internal one). */
    static ElectricalReading ownMeter(List<ElectricalReading> all) {
        return all.stream().filter(r -> "VEHICLE".equals(r.role()) && r.inUse()).findFirst().orElse(null);
    }

    /**
     * The configuration in force and why the last one was refused.
     *
     * @param config   the last valid configuration, null when none was ever valid
     * @param settings its values, null when there is none (Green then pauses on the safe side)
     */
    record Configured(GreenConfig config, GreenSettings settings, List<ConfigurationRejection> rejections) {
    }

    /**
     * Checks {@code properties}: a value not of its key's type, an emptied key or a value out of range rejects the
     * whole configuration by PID, key and value; the previous valid one stays in force. With none before it (a
     * restart on a bad file), Green pauses: an unreadable level is no reason to charge from the grid.
     */
    static Configured configure(Map<String, ?> properties, Configured previous, Consumer<String> log) {
        GreenConfig before = previous == null ? null : previous.config();
        CheckedConfiguration<GreenConfig> checked = CheckedConfiguration.check(GreenConfig.PID, properties,
                GreenConfig.class, before);
        List<ConfigurationRejection> rejections = checked.accepted()
                ? GreenSettings.check(checked.config(), properties) : checked.rejections();
        if (rejections.isEmpty()) {
            return new Configured(checked.config(), GreenSettings.of(checked.config()), List.of());
        }
        log.accept("Configuration rejected: "
                + rejections.stream().map(ConfigurationRejection::message).collect(Collectors.joining("; "))
                + (before == null ? " — Green pauses the charge on the safe side until it is corrected"
                        : " — the previous valid configuration stays in force"));
        return new Configured(before, before == null ? null : GreenSettings.of(before), rejections);
    }
}
