package org.infinergi.core.charging.internal;

import java.time.Clock;
import java.time.Instant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.infinergi.core.charging.api.Authorization;
import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.hal.BoardSensors;
import org.infinergi.core.charging.hal.ConnectorLock;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotHardware;
import org.infinergi.core.charging.hal.PanelBoard;
import org.infinergi.core.charging.hal.PilotReading;
import org.infinergi.core.charging.hal.ProximityPilot;
import org.infinergi.core.charging.hal.ResidualCurrentDevice;
import org.infinergi.core.charging.internal.CoreState.ActiveError;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
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
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = { ChargerStatusService.class,
                ChargerControl.class }, immediate = true)
public final class ChargingCore implements ChargerStatusService, ChargerControl {

    static final String END_CHARGER_STOPPED = "CHARGER_STOPPED";

    private final Logger log = LoggerFactory.getLogger(ChargingCore.class);
    private final PilotHardware pilot;
    private final SessionRecorder recorder;
    private final Clock clock;
    private final ControlLogic logic = new ControlLogic();
    private final List<LimitProvider> limitProviders = new CopyOnWriteArrayList<>();
    private final AtomicReference<Meter> vehicleMeter = new AtomicReference<>();
    private final AtomicReference<Meter> midMeter = new AtomicReference<>();
    private final AtomicReference<Authorization> authorization = new AtomicReference<>();
    private final AtomicReference<ConfigurationAdmin> configAdmin = new AtomicReference<>();
    private final AtomicReference<Meter> gridMeter = new AtomicReference<>();
    private final AtomicReference<BoardSensors> boardSensors = new AtomicReference<>();
    private final AtomicReference<ProximityPilot> proximityPilot = new AtomicReference<>();
    private final AtomicReference<ConnectorLock> connectorLock = new AtomicReference<>();
    private final AtomicReference<ResidualCurrentDevice> rdcDevice = new AtomicReference<>();
    private final AtomicReference<PanelBoard> panelBoard = new AtomicReference<>();
    private final AtomicReference<ThermalThresholds> thermal = new AtomicReference<>();
    private final AtomicReference<MeteringSettingsSource> metering = new AtomicReference<>();

    private volatile ChargerSettings settings = ChargerSettings.DEFAULTS;
    private volatile String configurationError;
    private volatile ChargerStatus status;
    /**
     * The out-of-service choice last read from {@value Pids#AVAILABILITY}: only a change of the stored value is
     * applied, so a request of this core is not undone while its own write is on its way back.
     */
    private volatile boolean outOfServiceConfigured;
    private final AtomicReference<AvailabilitySource> availability = new AtomicReference<>();
    /** Where the core tells what happened (docs/events.md); optional: without it nobody is told. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    /** Guarded by {@code this}: only the control loop (or a test calling {@link #step()}) touches it. */
    private CoreState state = CoreState.INITIAL;
    private boolean failing;
    private boolean pilotUnreadable;
    /** Last command written to the RDC-DD test input / the lock, or null when not yet written to that service. */
    private Boolean rdcWritten;
    private Boolean lockWritten;
    private ResidualCurrentDevice rdcWrittenTo;
    private ConnectorLock lockWrittenTo;
    private boolean driving;

    /** Guarded by {@code this}. */
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> loop;
    private long loopPeriodMs;

    /** The DS constructor: system clock, and the control loop starts on its own thread. */
    @Activate
    public ChargingCore(@Reference PilotHardware pilot, @Reference SessionRecorder recorder,
            @Reference AvailabilitySource availability, Map<String, Object> config) {
        this(pilot, recorder, Clock.systemUTC(), config);
        setAvailability(availability);
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

    /**
     * Where the out-of-service choice is kept ({@value Pids#AVAILABILITY}). A restarted charger starts out of
     * service if it was; a change of the stored choice (a factory reset, an installer) is applied when seen.
     */
    synchronized void setAvailability(AvailabilitySource source) {
        availability.set(source);
        outOfServiceConfigured = source.outOfService();
        state = state.withOutOfService(outOfServiceConfigured);
    }

    /** Applies a change of the stored out-of-service choice made elsewhere than through this core. */
    private void followAvailability() {
        AvailabilitySource source = availability.get();
        if (source != null) {
            boolean oos = source.outOfService();
            if (oos != outOfServiceConfigured) {
                outOfServiceConfigured = oos;
                state = state.withOutOfService(oos);
            }
        }
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

    /** The internal vehicle meter (manual §5.2.1.1), or any vehicle meter not declared MID. */
    @Reference(name = "vehicleMeter", target = "(&(" + Meter.ROLE + "=VEHICLE)(!(" + Meter.SOURCE + "=MID)))",
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetVehicleMeter")
    void setVehicleMeter(Meter meter) {
        vehicleMeter.set(meter);
    }

    void unsetVehicleMeter(Meter meter) {
        vehicleMeter.compareAndSet(meter, null);
    }

    /** The MID vehicle meter (manual §4.7, §5.2.1.2): used instead of the internal one with vehicleMeter=MID. */
    @Reference(name = "midMeter", target = "(&(" + Meter.ROLE + "=VEHICLE)(" + Meter.SOURCE + "=MID))",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetMidMeter")
    void setMidMeter(Meter meter) {
        midMeter.set(meter);
    }

    void unsetMidMeter(Meter meter) {
        midMeter.compareAndSet(meter, null);
    }

    /** Manual §5.7: without the authentication feature (or in mode Free) no authentication is needed. */
    @Reference(name = "authorization", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetAuthorization")
    void setAuthorization(Authorization a) {
        authorization.set(a);
    }

    void unsetAuthorization(Authorization a) {
        authorization.compareAndSet(a, null);
    }

    /** Where the out-of-service choice is kept across restarts. */
    @Reference(name = "configurationAdmin", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unsetConfigurationAdmin")
    void setConfigurationAdmin(ConfigurationAdmin cm) {
        configAdmin.set(cm);
    }

    void unsetConfigurationAdmin(ConfigurationAdmin cm) {
        configAdmin.compareAndSet(cm, null);
    }

    @Reference(name = "gridMeter", target = "(" + Meter.ROLE + "=GRID)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetGridMeter")
    void setGridMeter(Meter meter) {
        gridMeter.set(meter);
    }

    void unsetGridMeter(Meter meter) {
        gridMeter.compareAndSet(meter, null);
    }

    // The supervision hardware: optional, dynamic (not every model or test has it). What a model needs but misses
    // stops charging with an error (ControlLogic): RDC-DD → D6, board sensors → D3, proximity pilot → D3, lock → D5.

    @Reference(name = "boardSensors", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetBoardSensors")
    void setBoardSensors(BoardSensors s) {
        boardSensors.set(s);
    }

    void unsetBoardSensors(BoardSensors s) {
        boardSensors.compareAndSet(s, null);
    }

    @Reference(name = "proximityPilot", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetProximityPilot")
    void setProximityPilot(ProximityPilot p) {
        proximityPilot.set(p);
    }

    void unsetProximityPilot(ProximityPilot p) {
        proximityPilot.compareAndSet(p, null);
    }

    @Reference(name = "connectorLock", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetConnectorLock")
    void setConnectorLock(ConnectorLock l) {
        connectorLock.set(l);
    }

    void unsetConnectorLock(ConnectorLock l) {
        connectorLock.compareAndSet(l, null);
    }

    @Reference(name = "residualCurrentDevice", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unsetResidualCurrentDevice")
    void setResidualCurrentDevice(ResidualCurrentDevice d) {
        rdcDevice.set(d);
    }

    void unsetResidualCurrentDevice(ResidualCurrentDevice d) {
        rdcDevice.compareAndSet(d, null);
    }

    @Reference(name = "panelBoard", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetPanelBoard")
    void setPanelBoard(PanelBoard p) {
        panelBoard.set(p);
    }

    void unsetPanelBoard(PanelBoard p) {
        panelBoard.compareAndSet(p, null);
    }

    @Reference(name = "thermalThresholds", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unsetThermalThresholds")
    void setThermalThresholds(ThermalThresholds t) {
        thermal.set(t);
    }

    void unsetThermalThresholds(ThermalThresholds t) {
        thermal.compareAndSet(t, null);
    }

    @Reference(name = "metering", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetMetering")
    void setMetering(MeteringSettingsSource m) {
        metering.set(m);
    }

    void unsetMetering(MeteringSettingsSource m) {
        metering.compareAndSet(m, null);
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
                SessionRecord ended = new SessionRecord(0, session.start(), clock.instant(), session.energyWh(),
                        session.peakPowerW(), session.mode(), END_CHARGER_STOPPED);
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

    private void cycle() {
        step();
    }

    /**
     * One control cycle as the loop runs it: snapshot, decide, drive, publish. Never throws: any exception drives
     * the hardware to the safe state (contactor open, pilot in state F) and raises D3 when a hardware command failed
     * or D8 when the decision itself failed (an unexpected state of the software); the next cycle runs as usual.
     */
    synchronized void step() {
        Instant now = clock.instant();
        try {
            stepOnce(now);
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
    }

    private void stepOnce(Instant now) {
        followAvailability();
        PilotReading reading = null;
        boolean feedback = false;
        List<String> faults = new ArrayList<>();
        try {
            reading = pilot.readPilot();
            pilotUnreadable = false;
        } catch (RuntimeException e) {
            if (!pilotUnreadable) {
                pilotUnreadable = true;
                log.warn("Pilot line unreadable: {}", e.toString());
            }
        }
        try {
            feedback = pilot.contactorFeedback();
        } catch (RuntimeException e) {
            // Unknown feedback: taken as "closed", so an open command is seen to disagree (D4) and D3 is raised.
            feedback = true;
            faults.add("contactor feedback unreadable: " + e);
        }
        MeterReading meterReading = null;
        MeteringSettingsSource m = metering.get();
        MeteringSettings meteringSettings = m == null ? MeteringSettings.DEFAULTS : m.meteringSettings();
        // Manual §5.2.1.2: once a MID meter is configured, energy and protections use its readings; a silent one
        // is D9 (the internal meter is not a silent substitute).
        Meter meter = meteringSettings.vehicleMeter() == MeteringSettings.VehicleMeter.MID ? midMeter.get()
                : vehicleMeter.get();
        if (meter != null) {
            try {
                meterReading = meter.latest().orElse(null);
            } catch (RuntimeException e) {
                log.debug("Vehicle meter failed: {}", e.toString());
            }
        }
        MeterReading gridReading = null;
        Meter grid = gridMeter.get();
        if (grid != null) {
            try {
                gridReading = grid.latest().orElse(null);
            } catch (RuntimeException e) {
                log.debug("Grid meter failed: {}", e.toString());
            }
        }
        BoardSensors sensors = boardSensors.get();
        double temperature = Double.NaN;
        boolean earth = true;
        boolean reversed = false;
        if (sensors != null) {
            temperature = read(faults, "board sensors", sensors::temperatureC, Double.NaN);
            earth = read(faults, "board sensors", sensors::earthPresent, true);
            reversed = read(faults, "board sensors", sensors::phaseNeutralReversed, false);
        }
        ProximityPilot pp = proximityPilot.get();
        double ppOhm = pp == null ? Double.NaN : read(faults, "proximity pilot", pp::resistanceOhm, Double.NaN);
        ConnectorLock lock = connectorLock.get();
        boolean lockFeedback = lock != null && read(faults, "connector lock", lock::lockedFeedback, false);
        ResidualCurrentDevice rdc = rdcDevice.get();
        // An unreadable RDC-DD counts as tripped (safe side) besides raising D3.
        boolean tripped = rdc != null && read(faults, "RDC-DD", rdc::tripped, true);
        PanelBoard panel = panelBoard.get();
        boolean responding = panel == null || read(faults, "panel board", panel::responding, false);
        HalSnapshot hal = new HalSnapshot(sensors != null, temperature, earth, reversed, pp != null, ppOhm,
                lock != null, lockFeedback, rdc != null, tripped, panel != null, responding, meter != null,
                grid != null, gridReading, faults);
        ThermalThresholds t = thermal.get();
        List<Limit> limits = Limits.evaluate(new ArrayList<>(limitProviders));
        boolean authRequired = authRequired(faults);
        ControlDecision d = logic.decide(new ControlInput(now, reading, feedback, meterReading, limits, settings,
                state, hal, t == null ? ThermalSettings.DEFAULTS : t.thermalSettings(), meteringSettings,
                authRequired));
        if (state.access().updating() != null && !state.access().updateEnding()
                && d.next().access().updating() == null) {
            log.warn("Firmware update '{}' did not report its end within {} ms: charging allowed again",
                    state.access().updating(), settings.core().updateTimeoutMs());
        }
        driving = true;
        drive(d.contactorClosed(), d.dutyCyclePct());
        // Tethered models have no socket lock: a lock service, if any, is left alone.
        driveSupervision(rdc, d.rdcTestCurrent(), settings.device().tethered() ? null : lock, d.lockCommand());
        driving = false;
        CoreEvents.post(eventAdmin, CoreEvents.of(state, d, now));
        state = d.next();
        status = statusOf(d, now);
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
    private boolean authRequired(List<String> faults) {
        Authorization a = authorization.get();
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

    private static <T> T read(List<String> faults, String what, Supplier<T> reader, T safe) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            faults.add(what + " unreadable: " + e);
            return safe;
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

    /** RDC-DD test input and connector lock: written when the command changes (or the service is a new one). */
    private void driveSupervision(ResidualCurrentDevice rdc, boolean testCurrent, ConnectorLock lock,
            boolean locked) {
        if (rdc != null && (rdc != rdcWrittenTo || rdcWritten == null || rdcWritten != testCurrent)) {
            rdc.setTestCurrent(testCurrent);
            rdcWrittenTo = rdc;
            rdcWritten = testCurrent;
        }
        if (lock != null && (lock != lockWrittenTo || lockWritten == null || lockWritten != locked)) {
            lock.setLocked(locked);
            lockWrittenTo = lock;
            lockWritten = locked;
        }
    }

    /**
     * The safe side after a failed cycle: contactor open, pilot in state F (the EV sees "EVSE not available"), the
     * RDC-DD test current off; the error is raised in the state (and the history) so the status shows it and the
     * recovery knows it. Each hardware command is tried on its own: one failing does not skip the others.
     */
    private void fault(Instant now, ErrorCode code, String detail) {
        try {
            pilot.setContactor(false);
        } catch (RuntimeException e) {
            log.debug("Contactor could not be opened: {}", e.toString());
        }
        try {
            pilot.setDutyCycle(0);
        } catch (RuntimeException e) {
            log.debug("Pilot could not be driven to state F: {}", e.toString());
        }
        try {
            ResidualCurrentDevice rdc = rdcDevice.get();
            if (rdc != null) {
                rdc.setTestCurrent(false);
                rdcWritten = false;
                rdcWrittenTo = rdc;
            }
        } catch (RuntimeException e) {
            log.debug("RDC-DD test current could not be switched off: {}", e.toString());
        }
        CoreEvents.post(eventAdmin, CoreEvents.fault(state, code, detail, now));
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
        state = new CoreState(s.state(), s.pilot(), s.dutyCyclePct(), false, s.session(), s.lastSessionEnergyWh(),
                null, 0, s.errors(), causes, s.pending(), s.faultHoldUntil(), s.rdc(), s.lockCommanded(),
                s.lockChangedAt(), s.userPaused(), s.outOfService(), false,
                s.startedAt() == null ? now : s.startedAt(), now.plusMillis(3 * settings.core().loopPeriodMs()),
                s.access());
        List<ErrorCode> active = ControlLogic.PRIORITY.stream().filter(errors::containsKey).toList();
        ChargerSettings cs = settings;
        status = new ChargerStatus(cs.device().model(), ChargerState.ERROR, null, 0, 0, false, null,
                cs.charging().activeMode(), 0, state.session() == null ? state.lastSessionEnergyWh()
                        : state.session().energyWh(),
                active.get(0).name(), ControlLogic.describe(active, errors), now, configurationError,
                active.get(0).category().number(), active.stream().map(Enum::name).toList());
    }

    private void safeSide() {
        try {
            pilot.setContactor(false);
        } finally {
            pilot.setDutyCycle(DutyCycle.NO_OFFER);
            ResidualCurrentDevice rdc = rdcDevice.get();
            if (rdc != null) {
                rdc.setTestCurrent(false);
            }
        }
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

    @Override
    public Result setOutOfService(boolean outOfService) {
        Result r;
        synchronized (this) {
            r = apply(ControlLogic.outOfService(state, outOfService));
        }
        // Outside the lock: Config Admin writes to disk, the control loop must not wait for it.
        String problem = persistOutOfService(outOfService);
        return problem == null ? r : new Result(r.accepted(), r.message() + " (" + problem + ")");
    }

    /** Keeps the choice in {@value Pids#AVAILABILITY}; returns why it could not, or null. */
    private String persistOutOfService(boolean out) {
        ConfigurationAdmin cm = configAdmin.get();
        if (cm == null) {
            return "not kept across a restart: no configuration service";
        }
        try {
            Configuration c = cm.getConfiguration(Pids.AVAILABILITY, "?");
            Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            props.put("outOfService", out);
            c.updateIfDifferent(props);
            return null;
        } catch (IOException | RuntimeException e) {
            log.error("Out of service choice not stored", e);
            return "not kept across a restart: " + e.getMessage();
        }
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
        log.info("Control request: {}", o.result().message());
        return o.result();
    }

    private ChargerStatus statusOf(ControlDecision d, Instant at) {
        ChargerSettings s = settings;
        if (d == null) {
            return new ChargerStatus(s.device().model(), ChargerState.INITIALISING, null, 0, DutyCycle.NO_OFFER,
                    false, null, s.charging().activeMode(), 0, 0, null, ControlLogic.DETAIL_INITIALISING, at,
                    configurationError, 0, List.of());
        }
        // Display value: one decimal, as IEC 61851-1's table writes it (the hardware gets the exact value).
        double duty = Math.round(d.dutyCyclePct() * 10) / 10.0;
        List<ErrorCode> active = d.activeErrors();
        return new ChargerStatus(s.device().model(), d.state(), d.pilot(), d.offeredCurrentA(), duty,
                d.contactorClosed(), d.limitedBy(), s.charging().activeMode(), d.powerW(), d.sessionEnergyWh(),
                d.error(), d.detail(), at, configurationError,
                active.isEmpty() ? 0 : active.get(0).category().number(), active.stream().map(Enum::name).toList());
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
