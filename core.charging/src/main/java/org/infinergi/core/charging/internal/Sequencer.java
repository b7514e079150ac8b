package org.infinergi.core.charging.internal;

import static org.infinergi.core.charging.internal.Debounce.ms;

import java.time.Instant;
import java.util.Locale;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.internal.CoreState.RdcTest;
import org.infinergi.core.charging.internal.CoreState.RdcTest.Phase;

/**
 * The pilot/contactor sequencer of IEC 61851-1: one small handler per situation (stopped, and the vehicle's state
 * A, B, C, D), each saying what to drive. The RDC-DD self-test (manual §4.3) runs before each charge; on untethered
 * models the connector is locked before the contactor closes and released only once it is open.
 */
final class Sequencer {

    /**
     * What to drive after one cycle.
     *
     * @param state       display state
     * @param detail      why the state is what it is
     * @param duty        PWM duty cycle, percent (100 = no offer, 0 = state F)
     * @param contactor   contactor command
     * @param offered     current offered through the PWM, 0 when none
     * @param withdrawnAt when the offer was withdrawn with the contactor still closed in C, or null
     * @param rdc         the RDC-DD self-test of this session
     * @param wantLock    the charge is ready to start: lock the connector
     */
    record Drive(ChargerState state, String detail, double duty, boolean contactor, double offered,
            Instant withdrawnAt, RdcTest rdc, boolean wantLock) {

        /** Nothing offered, contactor open. */
        static Drive idle(ChargerState state, String detail, RdcTest rdc) {
            return new Drive(state, detail, DutyCycle.NO_OFFER, false, 0, null, rdc, false);
        }

        /** An unconfirmed pilot fault: nothing offered, contactor open, until it goes away or becomes V4. */
        Drive suspended() {
            return new Drive(state, "pilot reading outside the expected states: charging suspended while it is "
                    + "confirmed", DutyCycle.NO_OFFER, false, 0, null, rdc, wantLock);
        }
    }

    private final Cycle c;
    private final PilotView p;
    private final LatchAndRecovery.Latched errors;
    private final SessionBookkeeping s;
    private final Offer offer;
    private final CoreSettings core;
    private final HalSnapshot hal;

    private Sequencer(Cycle c, PilotView p, LatchAndRecovery.Latched errors, SessionBookkeeping s, Offer offer) {
        this.c = c;
        this.p = p;
        this.errors = errors;
        this.s = s;
        this.offer = offer;
        this.core = c.core();
        this.hal = c.hal();
    }

    static Drive drive(Cycle c, PilotView p, LatchAndRecovery.Latched errors, SessionBookkeeping s, Offer offer) {
        Sequencer q = new Sequencer(c, p, errors, s, offer);
        RdcTest rdc = q.rdcAtStart();
        String blocked = q.blocked();
        if (blocked != null) {
            return q.stopped(rdc);
        }
        return switch (p.pilot() == null ? PilotState.A : p.pilot()) {
        case A -> Drive.idle(ChargerState.VEHICLE_NOT_CONNECTED, "", rdc);
        case B -> q.vehicleConnected(rdc);
        case C -> q.vehicleAsksToCharge(rdc);
        case D -> Drive.idle(ChargerState.PAUSED, ControlLogic.DETAIL_VENTILATION, rdc);
        default -> throw new IllegalStateException("unreachable: " + p.pilot());
        };
    }

    /** The self-test restarts with each vehicle; a test in progress without the device is abandoned. */
    private RdcTest rdcAtStart() {
        RdcTest rdc = p.disconnected() ? RdcTest.NOT_TESTED : c.prev().rdc();
        if (!hal.rdc() && (rdc.phase() == Phase.TEST_CURRENT_ON || rdc.phase() == Phase.TEST_CURRENT_OFF)) {
            return RdcTest.NOT_TESTED;
        }
        return rdc;
    }

    /** After a start the authentication feature may not read cards yet: a card presented then is not seen. */
    private String authDetail() {
        return c.in().authStarting() ? ControlLogic.DETAIL_AUTHENTICATION_STARTING : ControlLogic.DETAIL_AUTHENTICATION;
    }

    /** What keeps the charger from offering current, or null. */
    private String blocked() {
        return errors.any() ? "error" : c.gate() != null ? c.gate()
                : c.prev().outOfService() ? ControlLogic.DETAIL_OUT_OF_SERVICE
                        : s.access().updating() != null ? ControlLogic.DETAIL_UPDATING
                                : c.prev().chargeEnded() != null && p.connected() ? ControlLogic.DETAIL_TERMINATED
                                : s.needsAuth() ? authDetail()
                                        : s.userPaused() && p.connected() ? ControlLogic.DETAIL_USER_PAUSE : null;
    }

    /**
     * The EVSE stops: PWM withdrawn first, the contactor opens when the EV has gone to B or the grace is over — at
     * once for the faults of {@link LatchAndRecovery#OPEN_AT_ONCE}, with state F held after them.
     */
    private Drive stopped(RdcTest rdcBefore) {
        Instant since = errors.openAtOnce() ? null : graceStart();
        // A test in progress is abandoned; after an error the next charge is tested again.
        RdcTest rdc = rdcBefore.phase() != Phase.PASSED || errors.any() ? RdcTest.NOT_TESTED : rdcBefore;
        ChargerState state;
        String detail;
        double duty = DutyCycle.NO_OFFER;
        if (errors.any()) {
            state = ChargerState.ERROR;
            detail = LatchAndRecovery.describe(errors.active(), errors.errors());
            duty = errors.holdF(c.now()) ? 0 : DutyCycle.NO_OFFER;
        } else if (c.gate() != null) {
            state = ChargerState.NOT_ENABLED;
            detail = c.gate();
        } else if (c.prev().outOfService()) {
            state = ChargerState.OUT_OF_SERVICE;
            detail = ControlLogic.DETAIL_OUT_OF_SERVICE;
        } else if (s.access().updating() != null) {
            state = ChargerState.UPDATING;
            detail = ControlLogic.DETAIL_UPDATING + s.access().updating();
        } else if (c.prev().chargeEnded() != null && p.connected()) {
            // ended by ChargerControl.endCharge: "Charging terminated" (manual §6.1.1) until the unplug
            state = ChargerState.TERMINATED;
            detail = ControlLogic.DETAIL_TERMINATED + ": " + c.prev().chargeEnded();
        } else if (s.needsAuth()) {
            state = ChargerState.WAITING_FOR_AUTHENTICATION;
            detail = authDetail();
        } else {
            state = ChargerState.PAUSED;
            detail = ControlLogic.DETAIL_USER_PAUSE;
        }
        return new Drive(state, detail, duty, since != null, 0, since, rdc, false);
    }

    /** State B: offer the current and test the RDC-DD; the vehicle decides when to draw. */
    private Drive vehicleConnected(RdcTest rdcBefore) {
        if (!offer.any()) {
            // Manual §8: a mode that says "do not charge now" suspends the charge; too little current is "charging
            // current not available". DLM's and Green's pauses begin with the manual's words (Offer.manualRow).
            return offer.modePause() != null
                    ? Drive.idle(ChargerState.PAUSED, offer.noOfferDetail("paused"), rdcBefore)
                    : Drive.idle(ChargerState.WAITING_FOR_CURRENT, offer.noOfferDetail("no current available"),
                            rdcBefore);
        }
        RdcTest rdc = advance(rdcBefore);
        boolean finished = s.session() != null && s.session().hasCharged();
        ChargerState state = finished ? ChargerState.TERMINATED : ChargerState.WAITING_FOR_CURRENT;
        String detail = testing(rdc) ? ControlLogic.DETAIL_RDC_TEST
                : finished ? ControlLogic.DETAIL_TERMINATED : ControlLogic.DETAIL_WAITING;
        return new Drive(state, detail, DutyCycle.forCurrent(offer.amps()), false, offer.amps(), null, rdc, false);
    }

    /** State C: close the contactor once everything is ready; without an offer, stop as IEC 61851-1 says. */
    private Drive vehicleAsksToCharge(RdcTest rdcBefore) {
        if (!offer.any()) {
            // IEC 61851-1: the EVSE stops a charge by withdrawing the PWM first; the contactor opens when the EV
            // has gone to B, or after the grace at the latest.
            Instant since = graceStart();
            return new Drive(ChargerState.PAUSED, offer.noOfferDetail("paused"), DutyCycle.NO_OFFER,
                    since != null, 0, since, rdcBefore, false);
        }
        RdcTest rdc = advance(rdcBefore);
        CoreState prev = c.prev();
        // IEC 61851-1: close only once the PWM offer is on the line, the RDC-DD passed its test (manual §4.3) and,
        // on untethered models, the plug is locked (or keep it closed if it was).
        boolean pwmWasOn = prev.dutyCyclePct() > 0 && prev.dutyCyclePct() < DutyCycle.NO_OFFER;
        // A service the model needs and misses (within the start-up grace, before it becomes an error) does not
        // allow charging either.
        boolean supervised = (hal.boardSensors() || !core.requireBoardSensors())
                && (!c.untethered() || hal.proximityPilot());
        boolean ready = pwmWasOn && rdc.phase() == Phase.PASSED && supervised;
        boolean locked = !c.untethered() || (hal.lock() && hal.lockFeedback() && prev.lockCommanded());
        // A supervision service gone while charging (its bundle restarting) opens the contactor at once; it is an
        // error only if it stays away (ErrorDetectors.SERVICE_GAP_MS).
        boolean contactor = (prev.contactorClosed() && !supervisionMissing(c, hal)) || (ready && locked);
        String detail = contactor
                ? String.format(Locale.ROOT, "charging at %.1f A, limited by %s", offer.amps(), offer.limitedBy())
                : testing(rdc) ? ControlLogic.DETAIL_RDC_TEST
                        : !supervised ? ControlLogic.DETAIL_WAITING_HARDWARE
                                : ready && !locked ? ControlLogic.DETAIL_LOCKING
                                        : "current offered, closing the contactor";
        return new Drive(contactor ? ChargerState.CHARGING : ChargerState.WAITING_FOR_CURRENT, detail,
                DutyCycle.forCurrent(offer.amps()), contactor, offer.amps(), null, rdc, ready);
    }

    /** A supervision service the model needs is not bound: no charge without it (manual §4.3, §9.1 D3, D5, D6). */
    static boolean supervisionMissing(Cycle c, HalSnapshot hal) {
        CoreSettings core = c.core();
        return (!hal.boardSensors() && core.requireBoardSensors()) || (!hal.rdc() && core.requireRdcDd())
                || (c.untethered() && (!hal.proximityPilot() || !hal.lock()));
    }

    /**
     * While the vehicle stays in C with the contactor closed and no offer: when the grace started, or null when
     * the contactor must be open now (not in C, not closed, or the grace is over).
     */
    private Instant graceStart() {
        CoreState prev = c.prev();
        if (p.pilot() != PilotState.C || !prev.contactorClosed()) {
            return null;
        }
        Instant since = prev.offerWithdrawnAt() == null ? c.now() : prev.offerWithdrawnAt();
        return ms(since, c.now()) < core.stopGraceMs() ? since : null;
    }

    /** One step of the RDC-DD self-test (manual §4.3, IEC 62955): test current on → trips → off → releases. */
    private RdcTest advance(RdcTest rdc) {
        if (rdc.phase() == Phase.PASSED) {
            return rdc;
        }
        if (!hal.rdc()) {
            // Without the device: charge only when the configuration says the model has none (requireRdcDd=false).
            return core.requireRdcDd() ? RdcTest.NOT_TESTED : new RdcTest(Phase.PASSED, c.now());
        }
        return switch (rdc.phase()) {
        case NOT_TESTED -> new RdcTest(Phase.TEST_CURRENT_ON, c.now());
        case TEST_CURRENT_ON -> hal.rdcTripped() ? new RdcTest(Phase.TEST_CURRENT_OFF, c.now()) : rdc;
        case TEST_CURRENT_OFF -> hal.rdcTripped() ? rdc : new RdcTest(Phase.PASSED, c.now());
        case PASSED -> rdc;
        };
    }

    private static boolean testing(RdcTest rdc) {
        return rdc.phase() != Phase.PASSED;
    }

    /**
     * The connector lock (untethered): engaged before the contactor closes, released only once it is open (and
     * not engaged again while D5 says it does not work).
     */
    static boolean lockCommand(Cycle c, Drive d, LatchAndRecovery.Latched errors) {
        return c.untethered() && c.hal().lock()
                && (d.contactor() || c.prev().contactorClosed() || c.in().contactorFeedback()
                        || (d.wantLock() && !errors.errors().containsKey(ErrorCode.D5)));
    }
}
