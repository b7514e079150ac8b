package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;

/**
 * What the control logic remembers from one cycle to the next.
 *
 * @param state             display state decided last cycle
 * @param pilot             pilot state read last cycle (or kept while the line was not readable), or null
 * @param dutyCyclePct      duty cycle commanded last cycle
 * @param contactorClosed   contactor commanded last cycle
 * @param session           the session in progress, or null
 * @param lastSessionEnergyWh energy of the last finished session (shown until the next plug-in)
 * @param offerWithdrawnAt  when the PWM offer was withdrawn with the contactor still closed in C, or null
 * @param offeredA          current offered last cycle (0 = none)
 * @param errors            active errors with when they were raised and what was detected
 * @param causes            the error causes present last cycle (answers a recovery attempt at once)
 * @param pending           since when each debounced condition has been seen
 * @param faultHoldUntil    state F is driven until then (after a fault that opened at once), or null
 * @param rdc               the RDC-DD self-test of this session
 * @param lockCommanded     the connector lock command of last cycle (untethered)
 * @param lockChangedAt     when that command last changed, or null
 * @param userPaused        the user paused the charge (manual §6.2.1); cleared on unplug
 * @param outOfService      the device was taken out of service
 * @param recoveryRequested a recovery attempt waits for the next cycle
 * @param startedAt         the first cycle's time (hardware start-up grace), or null before it
 * @param pilotTrustedFrom  pilot readings before this time do not show the vehicle (the line was in state F, as
 *                          the driver leaves it at start and the core drives it after a fault), or null
 * @param access            user authentication (manual §5.7) and firmware update (§5.9) in force
 * @param chargeEnded       why the charge of this session was ended ({@code ChargerControl.endCharge}: a central
 *                          system's RemoteStopTransaction, Reset, UnlockConnector), or null; no button resumes it,
 *                          it holds until the vehicle is unplugged
 */
record CoreState(ChargerState state, PilotState pilot, double dutyCyclePct, boolean contactorClosed, Session session,
        double lastSessionEnergyWh, Instant offerWithdrawnAt, double offeredA, Map<ErrorCode, ActiveError> errors,
        Map<ErrorCode, String> causes, Timers pending, Instant faultHoldUntil, RdcTest rdc,
        boolean lockCommanded, Instant lockChangedAt, boolean userPaused, boolean outOfService,
        boolean recoveryRequested, Instant startedAt, Instant pilotTrustedFrom, Access access, String chargeEnded) {

    /**
     * Who may charge and whether the software is being changed.
     *
     * @param authorizedBy  the id tag that authenticated the user (manual §5.7), or null
     * @param authorizedAt  when, or null; an authorization given with no vehicle connected waits a limited time
     * @param updating      what a firmware update is changing (manual §5.9), or null when none is in progress
     * @param updatingSince when that update began, or null
     * @param updateEnding  the updater reported the end: the update state is shown for one more cycle, so even an
     *                      update shorter than a cycle is seen on the status (and the logo)
     */
    record Access(String authorizedBy, Instant authorizedAt, String updating, Instant updatingSince,
            boolean updateEnding) {

        static final Access NONE = new Access(null, null, null, null, false);

        Access authorized(String idTag, Instant at) {
            return new Access(idTag, at, updating, updatingSince, updateEnding);
        }

        Access unauthorized() {
            return new Access(null, null, updating, updatingSince, updateEnding);
        }

        Access update(String what, Instant since) {
            return new Access(authorizedBy, authorizedAt, what, since, false);
        }

        Access ending() {
            return new Access(authorizedBy, authorizedAt, updating, updatingSince, true);
        }
    }

    /**
     * An active error.
     *
     * @param raised               when it was raised
     * @param detail               what was detected
     * @param vehicleDisconnected  the pilot showed A (no vehicle) since it was raised: the first step of the
     *                             manual's remedy "Disconnect the vehicle …" (§9.1) has been done
     */
    record ActiveError(Instant raised, String detail, boolean vehicleDisconnected) {

        ActiveError(Instant raised, String detail) {
            this(raised, detail, false);
        }

        ActiveError disconnected() {
            return vehicleDisconnected ? this : new ActiveError(raised, detail, true);
        }
    }

    /** Phase of the RDC-DD self-test before the charge (manual §4.3). */
    record RdcTest(Phase phase, Instant since) {

        enum Phase {
            NOT_TESTED,
            TEST_CURRENT_ON,
            TEST_CURRENT_OFF,
            PASSED
        }

        static final RdcTest NOT_TESTED = new RdcTest(Phase.NOT_TESTED, null);
    }

    CoreState {
        errors = errors.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(errors));
        causes = causes.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(causes));
    }

    static final CoreState INITIAL = new CoreState(ChargerState.INITIALISING, null, DutyCycle.NO_OFFER, false, null,
            0, null, 0, Map.of(), Map.of(), Timers.NONE, null, RdcTest.NOT_TESTED, false, null, false, false, false,
            null, null, Access.NONE, null);

    CoreState withUserPaused(boolean v) {
        return change().userPaused(v).build();
    }

    CoreState withOutOfService(boolean v) {
        return change().outOfService(v).build();
    }

    CoreState withRecoveryRequested(boolean v) {
        return change().recoveryRequested(v).build();
    }

    CoreState withAccess(Access v) {
        return change().access(v).build();
    }

    /** A copy of this state to change a few fields of: {@code prev.change().state(s).pilot(p).build()}. */
    Change change() {
        return new Change(this);
    }

    /** Copy-with-change of a {@link CoreState}: every field starts as the original's. */
    static final class Change {
        private ChargerState state;
        private PilotState pilot;
        private double dutyCyclePct;
        private boolean contactorClosed;
        private Session session;
        private double lastSessionEnergyWh;
        private Instant offerWithdrawnAt;
        private double offeredA;
        private Map<ErrorCode, ActiveError> errors;
        private Map<ErrorCode, String> causes;
        private Timers pending;
        private Instant faultHoldUntil;
        private RdcTest rdc;
        private boolean lockCommanded;
        private Instant lockChangedAt;
        private boolean userPaused;
        private boolean outOfService;
        private boolean recoveryRequested;
        private Instant startedAt;
        private Instant pilotTrustedFrom;
        private Access access;
        private String chargeEnded;

        private Change(CoreState s) {
            state = s.state;
            pilot = s.pilot;
            dutyCyclePct = s.dutyCyclePct;
            contactorClosed = s.contactorClosed;
            session = s.session;
            lastSessionEnergyWh = s.lastSessionEnergyWh;
            offerWithdrawnAt = s.offerWithdrawnAt;
            offeredA = s.offeredA;
            errors = s.errors;
            causes = s.causes;
            pending = s.pending;
            faultHoldUntil = s.faultHoldUntil;
            rdc = s.rdc;
            lockCommanded = s.lockCommanded;
            lockChangedAt = s.lockChangedAt;
            userPaused = s.userPaused;
            outOfService = s.outOfService;
            recoveryRequested = s.recoveryRequested;
            startedAt = s.startedAt;
            pilotTrustedFrom = s.pilotTrustedFrom;
            access = s.access;
            chargeEnded = s.chargeEnded;
        }

        /** What the pilot/contactor sequencer drove this cycle. */
        Change drive(ChargerState display, PilotState read, double duty, boolean contactor, double offered,
                Instant withdrawnAt) {
            state = display;
            pilot = read;
            dutyCyclePct = duty;
            contactorClosed = contactor;
            offeredA = offered;
            offerWithdrawnAt = withdrawnAt;
            return this;
        }

        /** The session in progress (or null) and the energy of the last finished one. */
        Change session(Session current, double lastEnergyWh) {
            session = current;
            lastSessionEnergyWh = lastEnergyWh;
            return this;
        }

        /** The active errors, the causes seen, the debounce timers and the state F hold after a fault. */
        Change errors(Map<ErrorCode, ActiveError> active, Map<ErrorCode, String> seen, Timers timers,
                Instant holdUntil) {
            errors = active;
            causes = seen;
            pending = timers;
            faultHoldUntil = holdUntil;
            return this;
        }

        Change rdc(RdcTest v) {
            rdc = v;
            return this;
        }

        /** The connector lock command and when it last changed. */
        Change lock(boolean commanded, Instant changedAt) {
            lockCommanded = commanded;
            lockChangedAt = changedAt;
            return this;
        }

        Change userPaused(boolean v) {
            userPaused = v;
            return this;
        }

        Change outOfService(boolean v) {
            outOfService = v;
            return this;
        }

        Change recoveryRequested(boolean v) {
            recoveryRequested = v;
            return this;
        }

        /** The first cycle's time and from when the pilot shows the vehicle again. */
        Change times(Instant started, Instant trustedFrom) {
            startedAt = started;
            pilotTrustedFrom = trustedFrom;
            return this;
        }

        Change access(Access v) {
            access = v;
            return this;
        }

        Change chargeEnded(String reason) {
            chargeEnded = reason;
            return this;
        }

        CoreState build() {
            return new CoreState(state, pilot, dutyCyclePct, contactorClosed, session, lastSessionEnergyWh,
                    offerWithdrawnAt, offeredA, errors, causes, pending, faultHoldUntil, rdc, lockCommanded,
                    lockChangedAt, userPaused, outOfService, recoveryRequested, startedAt, pilotTrustedFrom,
                    access, chargeEnded);
        }
    }

    /** The state after the core drove the safe side by itself (loop failure, deactivation). */
    CoreState safe(ChargerState display, double duty, Map<ErrorCode, ActiveError> newErrors, Instant holdUntil,
            Session newSession, double lastEnergy) {
        return change().drive(display, pilot, duty, false, 0, null).session(newSession, lastEnergy)
                .errors(newErrors, causes, pending, holdUntil).rdc(RdcTest.NOT_TESTED).recoveryRequested(false)
                .build();
    }
}
