package org.infinergi.core.charging.internal;

import java.util.List;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;

/**
 * What one control cycle decided.
 *
 * @param dutyCyclePct    PWM duty cycle to drive, percent (100 = no offer, 0 = state F)
 * @param contactorClosed contactor command
 * @param offeredCurrentA current offered through the PWM, 0 when none
 * @param state           display state
 * @param pilot           pilot state read, or null when out of every band / not read
 * @param detail          why the state is what it is
 * @param limitedBy       source of the winning limit, or null
 * @param error           manual §9.1 error code shown (the most relevant active one) or null
 * @param powerW          vehicle power now
 * @param sessionEnergyWh energy of the session in progress, or of the last one
 * @param events          sessions started or ended in this cycle
 * @param next            the state to hand to the next cycle
 * @param activeErrors    every active error, most relevant first
 * @param errorEvents     errors raised or cleared in this cycle
 * @param rdcTestCurrent  the RDC-DD test current command
 * @param lockCommand     the connector lock command (false on tethered models)
 */
record ControlDecision(double dutyCyclePct, boolean contactorClosed, double offeredCurrentA, ChargerState state,
        PilotState pilot, String detail, String limitedBy, String error, double powerW, double sessionEnergyWh,
        List<SessionEvent> events, CoreState next, List<ErrorCode> activeErrors, List<ErrorEvent> errorEvents,
        boolean rdcTestCurrent, boolean lockCommand) {

    ControlDecision {
        events = List.copyOf(events);
        activeErrors = List.copyOf(activeErrors);
        errorEvents = List.copyOf(errorEvents);
    }
}
