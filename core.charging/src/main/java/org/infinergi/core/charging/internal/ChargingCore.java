package org.infinergi.core.charging.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.hal.BoardSensors;
import org.infinergi.core.charging.hal.CardReader;
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

    /**
     * How often the session in progress is kept in the store (README, docs/durability.md): a power loss loses at
     * most what was measured in this period (at 22 kW about 61 Wh), while the flash sees one small write per period.
     */
    static final long PERSIST_PERIOD_MS = 10_000;

    /**
     * How long a start holds the charger (nothing offered, no session begun) at most while the store has not said
     * which session the previous start left in progress: a session begun before the answer would split a charge
     * that goes on into two, or have its own kept row deleted when the interrupted one is stored. A store that
     * never answers must not keep everybody from charging: after this the charger works, and a late answer is still
     * stored as ended.
     */
    static final long STORE_ANSWER_WAIT_MS = 30_000;

    /** Status detail while a start waits for the store's answer. */
    static final String DETAIL_AWAITING_HISTORY = "waiting for the session history";

    /** Why the error episodes still open at a start are closed (the firmware's previous run raised them). */
    static final String CLOSED_AT_RESTART = "closed at restart: the firmware stopped while it was active; "
            + "raised again if its cause is still there";

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
    // charging with an error (ControlLogic): RDC-DD → D6, board sensors → D3, proximity pilot → D3, lock → D5;
    // a bound RFID reader that stops answering → D3.

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

    /** The MID vehicle meter's service properties: its start-up grace (manual §9.1 note 5). */
    @Reference(service = Meter.class, target = "(&(" + Meter.ROLE + "=VEHICLE)(" + Meter.SOURCE + "=MID))",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Map<String, Object> midMeterProperties;

    /**
     * The CT remote device (radio, manual §4.6, D2): the one grid meter whose silence is an error of the charger.
     * The grid reading features use comes from {@link ElectricalReadingsComponent}, whichever meter is selected.
     */
    @Reference(target = "(&(" + Meter.ROLE + "=GRID)(" + Meter.SOURCE + "=CT_REMOTE))",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Meter gridMeter;

    /**
     * The grid reading of whichever grid meter {@code org.infinergi.metering gridMeter} selects (§5.2.2), for the
     * green share of each session (manual §9.2). Optional: without it no energy counts as green.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ElectricalReadings readings;

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

    /** The RFID reader on models that have one (manual §2.3.1): silent → D3. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CardReader cardReader;

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

    /** The owners of configuration PIDs outside the core, each listing its rejected configuration (issue 15). */
    @Reference(service = ConfigurationOwner.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.UPDATE)
    final List<ConfigurationOwner> configurationOwners = new CopyOnWriteArrayList<>();

    /** The charging modes in their own bundles (manual §5.1), each named by {@value ChargingModeService#MODE}. */
    private final ModeServices modes = new ModeServices();

    /** Where the core tells what happened (docs/events.md); optional: without it nobody is told. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    private volatile ChargerStatus status;

    /** Guarded by {@code this}: only the control loop uses it. */
    private final DepartedLimits departedLimits = new DepartedLimits();

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

    /** The first cycle asked the store what the previous start left open. Guarded by {@code this}. */
    private boolean restored;
    /** The store's answer to "which session was in progress before this start", until it has come. */
    private CompletableFuture<RunningSession> leftFuture;
    /** When this start asked the store for that answer. Guarded by {@code this}. */
    private Instant askedStoreAt;
    /** The session the previous start left in progress, until the pilot shows whether the vehicle is still there. */
    private RunningSession left;
    /** When the session in progress was last kept in the store, or null. Guarded by {@code this}. */
    private Instant keptAt;
    /** An unlock of the socket lock awaiting the lock's feedback ({@link #unlockConnector()}), or null. */
    private PendingUnlock unlock;

    /** An unlock asked at {@code since}: answered when the lock shows released, D5 is raised, or it takes too long. */
    private record PendingUnlock(CompletableFuture<Result> answer, Instant since) {
    }

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
        status = StatusBuilder.initialising(settings(), clock.instant(), configurationError(),
                ControlLogic.DETAIL_INITIALISING);
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

    /**
     * Every rejected configuration (issue 15: one place lists them): the PIDs the core depends on, then those of
     * every other owner on the whiteboard ({@link ConfigurationOwner}: authentication, thermal, availability …).
     */
    private StatusBuilder.Rejected configurationError() {
        List<String> texts = new ArrayList<>();
        List<ConfigurationRejection> all = new ArrayList<>();
        for (Owned<?> o : List.of(installation, charging, device, core)) {
            add(texts, all, o.rejection(), o.rejections());
        }
        MeteringSettingsSource m = metering;
        if (m != null) {
            add(texts, all, m.rejection(), m.rejections());
        }
        for (ConfigurationOwner o : configurationOwners) {
            List<ConfigurationRejection> r = rejectionsOf(o);
            add(texts, all, r.isEmpty() ? null
                    : String.join("; ", r.stream().map(ConfigurationRejection::message).toList()), r);
        }
        return new StatusBuilder.Rejected(texts.isEmpty() ? null : String.join("; ", texts), all);
    }

    private static void add(List<String> texts, List<ConfigurationRejection> all, String text,
            List<ConfigurationRejection> rejections) {
        if (text != null) {
            texts.add(text);
        }
        all.addAll(rejections);
    }

    /** A broken owner costs its own entry, never the control loop's cycle. */
    private List<ConfigurationRejection> rejectionsOf(ConfigurationOwner o) {
        try {
            List<ConfigurationRejection> r = o.rejections();
            return r == null ? List.of() : r;
        } catch (RuntimeException e) {
            log.debug("Configuration owner {} did not answer: {}", o, e.toString());
            return List.of();
        }
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
        stopLoop();
        synchronized (this) {
            if (unlock != null) {
                unlock.answer().complete(new Result(false, "unlock failed: the charging core stopped"));
                unlock = null;
            }
        }
        actuator.stop(residualCurrentDevice);
        keepOrEndSession();
    }

    /** Cancels the next cycle and waits (bounded) for a running one to finish. */
    private void stopLoop() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
            // The next cycle is a delayed task, which a shut-down executor would still run.
            if (loop != null) {
                loop.cancel(false);
            }
        }
        if (s == null) {
            return;
        }
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

    /**
     * The session in progress is kept for the next start (a bundle update under a charge is one session), or, when
     * the store cannot keep it, stored as ended by the charger stop.
     */
    private synchronized void keepOrEndSession() {
        Session session = state.session();
        if (session == null) {
            return;
        }
        // An authorization given since the last cycle has not reached the session yet.
        session = session.authorizedBy(state.access().authorizedBy());
        Instant now = clock.instant();
        if (recorder.suspend(new RunningSession(session, now, true))) {
            log.info("Session in progress kept for the next start of the core");
            return;
        }
        recordEnded(session.ended(now, END_CHARGER_STOPPED));
        state = state.safe(state.state(), DutyCycle.NO_OFFER, state.errors(), null, null, session.energyWh());
    }

    /** Stores a finished session; its end is told (Event Admin) only once the store holds it durably. */
    private void recordEnded(SessionRecord ended) {
        recorder.record(ended, stored -> CoreEvents.post(eventAdmin, CoreEvents.stopped(stored, stored.idTag())));
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
                residualCurrentDevice, panelBoard, cardReader, vehicle == midMeter ? startupGraceMs(midMeterProperties) : 0);
    }

    /**
     * The site's load without the charger at the grid reading's time ({@code siteLoad()}), frozen for the cycle (manual §9.2: the green share of the
     * session's energy); null when the readings service is not there or fails, which counts as grid energy.
     */
    private ElectricalReading gridReading() {
        ElectricalReadings r = readings;
        if (r == null) {
            return null;
        }
        try {
            return r.siteLoad();
        } catch (RuntimeException e) {
            log.debug("Grid reading failed: {}", e.toString());
            return null;
        }
    }

    private static long startupGraceMs(Map<String, Object> properties) {
        Object grace = properties == null ? null : properties.get(Meter.STARTUP_GRACE_MS);
        return grace instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }

    private ControlDecision cycle(Instant now) {
        if (!restored) {
            restored = true;
            restoreFromStore(now);
        }
        takeLeftRunning();
        if (awaitingStore(now)) {
            return null;
        }
        ChargerSettings settings = settings();
        HalServices hal = services();
        boolean oos = availability.outOfService();
        if (oos != state.outOfService()) {
            state = state.withOutOfService(oos);
        }
        HalSampler.Sample sample = sampler.sample(hal);
        answerUnlock(sample.hal(), now, settings.core());
        List<Limit> limits = departedLimits.evaluate(new ArrayList<>(limitProviders), now);
        ModeDecision mode = modes.ask(settings.charging().activeMode());
        ControlDecision d = resumeOrEnd(logic.decide(input(now, settings, sample, limits, mode)));
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
        status = StatusBuilder.of(d, settings, now, configurationError(), mode == null ? null : mode.program());
        return d;
    }

    /** The cycle's frozen input: the HAL sample, the limits, the mode's answer, the settings and the state. */
    private ControlInput input(Instant now, ChargerSettings settings, HalSampler.Sample sample, List<Limit> limits,
            ModeDecision mode) {
        MeteringSettingsSource m = metering;
        ThermalThresholds t = thermalThresholds;
        return new ControlInput(now, sample.pilot(), sample.contactorFeedback(), sample.internalMeter(),
                sample.vehicleMeter(), limits, mode, settings, state, sample.hal(),
                t == null ? ThermalSettings.DEFAULTS : t.thermalSettings(),
                m == null ? MeteringSettings.DEFAULTS : m.meteringSettings(), authRequired(settings.device()),
                authorization == null && settings.device().rfidReader(), gridReading());
    }

    /**
     * First cycle: error episodes the previous run left open are closed (the control logic raises again what is
     * still there), and the store is asked which session the previous start left in progress. Returns at once: the
     * cycles hold until the answer has come ({@link #awaitingStore}).
     */
    private void restoreFromStore(Instant now) {
        recorder.closeOpenErrors(now, CLOSED_AT_RESTART);
        leftFuture = recorder.leftRunning();
        askedStoreAt = now;
    }

    /**
     * True while the store has not answered and {@link #STORE_ANSWER_WAIT_MS} is not over: the cycle then decides
     * nothing. The hardware stays as a start leaves it (the pilot driver starts in state F, a stopping core drove
     * the safe side), the status says what the charger waits for.
     */
    private boolean awaitingStore(Instant now) {
        if (leftFuture == null || askedStoreAt == null) {
            return false;
        }
        if (Debounce.ms(askedStoreAt, now) < STORE_ANSWER_WAIT_MS) {
            status = StatusBuilder.initialising(settings(), now, configurationError(), DETAIL_AWAITING_HISTORY);
            return true;
        }
        askedStoreAt = null;
        log.warn("The store has not said within {} ms which session was in progress before this start: charging is "
                + "allowed; that session is stored as ended when the answer comes", STORE_ANSWER_WAIT_MS);
        return false;
    }

    /** The store's answer about the session the previous start left, once it has come. */
    private void takeLeftRunning() {
        CompletableFuture<RunningSession> f = leftFuture;
        if (f == null || !f.isDone()) {
            return;
        }
        leftFuture = null;
        try {
            left = f.getNow(null);
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            log.error("The session in progress before this start could not be read: {}", e.toString());
        }
        if (left != null) {
            log.info("Session in progress before this start: {} (kept at {}{})", left.session(), left.savedAt(),
                    left.stopped() ? ", core stopped" : ", power lost");
        }
    }

    /**
     * Once the pilot shows the vehicle for the first time since the start: a vehicle still connected continues the
     * session the previous start left (one session across a bundle update, no new start); otherwise that session
     * is stored with what was measured until the stop (end reason CHARGER_STOPPED, or POWER_LOSS).
     */
    private ControlDecision resumeOrEnd(ControlDecision d) {
        RunningSession l = left;
        CoreState next = d.next();
        if (l == null || next.pilot() == null) {
            return d;
        }
        left = null;
        boolean started = d.events().stream().anyMatch(e -> e.kind() == SessionEvent.Kind.STARTED);
        if (!started || next.session() == null || !PilotView.connected(next.pilot())) {
            recordEnded(l.ended());
            return d;
        }
        Session fresh = next.session();
        Session was = l.session();
        // The vehicle meter may have started again from zero (the internal meter lives in the pilot driver): the
        // baseline moves so that the energy goes on from what was measured before the stop.
        double base = Double.isNaN(fresh.startEnergyWh()) ? Double.NaN : fresh.startEnergyWh() - was.energyWh();
        Session resumed = new Session(was.start(), was.mode(), base, was.energyWh(), was.peakPowerW(),
                was.hasCharged(), was.idTag(), was.greenEnergyWh()).authorizedBy(fresh.idTag());
        log.info("Session resumed: the vehicle stayed connected ({})", resumed);
        List<SessionEvent> events = d.events().stream().filter(e -> e.kind() != SessionEvent.Kind.STARTED)
                .toList();
        CoreState n = next.change().session(resumed, next.lastSessionEnergyWh()).build();
        return new ControlDecision(d.dutyCyclePct(), d.contactorClosed(), d.offeredCurrentA(), d.state(), d.pilot(),
                d.detail(), d.limitedBy(), d.error(), d.powerW(), resumed.energyWh(), events, n, d.activeErrors(),
                d.errorEvents(), d.rdcTestCurrent(), d.lockCommand());
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
                recordEnded(e.record());
                keptAt = null;
            } else {
                log.info("Session started at {} in mode {}", e.record().start(), e.record().mode());
            }
        }
        keepRunning(d.next().session(), after == null ? null : after.at());
    }

    /** Every {@link #PERSIST_PERIOD_MS} (and at its start) the session in progress is kept in the store. */
    private void keepRunning(Session session, Instant now) {
        if (session == null || now == null) {
            return;
        }
        if (keptAt == null || Debounce.ms(keptAt, now) >= PERSIST_PERIOD_MS) {
            recorder.keepRunning(new RunningSession(session, now, false));
            keptAt = now;
        }
    }

    /**
     * A failing authentication service asks for authentication: never charge unauthenticated by accident. On a
     * model with the RFID reader (manual §2.6) authentication may be configured (§5.7): until its service is bound
     * (e.g. the seconds after a start) nobody knows it is not, so a vehicle waits.
     */
    private boolean authRequired(DeviceSettings device) {
        Authorization a = authorization;
        if (a == null) {
            return device.rfidReader();
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

    @Override
    public synchronized Result endCharge(String reason) {
        return apply(ControlLogic.endCharge(state, reason));
    }

    /**
     * Untethered models (manual §2.6 "U"): the charge is ended, and the lock, engaged only while the contactor may
     * be closed ({@link Sequencer#lockCommand}), is released by the cycles that follow; the answer waits for its
     * position switch ({@link #answerUnlock}).
     */
    @Override
    public synchronized java.util.concurrent.CompletionStage<Result> unlockConnector() {
        if (settings().device().tethered()) {
            return CompletableFuture.completedFuture(new Result(false,
                    "unlock refused: the cable is fixed to the charger (tethered model), there is no socket lock"));
        }
        if (connectorLock == null) {
            return CompletableFuture.completedFuture(new Result(false, "unlock refused: no connector lock available"));
        }
        if (PilotView.connected(state.pilot()) || state.session() != null) {
            apply(ControlLogic.endCharge(state, "connector unlocked"));
        }
        if (unlock == null) {
            unlock = new PendingUnlock(new CompletableFuture<>(), clock.instant());
        }
        hurry();
        return unlock.answer();
    }

    /**
     * An unlock waiting: the lock is released when it was not commanded last cycle and its switch shows it open;
     * D5 (manual §9.1) or no release within two lock timeouts and the stop grace is a failure.
     */
    private void answerUnlock(HalSnapshot hal, Instant now, CoreSettings core) {
        PendingUnlock u = unlock;
        if (u == null) {
            return;
        }
        Result r = null;
        if (hal.lock() && !hal.lockFeedback() && !state.lockCommanded()) {
            r = new Result(true, "connector unlocked");
        } else if (state.errors().containsKey(ErrorCode.D5)) {
            r = new Result(false, "unlock failed: " + ErrorCode.D5 + " " + ErrorCode.D5.title());
        } else if (!hal.lock()) {
            r = new Result(false, "unlock failed: no connector lock available");
        } else if (Debounce.ms(u.since(), now) > 2 * core.lockTimeoutMs() + core.stopGraceMs()) {
            r = new Result(false, "unlock failed: the connector lock did not release");
        }
        if (r != null) {
            unlock = null;
            log.info("Unlock of the connector: {}", r.message());
            u.answer().complete(r);
        }
    }

    private Result apply(ControlLogic.Outcome o) {
        state = o.next();
        hurry();
        log.info("Control request: {}", o.result().message());
        return o.result();
    }
}
