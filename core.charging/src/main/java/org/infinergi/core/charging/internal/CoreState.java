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
 * @param pending           since when a debounced condition has been seen, by condition name
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
 */
record CoreState(ChargerState state, PilotState pilot, double dutyCyclePct, boolean contactorClosed, Session session,
        double lastSessionEnergyWh, Instant offerWithdrawnAt, double offeredA, Map<ErrorCode, ActiveError> errors,
        Map<ErrorCode, String> causes, Map<String, Instant> pending, Instant faultHoldUntil, RdcTest rdc,
        boolean lockCommanded, Instant lockChangedAt, boolean userPaused, boolean outOfService,
        boolean recoveryRequested, Instant startedAt, Instant pilotTrustedFrom, Access access) {

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

    /** An active error. */
    record ActiveError(Instant raised, String detail) {
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
        pending = Map.copyOf(pending);
    }

    static final CoreState INITIAL = new CoreState(ChargerState.INITIALISING, null, DutyCycle.NO_OFFER, false, null,
            0, null, 0, Map.of(), Map.of(), Map.of(), null, RdcTest.NOT_TESTED, false, null, false, false, false,
            null, null, Access.NONE);

    CoreState withUserPaused(boolean v) {
        return new CoreState(state, pilot, dutyCyclePct, contactorClosed, session, lastSessionEnergyWh,
                offerWithdrawnAt, offeredA, errors, causes, pending, faultHoldUntil, rdc, lockCommanded,
                lockChangedAt, v, outOfService, recoveryRequested, startedAt, pilotTrustedFrom, access);
    }

    CoreState withOutOfService(boolean v) {
        return new CoreState(state, pilot, dutyCyclePct, contactorClosed, session, lastSessionEnergyWh,
                offerWithdrawnAt, offeredA, errors, causes, pending, faultHoldUntil, rdc, lockCommanded,
                lockChangedAt, userPaused, v, recoveryRequested, startedAt, pilotTrustedFrom, access);
    }

    CoreState withRecoveryRequested(boolean v) {
        return new CoreState(state, pilot, dutyCyclePct, contactorClosed, session, lastSessionEnergyWh,
                offerWithdrawnAt, offeredA, errors, causes, pending, faultHoldUntil, rdc, lockCommanded,
                lockChangedAt, userPaused, outOfService, v, startedAt, pilotTrustedFrom, access);
    }

    CoreState withAccess(Access v) {
        return new CoreState(state, pilot, dutyCyclePct, contactorClosed, session, lastSessionEnergyWh,
                offerWithdrawnAt, offeredA, errors, causes, pending, faultHoldUntil, rdc, lockCommanded,
                lockChangedAt, userPaused, outOfService, recoveryRequested, startedAt, pilotTrustedFrom, v);
    }

    /** The state after the core drove the safe side by itself (loop failure, deactivation). */
    CoreState safe(ChargerState display, double duty, Map<ErrorCode, ActiveError> newErrors, Instant holdUntil,
            Session newSession, double lastEnergy) {
        return new CoreState(display, pilot, duty, false, newSession, lastEnergy, null, 0, newErrors, causes,
                pending, holdUntil, RdcTest.NOT_TESTED, lockCommanded, lockChangedAt, userPaused, outOfService,
                false, startedAt, pilotTrustedFrom, access);
    }
}
