package org.infinergi.feature.schedule.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.infinergi.core.charging.api.ChargerClock;
import org.infinergi.core.charging.api.ChargingModeService;
import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.Device;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.Installation;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.ReadingStatus;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.feature.green.api.GreenCharging;
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
 * The Programmed mode (manual §5.1.3, §5.1.5) in its own bundle: the {@link ChargingModeService} the core asks while
 * {@code activeMode = PROGRAMMED}, and the one owner of PID {@value ScheduleConfig#PID} (a rejected configuration is
 * listed in the status, {@link ConfigurationOwner}).
 *
 * <p>Checks against other PIDs (a limit above the wiring limit, a Green program without a grid meter) use the values
 * in force at that moment, which at start may not have been read yet: a schedule that fails only them waits
 * (rejected, listed, the previous one in force) and takes over as soon as they pass — at the next decision.
 */
@Component(name = ScheduleConfig.PID, configurationPid = ScheduleConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {ChargingModeService.class,
                ConfigurationOwner.class}, property = ChargingModeService.MODE + "=PROGRAMMED")
@Designate(ocd = ScheduleConfig.class)
public final class ScheduleComponent implements ChargingModeService, ConfigurationOwner {

    private final Logger log = LoggerFactory.getLogger(ScheduleComponent.class);
    private final ChargerClock clock;
    private final Installation installation;
    private final Device device;
    private final ElectricalReadings readings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile GreenCharging green;

    /** Guarded by {@code this}. */
    private ScheduleConfig config;
    private volatile Configured configured = new Configured(null, null, List.of());

    /**
     * @param inForce  the schedule that decides, null when none was ever valid (no program runs)
     * @param waiting  a schedule valid in itself that waits for the other PIDs to allow it, null when none
     * @param rejected why the last configuration was refused by its own values; empty when they were good
     */
    record Configured(Schedule inForce, Schedule waiting, List<ConfigurationRejection> rejected) {
    }

    @Activate
    public ScheduleComponent(@Reference ChargerClock clock, @Reference Installation installation,
            @Reference Device device, @Reference ElectricalReadings readings, Map<String, Object> properties) {
        this.clock = clock;
        this.installation = installation;
        this.device = device;
        this.readings = readings;
        modified(properties);
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        CheckedConfiguration<ScheduleConfig> checked = CheckedConfiguration.check(ScheduleConfig.PID, properties,
                ScheduleConfig.class, config);
        ScheduleParser.Result r = checked.accepted() ? ScheduleParser.parse(checked.config(), properties)
                : new ScheduleParser.Result(null, checked.rejections());
        Configured before = configured;
        if (r.schedule() == null) {
            log.error("Configuration rejected: {}{}", messages(r.rejections()), before.inForce() == null
                    ? " — no program runs until it is corrected" : " — the previous valid configuration stays in force");
            configured = new Configured(before.inForce(), null, r.rejections());
            return;
        }
        config = checked.config();
        List<ConfigurationRejection> cross = ScheduleParser.crossCheck(r.schedule(), site());
        if (cross.isEmpty()) {
            configured = new Configured(r.schedule(), null, List.of());
        } else {
            log.error("Configuration rejected: {} — {}; it applies once they are put right", messages(cross),
                    before.inForce() == null ? "no program runs" : "the previous valid configuration stays in force");
            configured = new Configured(before.inForce(), r.schedule(), List.of());
        }
    }

    @Override
    public ModeDecision decide() {
        Configured c = promoted();
        boolean set = clock.isSet();
        return ScheduleLogic.decide(c.inForce(), set, set ? clock.now().toLocalDateTime() : null, green,
                gridMeter());
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        Configured c = promoted();
        if (!c.rejected().isEmpty()) {
            return c.rejected();
        }
        Schedule s = c.waiting() != null ? c.waiting() : c.inForce();
        return s == null ? List.of() : ScheduleParser.crossCheck(s, site());
    }

    /** A waiting schedule takes over once the other PIDs allow it. */
    private Configured promoted() {
        Configured c = configured;
        if (c.waiting() == null || !ScheduleParser.crossCheck(c.waiting(), site()).isEmpty()) {
            return c;
        }
        synchronized (this) {
            if (configured == c) {
                log.info("Programmed mode: the configuration of {} now applies (the wiring limit and grid meter "
                        + "allow it)", ScheduleConfig.PID);
                configured = new Configured(c.waiting(), null, List.of());
            }
            return configured;
        }
    }

    private ScheduleParser.Site site() {
        return new ScheduleParser.Site(installation.wiringLimitA(), device.phases(), gridMeter());
    }

    private boolean gridMeter() {
        return readings.grid().status() != ReadingStatus.NOT_CONFIGURED;
    }

    private static String messages(List<ConfigurationRejection> r) {
        return r.stream().map(ConfigurationRejection::message).collect(Collectors.joining("; "));
    }
}
