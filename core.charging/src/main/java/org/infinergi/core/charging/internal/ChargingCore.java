package org.infinergi.core.charging.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotHardware;
import org.infinergi.core.charging.hal.PilotReading;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The charging core: every {@code loopPeriodMs} it freezes a snapshot of its inputs (pilot, contactor feedback,
 * vehicle meter, all limits, configuration), lets {@link ControlLogic} decide, drives the pilot hardware and
 * publishes the status. Sole writer of {@link PilotHardware}.
 *
 * <p>Configuration: its own PID plus {@code org.infinergi.installation}, {@code org.infinergi.charging} and
 * {@code org.infinergi.device}, each validated as a whole; an invalid PID is rejected (logged at ERROR and shown
 * as {@link ChargerStatus#configurationError()}) and its previous valid values stay in force.
 */
@Component(name = Pids.CORE, configurationPid = { Pids.CORE, Pids.INSTALLATION, Pids.CHARGING, Pids.DEVICE },
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = ChargerStatusService.class, immediate = true)
public final class ChargingCore implements ChargerStatusService {

    static final String END_CHARGER_STOPPED = "CHARGER_STOPPED";

    private final Logger log = LoggerFactory.getLogger(ChargingCore.class);
    private final PilotHardware pilot;
    private final SessionRecorder recorder;
    private final Clock clock;
    private final ControlLogic logic = new ControlLogic();
    private final List<LimitProvider> limitProviders = new CopyOnWriteArrayList<>();
    private final AtomicReference<Meter> vehicleMeter = new AtomicReference<>();

    private volatile ChargerSettings settings = ChargerSettings.DEFAULTS;
    private volatile String configurationError;
    private volatile ChargerStatus status;

    /** Guarded by {@code this}: only the control loop (or a test calling {@link #step()}) touches it. */
    private CoreState state = CoreState.INITIAL;
    private boolean failing;
    private boolean pilotUnreadable;

    /** Guarded by {@code this}. */
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> loop;
    private long loopPeriodMs;

    /** The DS constructor: system clock, and the control loop starts on its own thread. */
    @Activate
    public ChargingCore(@Reference PilotHardware pilot, @Reference SessionRecorder recorder,
            Map<String, Object> config) {
        this(pilot, recorder, Clock.systemUTC(), config);
        start();
    }

    /**
     * For tests: nothing runs until {@link #step()} is called (or {@link #start()}); {@code clock} gives each
     * cycle its time.
     */
    ChargingCore(PilotHardware pilot, SessionRecorder recorder, Clock clock, Map<String, ?> config) {
        this.pilot = pilot;
        this.recorder = recorder;
        this.clock = clock;
        applyConfiguration(config, true);
        status = statusOf(null, clock.instant());
    }

    @Modified
    void modified(Map<String, Object> config) {
        applyConfiguration(config, false);
        synchronized (this) {
            if (scheduler != null && loopPeriodMs != settings.core().loopPeriodMs()) {
                loop.cancel(false);
                schedule();
            }
        }
    }

    @Reference(name = "vehicleMeter", target = "(" + Meter.ROLE + "=VEHICLE)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetVehicleMeter")
    void setVehicleMeter(Meter meter) {
        vehicleMeter.set(meter);
    }

    void unsetVehicleMeter(Meter meter) {
        vehicleMeter.compareAndSet(meter, null);
    }

    @Reference(name = "limitProvider", service = LimitProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeLimitProvider")
    void addLimitProvider(LimitProvider provider) {
        limitProviders.add(provider);
    }

    void removeLimitProvider(LimitProvider provider) {
        limitProviders.remove(provider);
    }

    /** Starts the control loop on a named single thread. */
    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-charging-core");
            t.setDaemon(true);
            return t;
        });
        schedule();
    }

    private void schedule() {
        loopPeriodMs = settings.core().loopPeriodMs();
        loop = scheduler.scheduleAtFixedRate(this::cycle, 0, loopPeriodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the loop and drives the safe side: when the core itself stops, nothing controls the charge any more,
     * so the PWM offer is withdrawn and the contactor opened (CONVENTIONS §10). A session in progress is stored
     * with end reason {@value #END_CHARGER_STOPPED}.
     */
    @Deactivate
    void deactivate() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(2, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.shutdownNow();
            }
        }
        safeSide();
        synchronized (this) {
            Session session = state.session();
            if (session != null) {
                recorder.record(new SessionRecord(0, session.start(), clock.instant(), session.energyWh(),
                        session.peakPowerW(), session.mode(), END_CHARGER_STOPPED));
                state = new CoreState(state.state(), state.pilot(), DutyCycle.NO_OFFER, false, null,
                        session.energyWh(), null);
            }
        }
    }

    @Override
    public ChargerStatus status() {
        return status;
    }

    private void cycle() {
        try {
            step();
            if (failing) {
                failing = false;
                log.info("Control cycle works again");
            }
        } catch (RuntimeException | Error e) {
            safeSide();
            if (!failing) {
                failing = true;
                log.error("Control cycle failed; pilot and contactor driven to the safe side", e);
            }
        }
    }

    /** One control cycle: snapshot, decide, drive, publish. */
    synchronized void step() {
        Instant now = clock.instant();
        PilotReading reading = null;
        boolean feedback = false;
        try {
            reading = pilot.readPilot();
            feedback = pilot.contactorFeedback();
            pilotUnreadable = false;
        } catch (RuntimeException e) {
            if (!pilotUnreadable) {
                pilotUnreadable = true;
                log.warn("Pilot line unreadable: {}", e.toString());
            }
        }
        MeterReading meterReading = null;
        Meter meter = vehicleMeter.get();
        if (meter != null) {
            try {
                meterReading = meter.latest().orElse(null);
            } catch (RuntimeException e) {
                log.debug("Vehicle meter failed: {}", e.toString());
            }
        }
        List<Limit> limits = Limits.evaluate(new ArrayList<>(limitProviders));
        ControlDecision d = logic.decide(new ControlInput(now, reading, feedback, meterReading, limits, settings,
                state));
        drive(d.contactorClosed(), d.dutyCyclePct());
        state = d.next();
        status = statusOf(d, now);
        for (SessionEvent e : d.events()) {
            if (e.kind() == SessionEvent.Kind.ENDED) {
                log.info("Session ended: {}", e.record());
                recorder.record(e.record());
            } else {
                log.info("Session started at {} in mode {}", e.record().start(), e.record().mode());
            }
        }
    }

    /** Opening happens before the PWM changes, closing after it (the offer is on before the contactor closes). */
    private void drive(boolean contactor, double duty) {
        if (!contactor && pilot.contactorCommanded()) {
            pilot.setContactor(false);
        }
        if (Math.abs(pilot.dutyCycle() - duty) > 1e-9) {
            pilot.setDutyCycle(duty);
        }
        if (contactor && !pilot.contactorCommanded()) {
            pilot.setContactor(true);
        }
    }

    private void safeSide() {
        try {
            pilot.setContactor(false);
        } finally {
            pilot.setDutyCycle(DutyCycle.NO_OFFER);
        }
    }

    private ChargerStatus statusOf(ControlDecision d, Instant at) {
        ChargerSettings s = settings;
        if (d == null) {
            return new ChargerStatus(s.device().model(), ChargerState.INITIALISING, null, 0, DutyCycle.NO_OFFER,
                    false, null, s.charging().activeMode(), 0, 0, null, ControlLogic.DETAIL_INITIALISING, at,
                    configurationError);
        }
        // Display value: one decimal, as IEC 61851-1's table writes it (the hardware gets the exact value).
        double duty = Math.round(d.dutyCyclePct() * 10) / 10.0;
        return new ChargerStatus(s.device().model(), d.state(), d.pilot(), d.offeredCurrentA(), duty,
                d.contactorClosed(), d.limitedBy(), s.charging().activeMode(), d.powerW(), d.sessionEnergyWh(),
                d.error(), d.detail(), at, configurationError);
    }

    /** Validates each PID as a whole; a rejected PID keeps its previous valid values (safe defaults at first). */
    private void applyConfiguration(Map<String, ?> config, boolean first) {
        ChargerSettings prev = first ? ChargerSettings.DEFAULTS : settings;
        var installation = ConfigParser.installation(config, prev.installation());
        var charging = ConfigParser.charging(config, prev.charging());
        var device = ConfigParser.device(config, prev.device());
        var core = ConfigParser.core(config, prev.core());
        List<String> errors = new ArrayList<>();
        errors.addAll(installation.errors());
        errors.addAll(charging.errors());
        errors.addAll(device.errors());
        errors.addAll(core.errors());
        // One volatile write: a cycle sees the old settings or the new ones, never a mix.
        settings = new ChargerSettings(installation.value(), charging.value(), device.value(), core.value());
        if (errors.isEmpty()) {
            configurationError = null;
        } else {
            String message = String.join("; ", errors) + (first
                    ? " — the safe defaults apply to the rejected PID(s)"
                    : " — the previous valid configuration of the rejected PID(s) stays in force");
            configurationError = message;
            log.error("Configuration rejected: {}", message);
        }
    }
}
