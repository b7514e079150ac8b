package org.infinergi.core.charging.internal;

import static org.infinergi.core.charging.internal.Debounce.ms;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotReading;
import org.infinergi.core.charging.internal.CoreState.RdcTest;
import org.infinergi.core.charging.internal.CoreState.RdcTest.Phase;
import org.infinergi.core.charging.internal.Timers.Watch;

/**
 * The causes of the errors of manual §9.1 present in one cycle, one small detector per code or family, each named
 * as the manual names the error. A detector only says what it sees; raising, latching and clearing is
 * {@link LatchAndRecovery}'s. The protections judge the box's own measurement ({@link Cycle#meter()}), never the
 * MID meter of the statistics (manual §5.2.1.2): a MID meter without per-phase values, or a silent one, changes
 * the session's energy, not safety.
 */
final class ErrorDetectors {

    private final Cycle c;
    private final PilotView p;
    private final Debounce timers;
    private final CoreState prev;
    private final CoreSettings core;
    private final HalSnapshot hal;
    private final Map<ErrorCode, String> causes = new EnumMap<>(ErrorCode.class);
    /** A supervision service the model needs has been missing long enough to be an error (D3, D5, D6). */
    private final boolean supervisionGone;

    private ErrorDetectors(Cycle c, PilotView p, Debounce timers) {
        this.c = c;
        this.p = p;
        this.timers = timers;
        this.prev = c.prev();
        this.core = c.core();
        this.hal = c.hal();
        // A console bundle:update of the pilot driver takes its services away for a moment: the charge stops at
        // once (Sequencer), but only a service still missing after SERVICE_GAP_MS is an error in the history.
        boolean missing = Sequencer.supervisionMissing(c, hal);
        Instant lastSeen = timers.at(Timers.Watch.SUPERVISION_SEEN);
        if (!missing) {
            timers.mark(Timers.Watch.SUPERVISION_SEEN);
        } else if (lastSeen != null) {
            timers.keep(Timers.Watch.SUPERVISION_SEEN);
        }
        Instant since = lastSeen != null ? lastSeen : c.startedAt();
        this.supervisionGone = missing && c.bootOver() && ms(since, c.now()) >= SERVICE_GAP_MS;
    }

    /** How long a supervision service may be missing (its bundle restarting) before it is an error. */
    static final long SERVICE_GAP_MS = 2_000;

    /** Every cause seen this cycle, with what was detected. */
    static Map<ErrorCode, String> detect(Cycle c, PilotView p, Debounce timers) {
        ErrorDetectors d = new ErrorDetectors(c, p, timers);
        d.earthConnection();
        d.phaseReversal();
        d.supplyVoltage();
        d.overload();
        d.groundFault();
        d.nonCompliantVehicle();
        d.pilotProblem();
        d.invalidCable();
        d.internalCommunication();
        d.remoteCommunication();
        d.internalHardware();
        d.incorrectOutputVoltage();
        d.connectorLock();
        d.internalProtectiveDevice();
        d.overheating();
        d.unexpectedStatus();
        d.midMeterCommunication();
        return d.causes;
    }

    private boolean active(ErrorCode code) {
        return prev.errors().containsKey(code);
    }

    // ---- 1 Installation ----

    /** I1 Problem with the earth connection. */
    private void earthConnection() {
        // IT earthing (manual §4.3): no earth–neutral bond, the installation's insulation monitoring device
        // watches the earth; the board's earth monitor is meaningful on TN/TT only.
        if (hal.boardSensors() && c.in().settings().installation().earthing() == Earthing.TN_TT
                && !hal.earthPresent()) {
            causes.put(ErrorCode.I1, "earth wire disconnected or impedance too high (TN/TT installation)");
        }
    }

    /** I2 Phase reversal. */
    private void phaseReversal() {
        if (hal.boardSensors() && hal.phaseNeutralReversed()) {
            causes.put(ErrorCode.I2, "phase and neutral input cables reversed");
        }
    }

    /** I3 Undervoltage and I4 Overvoltage: a phase voltage out of range for voltageDebounceMs. */
    private void supplyVoltage() {
        MeterReading meter = c.meter();
        if (meter == null || meter.voltagesV() == null) {
            return;
        }
        int n = Math.min(c.device().phases(), meter.voltagesV().length);
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
        if (active(ErrorCode.I3) ? under : timers.held(ErrorCode.I3, under, core.voltageDebounceMs())) {
            causes.put(ErrorCode.I3, String.format(Locale.ROOT,
                    "input voltage too low: %.0f V on a phase, minimum %d V", min, core.undervoltageV()));
        }
        if (active(ErrorCode.I4) ? over : timers.held(ErrorCode.I4, over, core.voltageDebounceMs())) {
            causes.put(ErrorCode.I4, String.format(Locale.ROOT,
                    "input voltage too high: %.0f V on a phase, maximum %d V", max, core.overvoltageV()));
        }
    }

    // ---- 2 Vehicle ----

    /** V1 Overload: the vehicle draws more than overloadPct (125 %) of the offer for overloadMs. */
    private void overload() {
        if (!prev.contactorClosed() || prev.offeredA() <= 0) {
            return;
        }
        double drawnA = drawnA(c.meter());
        double limit = prev.offeredA() * core.overloadPct() / 100.0;
        if (timers.held(ErrorCode.V1, drawnA > limit, core.overloadMs())) {
            causes.put(ErrorCode.V1, String.format(Locale.ROOT,
                    "the vehicle draws %.1f A, more than %d %% of the %.1f A offered", drawnA, core.overloadPct(),
                    prev.offeredA()));
        }
    }

    /** V2 Ground fault: the RDC-DD trips during the charge (and the fault is held while it stays tripped). */
    private void groundFault() {
        if (hal.rdc() && hal.rdcTripped() && (prev.contactorClosed() || active(ErrorCode.V2))) {
            causes.put(ErrorCode.V2, "DC leakage of 6 mA or more detected during charge (RDC-DD, IEC 62955)");
        }
    }

    /** V3 Non-compliant vehicle: it keeps drawing after the PWM offer was withdrawn and the grace is over. */
    private void nonCompliantVehicle() {
        double drawnA = drawnA(c.meter());
        if (prev.contactorClosed() && prev.offerWithdrawnAt() != null && p.pilot() == PilotState.C
                && ms(prev.offerWithdrawnAt(), c.now()) >= core.stopGraceMs() && drawnA > core.stopCurrentA()) {
            causes.put(ErrorCode.V3, String.format(Locale.ROOT,
                    "the vehicle still draws %.1f A %d ms after the PWM offer was withdrawn (IEC 61851-1)", drawnA,
                    core.stopGraceMs()));
        }
    }

    /** V4 Pilot problem: state E, F read back, no band, or the vehicle's diode missing under PWM. */
    private void pilotProblem() {
        PilotReading reading = c.reading();
        if (p.fault()) {
            if (p.raw() == null) {
                causes.put(ErrorCode.V4, String.format(Locale.ROOT,
                        "%.2f V on the pilot is outside every pilot state band", reading.positiveV()));
            } else if (p.raw() == PilotState.E) {
                causes.put(ErrorCode.V4, "state E: pilot shorted to PE");
            } else if (p.raw() == PilotState.F) {
                causes.put(ErrorCode.V4, "state F read back from the pilot line");
            }
        }
        if (!p.known() && active(ErrorCode.V4)) {
            // While we hold state F after the fault (or the line settles) the reading says nothing: the pilot fault
            // is not known to be gone, so a recovery attempt cannot clear it yet.
            causes.put(ErrorCode.V4, prev.errors().get(ErrorCode.V4).detail());
        }
        if (p.known()) {
            boolean vehicleOnLine = PilotView.connected(p.raw());
            boolean noDiode = pwmOn() && vehicleOnLine
                    && reading.negativeV() > PilotState.F.nominalVolts() + PilotState.WINDOW_V;
            if (timers.held(Watch.VEHICLE_DIODE, noDiode, core.diodeCheckMs())) {
                causes.putIfAbsent(ErrorCode.V4, String.format(Locale.ROOT,
                        "negative pilot plateau %.1f V instead of −12 V under PWM: vehicle diode missing",
                        reading.negativeV()));
            }
        }
    }

    /** V5 Invalid cable (untethered): the proximity pilot matches no cable while a vehicle is connected. */
    private void invalidCable() {
        if (c.untethered() && hal.proximityPilot() && p.connected() && !CableCapacity.valid(hal.ppOhm())) {
            causes.put(ErrorCode.V5, String.format(Locale.ROOT,
                    "proximity pilot %.0f Ω matches no cable (13, 20, 32, 63/70 A)", hal.ppOhm()));
        }
    }

    // ---- 3 Device ----

    /** D1 Internal communication error: the panel board does not answer. */
    private void internalCommunication() {
        if (hal.panel() && !hal.panelResponding()) {
            causes.put(ErrorCode.D1, "the panel board does not answer over the internal data cable");
        }
    }

    /** D2 Remote communication error: the configured CT remote device is missing or silent. */
    private void remoteCommunication() {
        if (c.in().metering().gridMeter() == MeteringSettings.GridMeter.CT
                && silent(ErrorCode.D2, Watch.CT_REMOTE_ANSWERED, hal.gridMeterPresent(), hal.gridMeter())) {
            causes.put(ErrorCode.D2, "the CT remote device does not answer");
        }
    }

    /** D3 Internal hardware error: a read that failed, or a supervision service the model needs and misses. */
    private void internalHardware() {
        PilotReading reading = c.reading();
        // A failed read names its cause (the pilot driver's own words first), before the generic pilot message.
        for (String f : hal.hardwareFaults()) {
            causes.putIfAbsent(ErrorCode.D3, f);
        }
        if (!c.readable()) {
            causes.putIfAbsent(ErrorCode.D3, reading == null ? "the pilot ADC could not be read"
                    : "the pilot ADC gives no value (NaN)");
        }
        if (hal.boardSensors() && Double.isNaN(hal.temperatureC())) {
            causes.putIfAbsent(ErrorCode.D3, "the temperature sensor cannot be read");
        }
        if (!hal.boardSensors() && core.requireBoardSensors() && supervisionGone) {
            causes.putIfAbsent(ErrorCode.D3, "no board sensors (earth, phase reversal, temperature) available");
        }
        if (c.untethered() && !hal.proximityPilot() && supervisionGone) {
            causes.putIfAbsent(ErrorCode.D3, "no proximity pilot reader available (untethered model)");
        }
    }

    /** D4 Incorrect output voltage: the relay feedback disagrees with the command for relayTimeoutMs. */
    private void incorrectOutputVoltage() {
        boolean mismatch = c.in().contactorFeedback() != prev.contactorClosed();
        if (timers.held(ErrorCode.D4, mismatch, core.relayTimeoutMs())) {
            causes.put(ErrorCode.D4, prev.contactorClosed()
                    ? "the contactor did not close: relay feedback open while commanded closed"
                    : "the contactor is closed while commanded open: welded contact");
        }
    }

    /** D5 Error in locking/unlocking the connector (untethered). */
    private void connectorLock() {
        if (!c.untethered()) {
            return;
        }
        if (!hal.lock()) {
            if (supervisionGone && p.connected()) {
                causes.put(ErrorCode.D5, "no connector lock available (untethered model)");
            }
        } else if (hal.lockFeedback() != prev.lockCommanded()) {
            Instant since = prev.lockChangedAt() == null ? c.startedAt() : prev.lockChangedAt();
            if (ms(since, c.now()) >= core.lockTimeoutMs()) {
                causes.put(ErrorCode.D5, prev.lockCommanded() ? "the connector lock did not engage"
                        : "the connector lock did not release");
            }
        }
    }

    /** D6 Internal protective device error: the RDC-DD fails its self-test before the charge, or is missing. */
    private void internalProtectiveDevice() {
        RdcTest rdc = p.disconnected() ? RdcTest.NOT_TESTED : prev.rdc();
        if (hal.rdc() && rdc.phase() == Phase.TEST_CURRENT_ON && !hal.rdcTripped()
                && ms(rdc.since(), c.now()) >= core.rdcTestTimeoutMs()) {
            causes.put(ErrorCode.D6, "the RDC-DD did not trip on its test current (self-test before the charge)");
        } else if (hal.rdc() && rdc.phase() == Phase.TEST_CURRENT_OFF && hal.rdcTripped()
                && ms(rdc.since(), c.now()) >= core.rdcTestTimeoutMs()) {
            causes.put(ErrorCode.D6, "the RDC-DD did not release after its self-test");
        }
        if (!hal.rdc() && core.requireRdcDd() && p.connected() && c.gate() == null && supervisionGone) {
            causes.put(ErrorCode.D6, "no RDC-DD available to test before the charge (manual §4.3)");
        }
    }

    /** D7 Overheating: above criticalC; once raised, until below recoveryC. */
    private void overheating() {
        if (!hal.boardSensors() || Double.isNaN(hal.temperatureC())) {
            return;
        }
        ThermalSettings thermal = c.in().thermal();
        double t = hal.temperatureC();
        boolean hot = active(ErrorCode.D7) ? t >= thermal.recoveryC() : t > thermal.criticalC();
        if (hot) {
            causes.put(ErrorCode.D7, String.format(Locale.ROOT,
                    "internal temperature %.1f °C above the critical threshold %d °C (clears below %d °C)", t,
                    thermal.criticalC(), thermal.recoveryC()));
        }
    }

    /**
     * D8 Unexpected status, raised by the oscillator check: the line shows a PWM (the negative half-wave of the
     * oscillator) while the charger commands a steady +12 V. The charger then signals a current offer it does not
     * make, a state IEC 61851-1 does not know; the vehicle could start drawing on it.
     */
    private void unexpectedStatus() {
        // A D8 raised by the oscillator check (not by a failed cycle): its cause is tracked as long as it is seen.
        boolean oscillatorFault = active(ErrorCode.D8) && timers.was(Watch.OSCILLATOR_D8);
        PilotReading reading = c.reading();
        if (p.known()) {
            boolean steadyCommanded = prev.dutyCyclePct() >= DutyCycle.NO_OFFER;
            boolean pwmSeen = steadyCommanded
                    && reading.negativeV() < PilotState.F.nominalVolts() + PilotState.WINDOW_V;
            if (oscillatorFault ? pwmSeen : timers.held(ErrorCode.D8, pwmSeen, core.oscillatorCheckMs())) {
                causes.put(ErrorCode.D8, String.format(Locale.ROOT,
                        "the pilot line shows a PWM (negative plateau %.1f V) while the charger commands a steady "
                                + "+12 V: it signals an offer it does not make (IEC 61851-1)",
                        reading.negativeV()));
                timers.mark(Watch.OSCILLATOR_D8);
            }
        } else if (oscillatorFault) {
            // While state F is held (and the line settles) the oscillator cannot be watched: not known to be fixed.
            causes.put(ErrorCode.D8, prev.causes().getOrDefault(ErrorCode.D8, "pilot oscillator out of control"));
            timers.keep(Watch.OSCILLATOR_D8);
        }
    }

    /**
     * D9 Communication error with MID meter: the configured MID meter is missing or silent. Raised while the charger
     * starts up with a meter that needs time after power-up (IVY, manual §9.1 note 5: "ignore the D9 errors"), it
     * is {@link #D9_AT_START_UP}: transient, it clears by itself once the meter answers.
     */
    private void midMeterCommunication() {
        if (c.in().metering().vehicleMeter() == MeteringSettings.VehicleMeter.MID
                && silent(ErrorCode.D9, Watch.MID_METER_ANSWERED, hal.vehicleMeterPresent(), c.in().vehicleMeter())) {
            long grace = hal.midMeterStartupGraceMs();
            boolean startingUp = grace > 0 && ms(c.startedAt(), c.now()) <= core.meterStaleMs() + grace;
            causes.put(ErrorCode.D9, startingUp ? D9_AT_START_UP : "the configured MID meter does not answer");
        }
    }

    /** The cause of a D9 raised during the MID meter's start-up grace: it clears by itself (LatchAndRecovery). */
    static final String D9_AT_START_UP = "the configured MID meter does not answer yet: it may need about a minute "
            + "after power-up (manual §9.1 note 5); clears by itself once it answers";

    // ---- helpers ----

    private boolean pwmOn() {
        return prev.dutyCyclePct() > 0 && prev.dutyCyclePct() < DutyCycle.NO_OFFER;
    }

    /**
     * A configured meter is silent: missing or without an answer for longer than meterStaleMs, counted from its last
     * reading's sample time even after the driver has withdrawn that reading (a stale reading is a missing one): the
     * error comes meterStaleMs after the last answer, not meterStaleMs after the withdrawal.
     */
    private boolean silent(ErrorCode code, Watch answered, boolean present, MeterReading reading) {
        if (present && reading != null && reading.at() != null) {
            timers.mark(answered, reading.at());
            return ms(reading.at(), c.now()) > core.meterStaleMs();
        }
        Instant last = timers.since(answered);
        if (last != null) {
            timers.mark(answered, last);
            return ms(last, c.now()) > core.meterStaleMs();
        }
        return timers.held(code, true, core.meterStaleMs());
    }

    /** The highest phase current, 0 without a reading. */
    static double drawnA(MeterReading meter) {
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
}
