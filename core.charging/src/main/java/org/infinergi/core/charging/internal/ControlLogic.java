package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.internal.CoreState.ActiveError;
import org.infinergi.core.charging.internal.CoreState.RdcTest;

/**
 * The charging core's decision, a pure function of one {@link ControlInput} (CONVENTIONS §8): IEC 61851-1 pilot
 * states A–F, installation gating (manual §4.10, §7.1.1), the offered current as the minimum over all limits, the
 * session bookkeeping, the error model of manual §9.1 (detection, latching, recovery), the RDC-DD self-test before
 * each charge (manual §4.3) and the connector lock of untethered models. No I/O, no clock reads, no mutable state.
 *
 * <p>Errors: every active error stops or suspends the charge. Those in {@link LatchAndRecovery#OPEN_AT_ONCE} open
 * the contactor in the cycle they are seen and hold the pilot in state F for {@code faultHoldMs} (≈ 300 ms,
 * IEC 61851-1); the others (I3, I4, D7, D1, D2, D9, V3) withdraw the PWM first and open once the vehicle has gone
 * to B or the stop grace is over. I3/I4/D7 clear by themselves when their cause is gone, V5 when the cable is
 * removed; all others wait for {@link ChargerControl#attemptRecovery()} after their cause is gone (and, where the
 * manual says "Disconnect the vehicle", after the vehicle was disconnected).
 *
 * <p>The control requests ({@code pause}, {@code resume}, {@code recover}, …) are answered from the last cycle's
 * state and leave the state the next cycle starts from.
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
    static final String DETAIL_RDC_TEST = ChargerStatus.DETAIL_PRE_CHARGE_TEST;
    static final String DETAIL_LOCKING = "locking the connector";
    static final String DETAIL_WAITING_HARDWARE = "waiting for the supervision hardware (board sensors, proximity pilot)";
    static final String DETAIL_AUTHENTICATION = "waiting for user authentication: present a valid card (manual §5.7)";
    static final String DETAIL_AUTHENTICATION_STARTING = "waiting for user authentication: authentication not ready "
            + "yet, present a card in a few seconds (manual §5.7)";
    static final String DETAIL_UPDATING = "firmware update in progress (manual §5.9): ";
    /** Which error is shown when several are active: see {@link LatchAndRecovery#PRIORITY}. */
    static final List<ErrorCode> PRIORITY = LatchAndRecovery.PRIORITY;

    /**
     * One control cycle, in the order a newcomer reads the manual: what the pilot says, the causes of the errors of
     * §9.1 ({@link ErrorDetectors}), raising and clearing them ({@link LatchAndRecovery}), the session
     * ({@link SessionBookkeeping}), the current to offer ({@link Offer}), what to drive ({@link Sequencer}).
     */
    ControlDecision decide(ControlInput in) {
        Cycle c = Cycle.of(in);
        if (c.stillStarting()) {
            return starting(c);
        }
        Debounce timers = new Debounce(c.prev().pending(), c.now());
        PilotView p = PilotView.read(c, timers);
        Map<ErrorCode, String> causes = ErrorDetectors.detect(c, p, timers);
        LatchAndRecovery.Latched errors = LatchAndRecovery.latch(c.prev(), causes, c.now(), c.core().faultHoldMs(),
                p.disconnected());
        SessionBookkeeping s = SessionBookkeeping.of(c, p);
        Offer offer = Offer.of(in.limits(), in.settings().charging().activeMode(), in.mode(),
                in.settings().device().phases());
        Sequencer.Drive d = Sequencer.drive(c, p, errors, s, offer);
        if (d.state() == ChargerState.CHARGING) {
            s = s.charging();
        }
        boolean lock = Sequencer.lockCommand(c, d, errors);
        if (p.suspect() && d.duty() > 0) {
            d = d.suspended();
        }
        CoreState next = next(c, p, d, lock, errors, causes, timers, s);
        return new ControlDecision(d.duty(), d.contactor(), d.offered(), d.state(), p.known() ? p.raw() : null,
                d.detail(), offer.limitedBy(), errors.any() ? errors.active().get(0).name() : null, c.powerW(),
                s.energyShown(), s.events(), next, errors.active(), errors.events(),
                d.rdc().phase() == RdcTest.Phase.TEST_CURRENT_ON, lock);
    }

    /** Before the first usable pilot reading (within the start-up grace): nothing offered, nothing judged. */
    private static ControlDecision starting(Cycle c) {
        CoreState prev = c.prev();
        CoreState next = prev.change().drive(ChargerState.INITIALISING, null, DutyCycle.NO_OFFER, false, 0, null)
                .errors(prev.errors(), Map.of(), prev.pending(), null).rdc(RdcTest.NOT_TESTED)
                .lock(false, prev.lockChangedAt()).times(c.startedAt(), c.trustedFrom()).build();
        double energy = prev.session() != null ? prev.session().energyWh() : prev.lastSessionEnergyWh();
        return new ControlDecision(DutyCycle.NO_OFFER, false, 0, ChargerState.INITIALISING, null,
                DETAIL_INITIALISING, null, null, c.powerW(), energy, List.of(), next, List.of(), List.of(), false,
                false);
    }

    /** The state handed to the next cycle. */
    private static CoreState next(Cycle c, PilotView p, Sequencer.Drive d, boolean lock,
            LatchAndRecovery.Latched errors, Map<ErrorCode, String> causes, Debounce timers, SessionBookkeeping s) {
        CoreState prev = c.prev();
        Instant now = c.now();
        Instant lockChangedAt = lock != prev.lockCommanded() ? now
                : prev.lockChangedAt() == null ? c.startedAt() : prev.lockChangedAt();
        // While state F is driven the line shows no vehicle; after it the line settles again.
        Instant trustedFrom = d.duty() <= 0 ? now.plusMillis(Cycle.settleMs(c.core())) : c.trustedFrom();
        CoreState.Access access = s.access();
        if (access.updateEnding()) {
            // This cycle showed the update once more; the next one is back to normal operation.
            access = access.update(null, null);
        }
        return prev.change().drive(d.state(), p.pilot(), d.duty(), d.contactor(), d.offered(), d.withdrawnAt())
                .session(s.session(), s.lastEnergy())
                .errors(errors.errors(), causes, timers.timers(), errors.holdUntil())
                .rdc(d.rdc()).lock(lock, lockChangedAt).userPaused(s.userPaused()).recoveryRequested(false)
                .times(c.startedAt(), trustedFrom).access(access)
                // an ended charge holds until the vehicle is unplugged; the next vehicle charges as usual
                .chargeEnded(p.disconnected() ? null : prev.chargeEnded()).build();
    }

    /** "V2 Ground fault: DC leakage … (also active: I3)". */
    static String describe(List<ErrorCode> active, Map<ErrorCode, ActiveError> errors) {
        return LatchAndRecovery.describe(active, errors);
    }

    /** A recovery attempt (manual §9.1): see {@link LatchAndRecovery#recover}. */
    static Outcome recover(CoreState s) {
        return LatchAndRecovery.recover(s);
    }

    /** Pause by the user (manual §6.2.1 short press while charging). */
    static Outcome pause(CoreState s) {
        String refusal = !s.errors().isEmpty() ? "an error is active: use the recovery"
                : s.outOfService() ? "the device is out of service"
                        : s.state() == ChargerState.NOT_ENABLED ? "charging is not enabled"
                                : s.chargeEnded() != null ? "the charge is ended (" + s.chargeEnded()
                                        + "): unplug the vehicle"
                                : s.userPaused() ? "already paused by the user"
                                        : !PilotView.connected(s.pilot()) ? "no vehicle connected" : null;
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

    /**
     * The charge of this session ends for good (a central system's RemoteStopTransaction, Reset, UnlockConnector):
     * the PWM is withdrawn, the contactor opens as IEC 61851-1 says, the display shows "Charging terminated" (manual
     * §6.1.1) until the vehicle is unplugged. Unlike the user's pause (§6.2.1) no button press resumes it.
     */
    static Outcome endCharge(CoreState s, String reason) {
        String why = reason == null || reason.isBlank() ? "ended" : reason.trim();
        if (!PilotView.connected(s.pilot()) && s.session() == null) {
            return new Outcome(new ChargerControl.Result(false, "end of charge refused: no vehicle connected"), s);
        }
        if (s.chargeEnded() != null) {
            return new Outcome(new ChargerControl.Result(true, "charge already ended (" + s.chargeEnded() + ")"), s);
        }
        return new Outcome(new ChargerControl.Result(true, DETAIL_TERMINATED + ": " + why),
                s.change().userPaused(false).chargeEnded(why).build());
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
        return new Outcome(new ChargerControl.Result(true, "authorized " + idTag
                + (PilotView.connected(s.pilot()) ? "" : ": connect the vehicle to start charging")),
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
}
