package org.infinergi.core.charging.api;

import java.util.Optional;

/**
 * IEC 61851-1 control pilot states, told apart by the positive plateau of the pilot voltage. The
 * detection windows are ±1 V around each nominal plateau; a voltage outside every window is no state at
 * all and must be treated as a pilot fault by the caller.
 */
public enum PilotState {
    /** +12 V: no vehicle. */
    A(12.0),
    /** +9 V: vehicle connected, not ready. */
    B(9.0),
    /** +6 V: vehicle ready, charging allowed. */
    C(6.0),
    /** +3 V: vehicle ready, ventilation required (infinergi pauses, manual §2.1). */
    D(3.0),
    /** 0 V: pilot shorted to PE. */
    E(0.0),
    /** −12 V: EVSE not available; only the EVSE drives it. */
    F(-12.0);

    /** Half-width of each detection window, volts. */
    public static final double WINDOW_V = 1.0;

    private final double nominalV;

    PilotState(double nominalV) {
        this.nominalV = nominalV;
    }

    /** The nominal positive plateau of this state, volts. */
    public double nominalVolts() {
        return nominalV;
    }

    /** The state whose window holds {@code volts}, or empty when the voltage is outside every window. */
    public static Optional<PilotState> ofVolts(double volts) {
        if (Double.isNaN(volts)) {
            return Optional.empty();
        }
        for (PilotState s : values()) {
            if (Math.abs(volts - s.nominalV) <= WINDOW_V) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
