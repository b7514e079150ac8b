package org.infinergi.core.charging.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.infinergi.core.charging.api.Authorization;
import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.ChargingModeService;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.hal.BoardSensors;
import org.infinergi.core.charging.hal.ConnectorLock;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.PanelBoard;
import org.infinergi.core.charging.hal.PilotHardware;
import org.infinergi.core.charging.hal.ProximityPilot;
import org.infinergi.core.charging.hal.ResidualCurrentDevice;
import org.infinergi.core.charging.internal.CoreState.ActiveError;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The charging core: the control loop and its wiring. Every {@code loopPeriodMs} it freezes its inputs
 * ({@link HalSampler}), lets {@link ControlLogic} decide, drives the hardware ({@link Actuator}) and publishes the
 * status ({@link StatusBuilder}); with no vehicle, no error and nothing changing it idles at a slower pace
 * ({@link Pacing}).
 *
 * <p>Configuration: its own PID only ({@link CoreConfig}); the installation, the user's charging settings and the
 * device come from the owners of their PIDs, read at every cycle. A rejected configuration of any of them is
 * shown as {@link ChargerStatus#configurationError()} while its previous valid values stay in force.
 */
@Component(name = Pids.CORE, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {
        ChargerStatusService.class, ChargerControl.class }, immediate = true)
@Designate(ocd = CoreConfig.class)
public final class ChargingCore implements ChargerStatusService, ChargerControl {

    static final String END_CHARGER_STOPPED = "CHARGER_STOPPED";

    private final Logger log = LoggerFactory.getLogger(ChargingCore.class);
    private final PilotHardware pilot;
    private final SessionRecorder recorder;
    private final Availability availability;
    private final InstallationSource installation;
    private final ChargingSource charging;
    private final DeviceSource device;
    /** The core's own PID, {@value Pids#CORE}. */
    private final PidOwner<CoreSettings> core;
    private final Clock clock;
    private final ControlLogic logic = new ControlLogic();
    private final HalSampler sampler;
    private final Actuator actuator;

    // Optional services, bound and unbound by SCR at any time: each is copied to a local once per cycle.
    // The supervision hardware is not on every model or in every test; what a model needs but misses stops
    // charging with an error (ControlLogic): RDC-DD → D6, board sensors → D3, proximity pilot → D3, lock → D5.

    /** The internal vehicle meter (manual §5.2.1.1), or any vehicle meter not declared MID. */
    @Reference(target = "(&(" + Meter.ROLE + "=VEHICLE)(!(" + Meter.SOURCE + "=MID)))",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Meter vehicleMeter;

    /** The MID vehicle meter (manual §4.7, §5.2.1.2): used instead of the internal one with vehicleMeter=MID. */
    @Reference(target = "(&(" + Meter.ROLE + "=VEHICLE)(" + Meter.SOURCE + "=MID))",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Meter midMeter;

    @Reference(target = "(" + Meter.ROLE + "=GRID)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Meter gridMeter;

    /** Manual §5.7: without the authentication feature (or in mode Free) no authentication is needed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Authorization authorization;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BoardSensors boardSensors;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ProximityPilot proximityPilot;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConnectorLock connectorLock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ResidualCurrentDevice residualCurrentDevice;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PanelBoard panelBoard;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ThermalThresholds thermalThresholds;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MeteringSettingsSource metering;

    /** Every reason to charge less; the core takes the minimum (ARCHITECTURE.md "Limits compose by minimum"). */
    @Reference(service = LimitProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.UPDATE)
    final List<LimitProvider> limitProviders = new CopyOnWriteArrayList<>();

    /** The charging modes in their own bundles (manual §5.1), each named by {@value ChargingModeService#MODE}. */
    private final ModeServices modes = new ModeServices();

    /** Where the core tells what happened (docs/events.md); optional: without it nobody is told. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    private volatile ChargerStatus status;

    /** Guarded by {@code this}: only the control loop (or a test calling {@link #step()}) touches it. */
    private CoreState state = CoreState.INITIAL;
    private boolean failing;
    /** A hardware command of the actuator is under way (a failure then is D3, not D8). Guarded by {@code this}. */
    private boolean driving;

    /** Guarded by {@code this}. */
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> loop;
    /** Only the loop started with this number schedules its next cycle (a restart of the loop starts a new one). */
    private long loopGeneration;
    /** When the next cycle is due, after the last one ({@link Pacing}). Guarded by {@code this}. */
    private long nextCycleMs;

    /** The DS constructor: system clock; the loop starts in {@link #activate()}, once every reference is bound. */
    @Activate
    public ChargingCore(@Reference PilotHardware pilot, @Reference SessionRecorder recorder,
            @Reference Availability availability, @Reference InstallationSource installation,
            @Reference ChargingSource charging, @Reference DeviceSource device, Map<String, Object> config) {
        this(pilot, recorder, availability, installation, charging, device, Clock.systemUTC(), config);
    }

    /**
     * For tests: nothing runs until {@link #step()} is called (or {@link #activate()}); {@code clock} gives each
     * cycle its time.
     */
    ChargingCore(PilotHardware pilot, SessionRecorder recorder, Availability availability,
            InstallationSource installation, ChargingSource charging, DeviceSource device, Clock clock,
            Map<String, ?> config) {
        this.pilot = pilot;
        this.recorder = recorder;
        this.availability = availability;
        this.installation = installation;
        this.charging = charging;
        this.device = device;
        this.clock = clock;
        this.sampler = new HalSampler(pilot);
        this.actuator = new Actuator(pilot);
        this.core = new PidOwner<>(ConfigParser::core, CoreSettings.DEFAULTS, config) {
        };
        // A restarted charger starts out of service if it was (manual: kept across restarts).
        state = state.withOutOfService(availability.outOfService());
        status = StatusBuilder.initialising(settings(), clock.instant(), configurationError());
    }

    /** A charging mode in its own bundle (manual §5.1), named by {@value ChargingModeService#MODE}. */
    @Reference(name = "modeService", service = ChargingModeService.class,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeModeService")
    void addModeService(ChargingModeService service, Map<String, Object> properties) {
        modes.add(service, properties);
    }

    void removeModeService(ChargingModeService service) {
        modes.remove(service);
    }

    /** All configuration the logic reads, as the owners hold it now. */
    private ChargerSettings settings() {
        return new ChargerSettings(installation.settings(), charging.settings(), device.settings(), core.settings());
    }

    /** Why a configuration was rejected, for each PID the core depends on; null when none was. */
    private String configurationError() {
        List<String> errors = new ArrayList<>();
        for (Owned<?> o : List.of(installation, charging, device, core)) {
            String rejection = o.rejection();
            if (rejection != null) {
                errors.add(rejection);
            }
        }
        MeteringSettingsSource m = metering;
        String meteringRejection = m == null ? null : m.rejection();
        if (meteringRejection != null) {
            errors.add(meteringRejection);
        }
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    /** Starts the control loop on a named single thread. */
    @Activate
    synchronized void activate() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-charging-core");
            t.setDaemon(true);
            return t;
        });
        restartLoop();
    }

    /** Runs the next cycle at once and the loop from there; a cycle already under way schedules nothing more. */
    private void restartLoop() {
        if (loop != null) {
            loop.cancel(false);
        }
        long generation = ++loopGeneration;
        loop = scheduler.schedule(() -> loop(generation), 0, TimeUnit.MILLISECONDS);
    }

    /** One cycle, then the next one scheduled {@link #nextCycleMs()} after this one started. */
    private void loop(long generation) {
        synchronized (this) {
            if (scheduler == null || generation != loopGeneration) {
                return;
            }
        }
        long started = System.nanoTime();
        step();
        synchronized (this) {
            if (scheduler == null || generation != loopGeneration) {
                return;
            }
            long delayNs = TimeUnit.MILLISECONDS.toNanos(nextCycleMs) - (System.nanoTime() - started);
            loop = scheduler.schedule(() -> loop(generation), Math.max(0, delayNs), TimeUnit.NANOSECONDS);
        }
    }

    /** When the last cycle wants the next one, in milliseconds after it ({@link Pacing}). */
    synchronized long nextCycleMs() {
        return nextCycleMs;
    }

    /**
     * A user's request is applied by the next cycle: while the loop idles, that cycle runs now rather than after
     * the idle period (the status shows the request at once, as at full pace).
     */
    private void hurry() {
        if (nextCycleMs > core.settings().loopPeriodMs()) {
            nextCycleMs = 0;
            if (scheduler != null) {
                restartLoop();
            }
        }
    }

    @Modified
    void modified(Map<String, Object> config) {
        long before = core.settings().loopPeriodMs();
        core.update(config);
        synchronized (this) {
            if (scheduler != null && before != core.settings().loopPeriodMs()) {
                restartLoop();
            }
        }
    }

    /**
     * Stops the loop and drives the safe side ({@link Actuator#stop}). A session in progress is stored with end
     * reason {@value #END_CHARGER_STOPPED}.
     */
    @Deactivate
    void deactivate() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
            // The next cycle is a delayed task, which a shut-down executor would still run.
            if (loop != null) {
                loop.cancel(false);
            }
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
        actuator.stop(residualCurrentDevice);
        synchronized (this) {
            Session session = state.session();
            if (session != null) {
                // An authorization given since the last cycle has not reached the session yet.
                SessionRecord ended = session.authorizedBy(state.access().authorizedBy())
                        .ended(clock.instant(), END_CHARGER_STOPPED);
                recorder.record(ended);
                CoreEvents.post(eventAdmin, CoreEvents.stopped(ended, state.access().authorizedBy()));
                state = state.safe(state.state(), DutyCycle.NO_OFFER, state.errors(), null, null,
                        session.energyWh());
            }
        }
    }

    @Override
    public ChargerStatus status() {
        return status;
    }

    /**
     * One control cycle as the loop runs it: sample, decide, drive, publish. Never throws: any exception drives
     * the hardware to the safe state (contactor open, pilot in state F) and raises D3 when a hardware command failed
     * or D8 when the decision itself failed (an unexpected state of the software); the next cycle runs as usual.
     */
    synchronized void step() {
        Instant now = clock.instant();
        ChargerStatus before = status;
        ControlDecision decision = null;
        try {
            decision = cycle(now);
            if (failing) {
                failing = false;
                log.info("Control cycle works again");
            }
        } catch (RuntimeException | Error e) {
            boolean hardware = driving;
            driving = false;
            if (!failing) {
                failing = true;
                log.error("Control cycle failed; pilot and contactor driven to the safe side", e);
            }
            fault(now, hardware ? ErrorCode.D3 : ErrorCode.D8,
                    (hardware ? "a hardware command failed: " : "the control cycle failed: ") + e);
        }
        afterCycle(before, status, decision);
        CoreEvents.post(eventAdmin, CoreEvents.statusChanged(before, status));
        nextCycleMs = Pacing.nextCycleMs(before, status, core.settings().loopPeriodMs());
    }

    /** The services bound now, copied once so the whole cycle uses the same ones. */
    private HalServices services() {
        MeteringSettingsSource m = metering;
        MeteringSettings ms = m == null ? MeteringSettings.DEFAULTS : m.meteringSettings();
        // Manual §5.2.1.2: once a MID meter is configured, its readings replace the internal ones in the statistics
        // (a silent one is D9, the internal meter is not a silent substitute); the protections keep the box's own
        // measurement.
        Meter internal = vehicleMeter;
        Meter vehicle = ms.vehicleMeter() == MeteringSettings.VehicleMeter.MID ? midMeter : internal;
        return new HalServices(internal, vehicle, gridMeter, boardSensors, proximityPilot, connectorLock,
                residualCurrentDevice, panelBoard);
    }

    private ControlDecision cycle(Instant now) {
        ChargerSettings settings = settings();
        HalServices hal = services();
        boolean oos = availability.outOfService();
        if (oos != state.outOfService()) {
            state = state.withOutOfService(oos);
        }
        HalSampler.Sample sample = sampler.sample(hal);
        MeteringSettingsSource m = metering;
        ThermalThresholds t = thermalThresholds;
        List<Limit> limits = Limits.evaluate(new ArrayList<>(limitProviders));
        ModeDecision mode = modes.ask(settings.charging().activeMode());
        ControlDecision d = logic.decide(new ControlInput(now, sample.pilot(), sample.contactorFeedback(),
                sample.internalMeter(), sample.vehicleMeter(), limits, mode, settings, state, sample.hal(),
                t == null ? ThermalSettings.DEFAULTS : t.thermalSettings(),
                m == null ? MeteringSettings.DEFAULTS : m.meteringSettings(), authRequired()));
        if (state.access().updating() != null && !state.access().updateEnding()
                && d.next().access().updating() == null) {
            log.warn("Firmware update '{}' did not report its end within {} ms: charging allowed again",
                    state.access().updating(), settings.core().updateTimeoutMs());
        }
        driving = true;
        // Tethered models have no socket lock: a lock service, if any, is left alone.
        actuator.drive(d, hal.rdc(), settings.device().tethered() ? null : hal.lock());
        driving = false;
        CoreEvents.post(eventAdmin, CoreEvents.of(state, d, now));
        state = d.next();
        status = StatusBuilder.of(d, settings, now, configurationError());
        return d;
    }

    /**
     * The one place after a cycle: the status before and after it and what the cycle decided (null when the cycle
     * failed and the fault path ran). Error and session events go to the history here.
     */
    private void afterCycle(ChargerStatus before, ChargerStatus after, ControlDecision d) {
        if (d == null) {
            return;
        }
        for (ErrorEvent e : d.errorEvents()) {
            history(e);
        }
        for (SessionEvent e : d.events()) {
            if (e.kind() == SessionEvent.Kind.ENDED) {
                log.info("Session ended: {}", e.record());
                recorder.record(e.record());
            } else {
                log.info("Session started at {} in mode {}", e.record().start(), e.record().mode());
            }
        }
    }

    /** A failing authentication service asks for authentication: never charge unauthenticated by accident. */
    private boolean authRequired() {
        Authorization a = authorization;
        if (a == null) {
            return false;
        }
        try {
            return a.required();
        } catch (RuntimeException e) {
            log.debug("Authorization service failed: {}", e.toString());
            return true;
        }
    }

    private void history(ErrorEvent e) {
        if (e.kind() == ErrorEvent.Kind.RAISED) {
            log.warn("Error {} {} raised: {}", e.code(), e.code().title(), e.detail());
            recorder.errorRaised(e.code(), e.at(), e.detail());
        } else {
            log.info("Error {} {} cleared", e.code(), e.code().title());
            recorder.errorCleared(e.code(), e.at());
        }
    }

    /**
     * After a failed cycle: the hardware to the safe side, the error raised in the state (and the history) so the
     * status shows it and the recovery knows it.
     */
    private void fault(Instant now, ErrorCode code, String detail) {
        actuator.fault(residualCurrentDevice);
        CoreEvents.post(eventAdmin, CoreEvents.fault(state, code, detail, now));
        ChargerSettings settings = settings();
        Map<ErrorCode, ActiveError> errors = new EnumMap<>(ErrorCode.class);
        errors.putAll(state.errors());
        if (!errors.containsKey(code)) {
            errors.put(code, new ActiveError(now, detail));
            history(new ErrorEvent(ErrorEvent.Kind.RAISED, code, now, detail));
        }
        Map<ErrorCode, String> causes = new EnumMap<>(ErrorCode.class);
        causes.putAll(state.causes());
        causes.put(code, detail);
        CoreState s = state.safe(ChargerState.ERROR, 0, errors, now.plusMillis(settings.core().faultHoldMs()),
                state.session(), state.lastSessionEnergyWh());
        // The pilot line shows the vehicle again only a few cycles after the state F driven here.
        state = s.change().errors(s.errors(), causes, s.pending(), s.faultHoldUntil())
                .times(s.startedAt() == null ? now : s.startedAt(), now.plusMillis(3 * settings.core().loopPeriodMs()))
                .build();
        status = StatusBuilder.fault(state, settings, now, configurationError());
    }

    // ---- ChargerControl: answered at once from the last cycle's state, applied by the next cycle ----

    @Override
    public synchronized Result pause() {
        return apply(ControlLogic.pause(state));
    }

    @Override
    public synchronized Result resume() {
        return apply(ControlLogic.resume(state));
    }

    @Override
    public synchronized Result attemptRecovery() {
        return apply(ControlLogic.recover(state));
    }

    /** The choice is made and kept by {@link Availability}; the state follows it at once. */
    @Override
    public Result setOutOfService(boolean outOfService) {
        // Outside the lock: keeping the choice writes to disk, the control loop must not wait for it.
        String problem = availability.setOutOfService(outOfService);
        Result r;
        synchronized (this) {
            r = apply(ControlLogic.outOfService(state, outOfService));
        }
        return problem == null ? r : new Result(r.accepted(), r.message() + " (" + problem + ")");
    }

    @Override
    public synchronized Result authorize(String idTag) {
        return apply(ControlLogic.authorize(state, idTag, clock.instant()));
    }

    @Override
    public synchronized Result beginUpdate(String what) {
        return apply(ControlLogic.beginUpdate(state, what, clock.instant()));
    }

    @Override
    public synchronized Result endUpdate() {
        return apply(ControlLogic.endUpdate(state));
    }

    private Result apply(ControlLogic.Outcome o) {
        state = o.next();
        hurry();
        log.info("Control request: {}", o.result().message());
        return o.result();
    }
}
