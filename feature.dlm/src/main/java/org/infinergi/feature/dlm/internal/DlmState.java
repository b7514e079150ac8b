package org.infinergi.feature.dlm.internal;

import java.time.Instant;
import java.util.List;

/**
 * What DLM remembers from one decision to the next.
 *
 * @param paused    the charge is paused for lack of current (or of a fresh grid reading)
 * @param roomSince while paused: since when the room has stayed at or above the resume threshold, null when it is not
 * @param carPhases the phases (0 = L1) the car drew on when it last drew, empty when never seen: a car that pauses
 *                  draws nothing, and the resume is judged on the phases it will use again
 */
record DlmState(boolean paused, Instant roomSince, List<Integer> carPhases) {

    static final DlmState INITIAL = new DlmState(false, null, List.of());

    DlmState {
        carPhases = List.copyOf(carPhases);
    }

    DlmState running() {
        return new DlmState(false, null, carPhases);
    }

    DlmState pausedSince(Instant since) {
        return new DlmState(true, since, carPhases);
    }

    DlmState withCarPhases(List<Integer> phases) {
        return new DlmState(paused, roomSince, phases);
    }
}
