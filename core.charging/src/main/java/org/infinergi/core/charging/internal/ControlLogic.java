package org.infinergi.core.charging.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotReading;
import org.infinergi.core.charging.internal.CoreState.ActiveError;
import org.infinergi.core.charging.internal.CoreState.RdcTest;
import org.infinergi.core.charging.internal.CoreState.RdcTest.Phase;

/**
 * The charging core's decision, a pure function of one {@link ControlInput} (CONVENTIONS §8): IEC 61851-1 pilot
 * states A–F, installation gating (manual §4.10, §7.1.1), the offered current as the minimum over all limits, the
 * session bookkeeping, the error model of manual §9.1 (detection, latching, recovery), the RDC-DD self-test before
 * each charge (manual §4.3) and the connector lock of untethered models. No I/O, no clock reads, no mutable state.
 *
 * <p>Errors: every active error stops or suspends the charge. Those in {@link #OPEN_AT_ONCE} open the contactor in
 * the cycle they are seen and hold the pilot in state F for {@code faultHoldMs} (≈ 300 ms, IEC 61851-1); the others
 * (I3, I4, D7, D1, D2, D9, V3) withdraw the PWM first and open once the vehicle has gone to B or the stop grace
 * is over. I3/I4/D7 clear by themselves when their cause is gone; all others wait for
 * {@link ChargerControl#attemptRecovery()} after their cause is gone.
 */
final class ControlLogic {

    static final String DETAIL_WAITING = "current offered, waiting for the vehicle to start charging";
    static final String DETAIL_TERMINATED = "charging terminated";
    static final String DETAIL_VENTILATION = "ventilation requested by the vehicle (manual §2.1)";
    static final String DETAIL_NOT_COMPLETE = "installation not complete (manual §4.10)";
    static final String DETAIL_DISABLED = "charging not enabled (manual §7.1.1)";
    static final String DETAIL_INITIALISING = "waiting for the first pilot reading";
    static final String DETAIL_USER_PAUSE = "paused by the user";
    static final String DETAIL_OUT_OF_SERVICE = "device out of service";
    static final String DETAIL_RDC_TEST = "RDC-DD test before the charge (manual §4.3)";
    static final String DETAIL_LOCKING = "locking the connector";
    static final String DETAIL_WAITING_HARDWARE = "waiting for the supervision hardware (board sensors, proximity pilot)";
    static final String DETAIL_AUTHENTICATION = "waiting for user authentication: present a valid card (manual §5.7)";
    static final String DETAIL_UPDATING = "firmware update in progress (manual §5.9): ";
    /** Manual §9.1: pilot problem. */
    static final String ERROR_PILOT = "V4";
    static final String END_VEHICLE_DISCONNECTED = "VEHICLE_DISCONNECTED";
    static final String NO_PROVIDER = "no limit provider";
    /** Marks a D8 raised because the pilot oscillator ran while a steady +12 V was commanded. */
    private static final String OSCILLATOR = "D8-oscillator";

    /**
     * Which error is shown when several are active: danger to people first (DC leakage, earth, a live output, a
     * reversed supply), then damage to the device or the vehicle (overload, heat), then the protective devices
     * and the connector, then the vehicle and the pilot, then internal faults, then the supply quality, then
     * communication.
     */
    static final List<ErrorCode> PRIORITY = List.of(ErrorCode.V2, ErrorCode.I1, ErrorCode.D4, ErrorCode.I2,
            ErrorCode.V1, ErrorCode.D7, ErrorCode.D6, ErrorCode.D5, ErrorCode.V4, ErrorCode.V3, ErrorCode.V5,
            ErrorCode.D3, ErrorCode.D8, ErrorCode.I4, ErrorCode.I3, ErrorCode.D9, ErrorCode.D2, ErrorCode.D1);

    /**
     * Faults where safety does not allow waiting for the vehicle to stop drawing: the contactor opens in the cycle
     * the fault is seen. Leakage (V2), earth (I1), reversed supply (I2), overload (V1), a contactor that does not
     * obey (D4), a pilot that cannot be trusted (V4, D3), an unknown cable (V5), a lock that does not hold the plug
     * (D5), an untested protective device (D6) and an unexpected internal state (D8).
     */
    static final Set<ErrorCode> OPEN_AT_ONCE = EnumSet.of(ErrorCode.V1, ErrorCode.V2, ErrorCode.V4, ErrorCode.V5,
            ErrorCode.I1, ErrorCode.I2, ErrorCode.D3, ErrorCode.D4, ErrorCode.D5, ErrorCode.D6, ErrorCode.D8);

    ControlDecision decide(ControlInput in) {
        CoreState prev = in.previous();
        ChargerSettings settings = in.settings();
        CoreSettings core = settings.core();
        DeviceSettings device = settings.device();
        HalSnapshot hal = in.hal();
        Instant now = in.now();
        MeterReading reported = in.meter();
        // Only a fresh reading says what flows now; an old one (a meter gone silent) judges nothing.
        MeterReading meter = reported != null && reported.at() != null
                && ms(reported.at(), now) > core.meterFreshMs() ? null : reported;
        double powerW = meter == null ? 0 : meter.powerW();
        ChargingMode mode = settings.charging().activeMode();
        Instant startedAt = prev.startedAt() == null ? now : prev.startedAt();
        boolean bootOver = ms(startedAt, now) >= core.bootGraceMs();
        PilotReading reading = in.pilot();
        boolean readable = reading != null && !Double.isNaN(reading.positiveV())
                && !Double.isNaN(reading.negativeV());

        // The pilot line needs a few cycles to show the vehicle after state F (the driver starts in F, the core
        // drives F after a fault): until then readings say nothing about the vehicle.
        long settleMs = 3 * core.loopPeriodMs();
        Instant trustedFrom = prev.startedAt() == null ? now.plusMillis(settleMs) : prev.pilotTrustedFrom();
        boolean trusted = trustedFrom == null || !now.isBefore(trustedFrom);
        if ((!readable || !trusted) && prev.state() == ChargerState.INITIALISING && !bootOver) {
            // Before the first reading the charger is still starting (within the start-up grace).
            CoreState next = new CoreState(ChargerState.INITIALISING, null, DutyCycle.NO_OFFER, false,
                    prev.session(), prev.lastSessionEnergyWh(), null, 0, prev.errors(), Map.of(), prev.pending(),
                    null, RdcTest.NOT_TESTED, false, prev.lockChangedAt(), prev.userPaused(), prev.outOfService(),
                    prev.recoveryRequested(), startedAt, trustedFrom, prev.access());
            return new ControlDecision(DutyCycle.NO_OFFER, false, 0, ChargerState.INITIALISING, null,
                    DETAIL_INITIALISING, null, null, powerW, energyShown(prev.session(), prev.lastSessionEnergyWh()),
                    List.of(), next, List.of(), List.of(), false, false);
        }

        // What the pilot says. A reading taken while we drove state F (duty 0) tells nothing about the vehicle.
        boolean pilotKnown = readable && trusted && prev.dutyCyclePct() > 0;
        PilotState raw = readable ? PilotState.ofVolts(reading.positiveV()).orElse(null) : null;
        Map<String, Instant> pending = new HashMap<>();
        // A pilot fault (E, F read back, no band) is raised once it lasts pilotFaultMs; until then the charger only
        // keeps to the safe side, so a line still settling after our own state F (start-up) latches nothing.
        boolean pilotAnomaly = pilotKnown && (raw == null || raw == PilotState.E || raw == PilotState.F);
        boolean pilotFault = prev.errors().containsKey(ErrorCode.V4) ? pilotAnomaly
                : debounced(pending, prev, "pilot", pilotAnomaly, now, core.pilotFaultMs());
        boolean pilotSuspect = pilotAnomaly && !pilotFault;
        PilotState before = prev.pilot() == PilotState.E || prev.pilot() == PilotState.F ? null : prev.pilot();
        PilotState pilot = pilotKnown && !pilotSuspect ? raw : before;
        boolean connected = pilot == PilotState.B || pilot == PilotState.C || pilot == PilotState.D;
        String gate = !settings.installation().installationComplete() ? DETAIL_NOT_COMPLETE
                : !settings.installation().chargingEnabled() ? DETAIL_DISABLED : null;
        boolean untethered = !device.tethered();
        Map<ErrorCode, String> causes = new EnumMap<>(ErrorCode.class);

        // ---- Detection: the causes present in this cycle (manual §9.1) ----
        // A failed read names its cause (the pilot driver's own words first), before the generic pilot message.
        for (String f : hal.hardwareFaults()) {
            causes.putIfAbsent(ErrorCode.D3, f);
        }
        if (!readable) {
            causes.putIfAbsent(ErrorCode.D3, reading == null ? "the pilot ADC could not be read"
                    : "the pilot ADC gives no value (NaN)");
        }
        if (hal.boardSensors() && Double.isNaN(hal.temperatureC())) {
            causes.putIfAbsent(ErrorCode.D3, "the temperature sensor cannot be read");
        }
        if (!hal.boardSensors() && core.requireBoardSensors() && bootOver) {
            causes.putIfAbsent(ErrorCode.D3, "no board sensors (earth, phase reversal, temperature) available");
        }
        if (untethered && !hal.proximityPilot() && bootOver) {
            causes.putIfAbsent(ErrorCode.D3, "no proximity pilot reader available (untethered model)");
        }
        if (pilotFault) {
            if (raw == null) {
                causes.put(ErrorCode.V4, String.format(Locale.ROOT,
                        "%.2f V on the pilot is outside every pilot state band", reading.positiveV()));
            } else if (raw == PilotState.E) {
                causes.put(ErrorCode.V4, "state E: pilot shorted to PE");
            } else if (raw == PilotState.F) {
                causes.put(ErrorCode.V4, "state F read back from the pilot line");
            }
        }
        if (!pilotKnown && prev.errors().containsKey(ErrorCode.V4)) {
            // While we hold state F after the fault (or the line settles) the reading says nothing: the pilot fault
            // is not known to be gone, so a recovery attempt cannot clear it yet.
            causes.put(ErrorCode.V4, prev.errors().get(ErrorCode.V4).detail());
        }
        // D8 raised by the oscillator check (not by a software failure): its cause is tracked as long as it is seen.
        boolean oscillatorFault = prev.errors().containsKey(ErrorCode.D8) && prev.pending().containsKey(OSCILLATOR);
        if (pilotKnown) {
            boolean pwmOn = prev.dutyCyclePct() > 0 && prev.dutyCyclePct() < DutyCycle.NO_OFFER;
            boolean vehicleOnLine = raw == PilotState.B || raw == PilotState.C || raw == PilotState.D;
            boolean noDiode = pwmOn && vehicleOnLine
                    && reading.negativeV() > PilotState.F.nominalVolts() + PilotState.WINDOW_V;
            if (debounced(pending, prev, "diode", noDiode, now, core.diodeCheckMs())) {
                causes.putIfAbsent(ErrorCode.V4, String.format(Locale.ROOT,
                        "negative pilot plateau %.1f V instead of −12 V under PWM: vehicle diode missing",
                        reading.negativeV()));
            }
            // D8 Unexpected status: the line shows a PWM (the negative half-wave of the oscillator) while the charger
            // commands a steady +12 V. The charger then signals a current offer it does not make, a state IEC 61851-1
            // does not know; the vehicle could start drawing on it.
            boolean steadyCommanded = prev.dutyCyclePct() >= DutyCycle.NO_OFFER;
            boolean pwmSeen = steadyCommanded
                    && reading.negativeV() < PilotState.F.nominalVolts() + PilotState.WINDOW_V;
            if (oscillatorFault ? pwmSeen : debounced(pending, prev, "D8", pwmSeen, now, core.oscillatorCheckMs())) {
                causes.put(ErrorCode.D8, String.format(Locale.ROOT,
                        "the pilot line shows a PWM (negative plateau %.1f V) while the charger commands a steady "
                                + "+12 V: it signals an offer it does not make (IEC 61851-1)",
                        reading.negativeV()));
                pending.put(OSCILLATOR, now);
            }
        } else if (oscillatorFault) {
            // While state F is held (and the line settles) the oscillator cannot be watched: not known to be fixed.
            causes.put(ErrorCode.D8, prev.causes().getOrDefault(ErrorCode.D8, "pilot oscillator out of control"));
            pending.put(OSCILLATOR, prev.pending().get(OSCILLATOR));
        }
        if (untethered && hal.proximityPilot() && connected && !CableCapacity.valid(hal.ppOhm())) {
            causes.put(ErrorCode.V5, String.format(Locale.ROOT,
                    "proximity pilot %.0f Ω matches no cable (13, 20, 32, 63/70 A)", hal.ppOhm()));
        }
        ThermalSettings thermal = in.thermal();
        if (hal.boardSensors() && !Double.isNaN(hal.temperatureC())) {
            double t = hal.temperatureC();
            boolean hot = prev.errors().containsKey(ErrorCode.D7) ? t >= thermal.recoveryC() : t > thermal.criticalC();
            if (hot) {
                causes.put(ErrorCode.D7, String.format(Locale.ROOT,
                        "internal temperature %.1f °C above the critical threshold %d °C (clears below %d °C)", t,
                        thermal.criticalC(), thermal.recoveryC()));
            }
        }
        if (hal.boardSensors()) {
            // IT earthing (manual §4.3): no earth–neutral bond, the installation's insulation monitoring device
            // watches the earth; the board's earth monitor is meaningful on TN/TT only.
            if (settings.installation().earthing() == Earthing.TN_TT && !hal.earthPresent()) {
                causes.put(ErrorCode.I1, "earth wire disconnected or impedance too high (TN/TT installation)");
            }
            if (hal.phaseNeutralReversed()) {
                causes.put(ErrorCode.I2, "phase and neutral input cables reversed");
            }
        }
        if (meter != null && meter.voltagesV() != null) {
            int n = Math.min(device.phases(), meter.voltagesV().length);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = meter.voltagesV()[i];
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            boolean under = min < core.undervoltageV();
            boolean over = max > core.overvoltageV();
            if (prev.errors().containsKey(ErrorCode.I3) ? under
                    : debounced(pending, prev, "I3", under, now, core.voltageDebounceMs())) {
                causes.put(ErrorCode.I3, String.format(Locale.ROOT,
                        "input voltage too low: %.0f V on a phase, minimum %d V", min, core.undervoltageV()));
            }
            if (prev.errors().containsKey(ErrorCode.I4) ? over
                    : debounced(pending, prev, "I4", over, now, core.voltageDebounceMs())) {
                causes.put(ErrorCode.I4, String.format(Locale.ROOT,
                        "input voltage too high: %.0f V on a phase, maximum %d V", max, core.overvoltageV()));
            }
        }
        double drawnA = maxCurrent(meter);
        if (prev.contactorClosed() && prev.offeredA() > 0) {
            double limit = prev.offeredA() * core.overloadPct() / 100.0;
            if (debounced(pending, prev, "V1", drawnA > limit, now, core.overloadMs())) {
                causes.put(ErrorCode.V1, String.format(Locale.ROOT,
                        "the vehicle draws %.1f A, more than %d %% of the %.1f A offered", drawnA,
                        core.overloadPct(), prev.offeredA()));
            }
        }
        if (hal.rdc() && hal.rdcTripped() && (prev.contactorClosed() || prev.errors().containsKey(ErrorCode.V2))) {
            causes.put(ErrorCode.V2, "DC leakage of 6 mA or more detected during charge (RDC-DD, IEC 62955)");
        }
        boolean mismatch = in.contactorFeedback() != prev.contactorClosed();
        if (debounced(pending, prev, "D4", mismatch, now, core.relayTimeoutMs())) {
            causes.put(ErrorCode.D4, prev.contactorClosed()
                    ? "the contactor did not close: relay feedback open while commanded closed"
                    : "the contactor is closed while commanded open: welded contact");
        }
        if (untethered) {
            if (!hal.lock()) {
                if (bootOver && connected) {
                    causes.put(ErrorCode.D5, "no connector lock available (untethered model)");
                }
            } else if (hal.lockFeedback() != prev.lockCommanded()) {
                Instant since = prev.lockChangedAt() == null ? startedAt : prev.lockChangedAt();
                if (ms(since, now) >= core.lockTimeoutMs()) {
                    causes.put(ErrorCode.D5, prev.lockCommanded() ? "the connector lock did not engage"
                            : "the connector lock did not release");
                }
            }
        }
        if (hal.panel() && !hal.panelResponding()) {
            causes.put(ErrorCode.D1, "the panel board does not answer over the internal data cable");
        }
        MeteringSettings metering = in.metering();
        if (metering.vehicleMeter() == MeteringSettings.VehicleMeter.MID
                && silent(pending, prev, "D9", hal.vehicleMeterPresent(), reported, now, core.meterStaleMs())) {
            causes.put(ErrorCode.D9, "the configured MID meter does not answer");
        }
        if (metering.gridMeter() == MeteringSettings.GridMeter.CT
                && silent(pending, prev, "D2", hal.gridMeterPresent(), hal.gridMeter(), now, core.meterStaleMs())) {
            causes.put(ErrorCode.D2, "the CT remote device does not answer");
        }
        if (prev.contactorClosed() && prev.offerWithdrawnAt() != null && pilot == PilotState.C
                && ms(prev.offerWithdrawnAt(), now) >= core.stopGraceMs() && drawnA > core.stopCurrentA()) {
            causes.put(ErrorCode.V3, String.format(Locale.ROOT,
                    "the vehicle still draws %.1f A %d ms after the PWM offer was withdrawn (IEC 61851-1)", drawnA,
                    core.stopGraceMs()));
        }
        RdcTest rdc = pilot == PilotState.A ? RdcTest.NOT_TESTED : prev.rdc();
        if (hal.rdc() && rdc.phase() == Phase.TEST_CURRENT_ON && !hal.rdcTripped()
                && ms(rdc.since(), now) >= core.rdcTestTimeoutMs()) {
            causes.put(ErrorCode.D6, "the RDC-DD did not trip on its test current (self-test before the charge)");
            rdc = RdcTest.NOT_TESTED;
        } else if (hal.rdc() && rdc.phase() == Phase.TEST_CURRENT_OFF && hal.rdcTripped()
                && ms(rdc.since(), now) >= core.rdcTestTimeoutMs()) {
            causes.put(ErrorCode.D6, "the RDC-DD did not release after its self-test");
            rdc = RdcTest.NOT_TESTED;
        }
        if (!hal.rdc()) {
            if (rdc.phase() == Phase.TEST_CURRENT_ON || rdc.phase() == Phase.TEST_CURRENT_OFF) {
                rdc = RdcTest.NOT_TESTED;
            }
            if (core.requireRdcDd() && connected && gate == null && bootOver) {
                causes.put(ErrorCode.D6, "no RDC-DD available to test before the charge (manual §4.3)");
            }
        }

        // ---- The error set: raise, clear by itself (I3/I4/D7) or on a recovery attempt once the cause is gone ----
        Map<ErrorCode, ActiveError> errors = new EnumMap<>(ErrorCode.class);
        errors.putAll(prev.errors());
        List<ErrorEvent> errorEvents = new ArrayList<>();
        boolean raisedOpenAtOnce = false;
        for (Map.Entry<ErrorCode, String> c : causes.entrySet()) {
            if (!errors.containsKey(c.getKey())) {
                errors.put(c.getKey(), new ActiveError(now, c.getValue()));
                errorEvents.add(new ErrorEvent(ErrorEvent.Kind.RAISED, c.getKey(), now, c.getValue()));
                raisedOpenAtOnce |= OPEN_AT_ONCE.contains(c.getKey());
            }
        }
        for (ErrorCode code : prev.errors().keySet()) {
            if (!causes.containsKey(code) && (code.clearsByItself() || prev.recoveryRequested())) {
                errors.remove(code);
                errorEvents.add(new ErrorEvent(ErrorEvent.Kind.CLEARED, code, now, null));
            }
        }
        List<ErrorCode> active = PRIORITY.stream().filter(errors::containsKey).toList();
        boolean openAtOnce = active.stream().anyMatch(OPEN_AT_ONCE::contains);
        Instant holdUntil = raisedOpenAtOnce ? now.plusMillis(core.faultHoldMs())
                : prev.faultHoldUntil() != null && now.isBefore(prev.faultHoldUntil()) ? prev.faultHoldUntil()
                        : null;
        boolean holdF = holdUntil != null && now.isBefore(holdUntil);

        // ---- Session bookkeeping: from plug-in (A → B/C/D) to unplug (→ A) ----
        List<SessionEvent> events = new ArrayList<>(1);
        Session session = prev.session();
        double lastEnergy = prev.lastSessionEnergyWh();
        if (session != null && meter != null) {
            session = session.metered(meter.energyWh(), meter.powerW());
        }
        if (pilot == PilotState.A && session != null) {
            events.add(new SessionEvent(SessionEvent.Kind.ENDED, new SessionRecord(0, session.start(), now,
                    session.energyWh(), session.peakPowerW(), session.mode(), END_VEHICLE_DISCONNECTED)));
            lastEnergy = session.energyWh();
            session = null;
        }
        if (connected && session == null && gate == null) {
            session = Session.start(now, mode);
            if (meter != null) {
                session = session.metered(meter.energyWh(), meter.powerW());
            }
            events.add(new SessionEvent(SessionEvent.Kind.STARTED,
                    new SessionRecord(0, now, now, 0, session.peakPowerW(), mode, null)));
        }
        boolean userPaused = prev.userPaused() && pilot != PilotState.A;

        // ---- Authentication (manual §5.7) and firmware update (§5.9) ----
        CoreState.Access access = prev.access();
        if (access.authorizedBy() != null) {
            // An authentication holds for one session: it ends at unplug, or lapses when no vehicle comes in time.
            boolean unplugged = pilot == PilotState.A && prev.session() != null;
            boolean lapsed = !connected && ms(access.authorizedAt(), now) >= core.authValidityMs();
            if (unplugged || lapsed) {
                access = access.unauthorized();
            }
        }
        if (access.updating() != null && ms(access.updatingSince(), now) >= core.updateTimeoutMs()) {
            // An updater that never reports its end must not leave the charger unusable.
            access = access.update(null, null);
        }
        // A session that already charged keeps charging if the mode changes under it; the next one authenticates.
        boolean needsAuth = in.authRequired() && connected && access.authorizedBy() == null
                && !(session != null && session.hasCharged());

        // ---- The offer: the minimum over all limits; the mode arbiter adds the modes that have no provider yet ----
        List<Limit> limits = new ArrayList<>(in.limits());
        if (mode != ChargingMode.FAST) {
            limits.add(new Limit(0, "mode " + mode + " not installed",
                    "no provider for mode " + mode + " yet; charging paused on the safe side"));
        }
        Limit winner = null;
        for (Limit l : limits) {
            if (winner == null || l.amps() < winner.amps()) {
                winner = l;
            }
        }
        double available = winner == null ? 0 : winner.amps();
        double offer = available >= DutyCycle.MIN_CURRENT_A ? Math.min(available, DutyCycle.MAX_CURRENT_A) : 0;
        String limitedBy = winner == null ? NO_PROVIDER : winner.source();

        double duty = DutyCycle.NO_OFFER;
        boolean contactor = false;
        boolean wantLock = false;
        double offered = 0;
        Instant withdrawnAt = null;
        ChargerState state;
        String detail;
        String blocked = !active.isEmpty() ? "error" : gate != null ? gate
                : prev.outOfService() ? DETAIL_OUT_OF_SERVICE
                        : access.updating() != null ? DETAIL_UPDATING
                                : needsAuth ? DETAIL_AUTHENTICATION
                                        : userPaused && connected ? DETAIL_USER_PAUSE : null;
        if (blocked != null) {
            // The EVSE stops: PWM withdrawn first, the contactor opens when the EV has gone to B or the grace is
            // over — at once for the faults of OPEN_AT_ONCE, with state F held after them.
            Instant since = openAtOnce ? null : graceStart(prev, pilot, now, core);
            contactor = since != null;
            withdrawnAt = since;
            // A test in progress is abandoned; after an error the next charge is tested again.
            if (rdc.phase() != Phase.PASSED || !active.isEmpty()) {
                rdc = RdcTest.NOT_TESTED;
            }
            if (!active.isEmpty()) {
                state = ChargerState.ERROR;
                detail = describe(active, errors);
                duty = holdF ? 0 : DutyCycle.NO_OFFER;
            } else if (gate != null) {
                state = ChargerState.NOT_ENABLED;
                detail = gate;
            } else if (prev.outOfService()) {
                state = ChargerState.OUT_OF_SERVICE;
                detail = DETAIL_OUT_OF_SERVICE;
            } else if (access.updating() != null) {
                state = ChargerState.UPDATING;
                detail = DETAIL_UPDATING + access.updating();
            } else if (needsAuth) {
                state = ChargerState.WAITING_FOR_AUTHENTICATION;
                detail = DETAIL_AUTHENTICATION;
            } else {
                state = ChargerState.PAUSED;
                detail = DETAIL_USER_PAUSE;
            }
        } else {
            switch (pilot == null ? PilotState.A : pilot) {
            case A -> {
                state = ChargerState.VEHICLE_NOT_CONNECTED;
                detail = "";
            }
            case B -> {
                if (offer > 0) {
                    duty = DutyCycle.forCurrent(offer);
                    offered = offer;
                    rdc = advance(rdc, hal, core, now);
                    boolean finished = session != null && session.hasCharged();
                    state = finished ? ChargerState.TERMINATED : ChargerState.WAITING_FOR_CURRENT;
                    detail = testing(rdc) ? DETAIL_RDC_TEST : finished ? DETAIL_TERMINATED : DETAIL_WAITING;
                } else {
                    state = ChargerState.WAITING_FOR_CURRENT;
                    detail = "no current available: " + noOfferReason(winner);
                }
            }
            case C -> {
                if (offer > 0) {
                    duty = DutyCycle.forCurrent(offer);
                    offered = offer;
                    rdc = advance(rdc, hal, core, now);
                    // IEC 61851-1: close only once the PWM offer is on the line, the RDC-DD passed its test
                    // (manual §4.3) and, on untethered models, the plug is locked (or keep it closed if it was).
                    boolean pwmWasOn = prev.dutyCyclePct() > 0 && prev.dutyCyclePct() < DutyCycle.NO_OFFER;
                    // A service the model needs and misses (within the start-up grace, before it becomes an
                    // error) does not allow charging either.
                    boolean supervised = (hal.boardSensors() || !core.requireBoardSensors())
                            && (!untethered || hal.proximityPilot());
                    boolean ready = pwmWasOn && rdc.phase() == Phase.PASSED && supervised;
                    boolean locked = !untethered || (hal.lock() && hal.lockFeedback() && prev.lockCommanded());
                    wantLock = ready;
                    contactor = prev.contactorClosed() || (ready && locked);
                    state = contactor ? ChargerState.CHARGING : ChargerState.WAITING_FOR_CURRENT;
                    detail = contactor
                            ? String.format(Locale.ROOT, "charging at %.1f A, limited by %s", offer, limitedBy)
                            : testing(rdc) ? DETAIL_RDC_TEST
                                    : !supervised ? DETAIL_WAITING_HARDWARE
                                            : ready && !locked ? DETAIL_LOCKING
                                                    : "current offered, closing the contactor";
                    if (contactor && session != null) {
                        session = session.charged();
                    }
                } else {
                    // IEC 61851-1: the EVSE stops a charge by withdrawing the PWM first; the contactor opens when
                    // the EV has gone to B, or after the grace at the latest.
                    Instant since = graceStart(prev, pilot, now, core);
                    contactor = since != null;
                    withdrawnAt = since;
                    state = ChargerState.PAUSED;
                    detail = "paused: " + noOfferReason(winner);
                }
            }
            case D -> {
                state = ChargerState.PAUSED;
                detail = DETAIL_VENTILATION;
            }
            default -> throw new IllegalStateException("unreachable: " + pilot);
            }
        }

        // The connector lock (untethered): engaged before the contactor closes, released only once it is open.
        boolean lockCommand = untethered && hal.lock()
                && (contactor || prev.contactorClosed() || in.contactorFeedback()
                        || (wantLock && !errors.containsKey(ErrorCode.D5)));
        Instant lockChangedAt = lockCommand != prev.lockCommanded() ? now
                : prev.lockChangedAt() == null ? startedAt : prev.lockChangedAt();

        if (pilotSuspect && duty > 0) {
            // An unconfirmed pilot fault: nothing offered, contactor open, until it goes away or becomes V4.
            duty = DutyCycle.NO_OFFER;
            offered = 0;
            contactor = false;
            withdrawnAt = null;
            detail = "pilot reading outside the expected states: charging suspended while it is confirmed";
        }
        if (duty <= 0) {
            trustedFrom = now.plusMillis(settleMs);
        }
        if (access.updateEnding()) {
            // This cycle showed the update once more; the next one is back to normal operation.
            access = access.update(null, null);
        }
        CoreState next = new CoreState(state, pilot, duty, contactor, session, lastEnergy, withdrawnAt, offered, errors,
                causes, pending, holdUntil, rdc, lockCommand, lockChangedAt, userPaused, prev.outOfService(), false,
                startedAt, trustedFrom, access);
        String error = active.isEmpty() ? null : active.get(0).name();
        return new ControlDecision(duty, contactor, offered, state, pilotKnown ? raw : null, detail, limitedBy, error,
                powerW, energyShown(session, lastEnergy), events, next, active, errorEvents,
                rdc.phase() == Phase.TEST_CURRENT_ON, lockCommand);
    }

    /** One step of the RDC-DD self-test (manual §4.3, IEC 62955): test current on → trips → off → releases. */
    private static RdcTest advance(RdcTest rdc, HalSnapshot hal, CoreSettings core, Instant now) {
        if (rdc.phase() == Phase.PASSED) {
            return rdc;
        }
        if (!hal.rdc()) {
            // Without the device: charge only when the configuration says the model has none (requireRdcDd=false).
            return core.requireRdcDd() ? RdcTest.NOT_TESTED : new RdcTest(Phase.PASSED, now);
        }
        return switch (rdc.phase()) {
        case NOT_TESTED -> new RdcTest(Phase.TEST_CURRENT_ON, now);
        case TEST_CURRENT_ON -> hal.rdcTripped() ? new RdcTest(Phase.TEST_CURRENT_OFF, now) : rdc;
        case TEST_CURRENT_OFF -> hal.rdcTripped() ? rdc : new RdcTest(Phase.PASSED, now);
        case PASSED -> rdc;
        };
    }

    private static boolean testing(RdcTest rdc) {
        return rdc.phase() != Phase.PASSED;
    }

    /** True once {@code condition} has held for {@code ms}; remembers since when it holds in {@code pending}. */
    private static boolean debounced(Map<String, Instant> pending, CoreState prev, String key, boolean condition,
            Instant now, long ms) {
        if (!condition) {
            return false;
        }
        Instant since = prev.pending().getOrDefault(key, now);
        pending.put(key, since);
        return ms(since, now) >= ms;
    }

    /** A configured meter is silent: missing or without an answer for longer than {@code staleMs}. */
    private static boolean silent(Map<String, Instant> pending, CoreState prev, String key, boolean present,
            MeterReading reading, Instant now, long staleMs) {
        if (present && reading != null && reading.at() != null) {
            return ms(reading.at(), now) > staleMs;
        }
        return debounced(pending, prev, key, true, now, staleMs);
    }

    private static double maxCurrent(MeterReading meter) {
        double max = 0;
        if (meter != null && meter.currentsA() != null) {
            for (double a : meter.currentsA()) {
                if (!Double.isNaN(a)) {
                    max = Math.max(max, a);
                }
            }
        }
        return max;
    }

    /** "V2 Ground fault: DC leakage … (also active: I3)". */
    static String describe(List<ErrorCode> active, Map<ErrorCode, ActiveError> errors) {
        ErrorCode top = active.get(0);
        String s = top.name() + " " + top.title() + ": " + errors.get(top).detail();
        if (active.size() > 1) {
            s += " (also active: " + active.subList(1, active.size()).stream().map(Enum::name)
                    .collect(Collectors.joining(", ")) + ")";
        }
        return s;
    }

    /**
     * A recovery attempt (manual §9.1 "press the multifunction button to reset the device", web or OCPP reset):
     * answered from what the last cycle saw; the latched errors whose cause is gone are cleared in the next cycle.
     */
    static Outcome recover(CoreState s) {
        if (s.errors().isEmpty()) {
            return new Outcome(new ChargerControl.Result(false, "no error to recover from"), s);
        }
        List<ErrorCode> latched = PRIORITY.stream()
                .filter(c -> s.errors().containsKey(c) && !c.clearsByItself()).toList();
        if (latched.isEmpty()) {
            return new Outcome(new ChargerControl.Result(false, String.join(", ", s.errors().keySet().stream()
                    .map(Enum::name).toList()) + " clear by themselves once the cause is gone (manual §9.1)"), s);
        }
        List<ErrorCode> persisting = latched.stream().filter(s.causes()::containsKey).toList();
        List<ErrorCode> clearable = latched.stream().filter(c -> !s.causes().containsKey(c)).toList();
        String stays = persisting.stream().map(c -> c.name() + " (" + s.causes().get(c) + ")")
                .collect(Collectors.joining(", "));
        if (clearable.isEmpty()) {
            return new Outcome(new ChargerControl.Result(false,
                    "recovery refused: the cause is still present: " + stays), s);
        }
        String msg = "recovery: " + clearable.stream().map(Enum::name).collect(Collectors.joining(", "))
                + " cleared" + (persisting.isEmpty() ? "" : "; still active, cause present: " + stays);
        return new Outcome(new ChargerControl.Result(true, msg), s.withRecoveryRequested(true));
    }

    /** Pause by the user (manual §6.2.1 short press while charging). */
    static Outcome pause(CoreState s) {
        String refusal = !s.errors().isEmpty() ? "an error is active: use the recovery"
                : s.outOfService() ? "the device is out of service"
                        : s.state() == ChargerState.NOT_ENABLED ? "charging is not enabled"
                                : s.userPaused() ? "already paused by the user"
                                        : !(s.pilot() == PilotState.B || s.pilot() == PilotState.C
                                                || s.pilot() == PilotState.D) ? "no vehicle connected" : null;
        if (refusal != null) {
            return new Outcome(new ChargerControl.Result(false, "pause refused: " + refusal), s);
        }
        return new Outcome(new ChargerControl.Result(true, "charge " + DETAIL_USER_PAUSE), s.withUserPaused(true));
    }

    /** Resume a charge paused by the user (manual §6.2.1 short press while paused). */
    static Outcome resume(CoreState s) {
        if (!s.userPaused()) {
            return new Outcome(new ChargerControl.Result(false, "resume refused: the charge is not paused by the user"),
                    s);
        }
        return new Outcome(new ChargerControl.Result(true, "charge resumed"), s.withUserPaused(false));
    }

    static Outcome outOfService(CoreState s, boolean out) {
        return new Outcome(new ChargerControl.Result(true, out ? "device out of service: no charging"
                : "device back in service"), s.withOutOfService(out));
    }

    /**
     * A user authenticated (manual §5.7): for the vehicle connected now, or the next one plugged in within
     * {@code authValidityMs}.
     */
    static Outcome authorize(CoreState s, String idTag, Instant now) {
        String refusal = idTag == null || idTag.isBlank() ? "no id tag given"
                : s.outOfService() ? "the device is out of service"
                        : s.state() == ChargerState.NOT_ENABLED ? "charging is not enabled"
                                : s.access().updating() != null ? "a firmware update is in progress"
                                        : s.access().authorizedBy() != null
                                                ? "already authorized (" + s.access().authorizedBy() + ")" : null;
        if (refusal != null) {
            return new Outcome(new ChargerControl.Result(false, "authorization refused: " + refusal), s);
        }
        boolean connected = s.pilot() == PilotState.B || s.pilot() == PilotState.C || s.pilot() == PilotState.D;
        return new Outcome(new ChargerControl.Result(true, "authorized " + idTag
                + (connected ? "" : ": connect the vehicle to start charging")),
                s.withAccess(s.access().authorized(idTag, now)));
    }

    /** A firmware update begins (manual §5.9); postponed (refused) while a vehicle is connected. */
    static Outcome beginUpdate(CoreState s, String what, Instant now) {
        String refusal = what == null || what.isBlank() ? "nothing named to update"
                : s.access().updating() != null ? "an update is already in progress (" + s.access().updating() + ")"
                        : s.session() != null
                                ? "a vehicle is connected: the update waits for the end of the charging session "
                                        + "(manual §5.9)"
                                : null;
        if (refusal != null) {
            return new Outcome(new ChargerControl.Result(false, "update refused: " + refusal), s);
        }
        return new Outcome(new ChargerControl.Result(true, DETAIL_UPDATING + what),
                s.withAccess(s.access().update(what, now)));
    }

    /** The firmware update is over. */
    static Outcome endUpdate(CoreState s) {
        if (s.access().updating() == null || s.access().updateEnding()) {
            return new Outcome(new ChargerControl.Result(false, "no update in progress"), s);
        }
        return new Outcome(new ChargerControl.Result(true, "update over: " + s.access().updating()),
                s.withAccess(s.access().ending()));
    }

    /** A control request's answer and the state it leaves. */
    record Outcome(ChargerControl.Result result, CoreState next) {
    }

    /**
     * While the vehicle stays in C with the contactor closed and no offer: when the grace started, or null when
     * the contactor must be open now (not in C, not closed, or the grace is over).
     */
    private static Instant graceStart(CoreState prev, PilotState pilot, Instant now, CoreSettings core) {
        if (pilot != PilotState.C || !prev.contactorClosed()) {
            return null;
        }
        Instant since = prev.offerWithdrawnAt() == null ? now : prev.offerWithdrawnAt();
        return ms(since, now) < core.stopGraceMs() ? since : null;
    }

    private static long ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    private static String noOfferReason(Limit winner) {
        if (winner == null) {
            return "no limit provider registered";
        }
        String s = String.format(Locale.ROOT, "%s allows %.1f A, below the 6 A minimum (IEC 61851-1)",
                winner.source(), winner.amps());
        return winner.detail().isEmpty() ? s : s + "; " + winner.detail();
    }

    private static double energyShown(Session session, double lastEnergy) {
        return session != null ? session.energyWh() : lastEnergy;
    }
}
