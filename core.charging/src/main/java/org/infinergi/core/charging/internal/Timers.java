package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.infinergi.core.charging.api.ErrorCode;

/**
 * Since when each debounced condition of manual §9.1 has been seen, carried from one cycle to the next. A
 * condition that confirms one error is keyed by that {@link ErrorCode}; the few others by a {@link Watch}.
 *
 * @param byError since when the condition confirming an error has held (V4: the pilot outside its bands)
 * @param other   the conditions that are not one error's own confirmation
 */
record Timers(Map<ErrorCode, Instant> byError, Map<Watch, Instant> other) {

    /** Conditions watched besides each error's own confirmation. */
    enum Watch {
        /** V4 by another route: the negative plateau is missing under PWM (the vehicle's diode). */
        VEHICLE_DIODE,
        /** The active D8 was raised by the pilot oscillator check (not by a failed cycle): tracked while seen. */
        OSCILLATOR_D8,
        /** When the configured MID meter's last reading was sampled (D9 counts from it, not from its withdrawal). */
        MID_METER_ANSWERED,
        /** When the CT remote device's last reading was sampled (D2 likewise). */
        CT_REMOTE_ANSWERED,
        /** When every supervision service the model needs (board sensors, proximity pilot, lock, RDC-DD) was last bound. */
        SUPERVISION_SEEN
    }

    static final Timers NONE = new Timers(Map.of(), Map.of());

    Timers {
        byError = byError.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byError));
        other = other.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(other));
    }
}
