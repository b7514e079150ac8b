package org.infinergi.core.charging.internal;

import java.time.Instant;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.PilotState;

/**
 * What the control logic remembers from one cycle to the next.
 *
 * @param state             display state decided last cycle
 * @param pilot             pilot state read last cycle, or null
 * @param dutyCyclePct      duty cycle commanded last cycle
 * @param contactorClosed   contactor commanded last cycle
 * @param session           the session in progress, or null
 * @param lastSessionEnergyWh energy of the last finished session (shown until the next plug-in)
 * @param offerWithdrawnAt  when the PWM offer was withdrawn with the contactor still closed in C, or null
 */
record CoreState(ChargerState state, PilotState pilot, double dutyCyclePct, boolean contactorClosed, Session session,
        double lastSessionEnergyWh, Instant offerWithdrawnAt) {

    static final CoreState INITIAL = new CoreState(ChargerState.INITIALISING, null, DutyCycle.NO_OFFER, false, null,
            0, null);
}
