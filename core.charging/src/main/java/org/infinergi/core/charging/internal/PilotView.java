package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;

/**
 * What the pilot line says about the vehicle in one cycle (IEC 61851-1 states A–F).
 *
 * @param known   the reading shows the vehicle: readable, past the settling time, and not taken while the charger
 *                drove state F itself
 * @param raw     the state band of the reading, or null when unreadable or outside every band
 * @param pilot   the vehicle's state as the charger takes it: the reading when known and not suspect, otherwise
 *                the last state known (never E or F)
 * @param fault   a pilot anomaly (state E, F read back, no band) lasted long enough to be V4
 * @param suspect a pilot anomaly not yet confirmed: the charger keeps to the safe side meanwhile
 */
record PilotView(boolean known, PilotState raw, PilotState pilot, boolean fault, boolean suspect) {

    static PilotView read(Cycle c, Debounce timers) {
        CoreState prev = c.prev();
        boolean known = c.readable() && c.trusted() && prev.dutyCyclePct() > 0;
        PilotState raw = c.readable() ? PilotState.ofVolts(c.reading().positiveV()).orElse(null) : null;
        // A pilot fault is raised once it lasts pilotFaultMs; until then the charger only keeps to the safe side,
        // so a line still settling after our own state F (start-up) latches nothing.
        boolean anomaly = known && (raw == null || raw == PilotState.E || raw == PilotState.F);
        boolean fault = prev.errors().containsKey(ErrorCode.V4) ? anomaly
                : timers.held(ErrorCode.V4, anomaly, c.core().pilotFaultMs());
        boolean suspect = anomaly && !fault;
        PilotState before = prev.pilot() == PilotState.E || prev.pilot() == PilotState.F ? null : prev.pilot();
        return new PilotView(known, raw, known && !suspect ? raw : before, fault, suspect);
    }

    /** A vehicle is connected (B, C or D). */
    boolean connected() {
        return connected(pilot);
    }

    /** The vehicle is out (A): the vehicle or the cable was disconnected. */
    boolean disconnected() {
        return pilot == PilotState.A;
    }

    static boolean connected(PilotState s) {
        return s == PilotState.B || s == PilotState.C || s == PilotState.D;
    }
}
