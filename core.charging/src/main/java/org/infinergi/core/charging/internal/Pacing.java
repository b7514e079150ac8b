package org.infinergi.core.charging.internal;

import java.util.Objects;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.PilotState;

/**
 * How soon the control loop runs again after a cycle (the idle budget: the firmware's own threads use under 1 % of
 * one core when no car is plugged in).
 *
 * <p>IEC 61851-1 wants a pilot state change seen within about 50 ms while a vehicle is connected (C→B opens the
 * contactor within 100 ms), so a cycle that sees a vehicle, an error, a closed contactor or any change of what the
 * status shows is followed by the next one after the configured {@code loopPeriodMs}. Only with nothing connected
 * (pilot A), no error, the contactor open and nothing changed since the cycle before does the loop idle at
 * {@link #IDLE_PERIOD_MS}: a plug-in is then seen up to {@code IDLE_PERIOD_MS - loopPeriodMs} (450 ms with the
 * defaults) later than at full pace — nothing is offered in state A and the vehicle waits for the PWM, IEC 61851-1
 * sets no reaction time for A→B; the reaction times it does set (C→B, errors) apply with a vehicle connected, at full
 * pace — and the cycle that sees the pilot leave A brings the loop back to full pace.
 * A user's request (pause, out of service, authorization …) does not wait for an idle cycle: the core runs the
 * next cycle at once.
 */
final class Pacing {

    /** The loop period while idle (never shorter than {@code loopPeriodMs}). */
    static final long IDLE_PERIOD_MS = 500;

    private Pacing() {
    }

    /**
     * Milliseconds until the next cycle.
     *
     * @param before the status before the cycle, or null when there was none
     * @param after  the status the cycle published
     */
    static long nextCycleMs(ChargerStatus before, ChargerStatus after, long loopPeriodMs) {
        return idle(before) && idle(after) && sameDisplay(before, after)
                ? Math.max(loopPeriodMs, IDLE_PERIOD_MS) : loopPeriodMs;
    }

    /** The status's pilot is the line's reading (null while a reading is not trusted or outside every band). */
    private static boolean idle(ChargerStatus s) {
        return s != null && s.pilot() == PilotState.A && s.error() == null && s.activeErrors().isEmpty()
                && !s.contactorClosed();
    }

    private static boolean sameDisplay(ChargerStatus a, ChargerStatus b) {
        return a.state() == b.state() && a.mode() == b.mode() && a.offeredCurrentA() == b.offeredCurrentA()
                && Objects.equals(a.detail(), b.detail()) && Objects.equals(a.configurationError(), b.configurationError());
    }
}
