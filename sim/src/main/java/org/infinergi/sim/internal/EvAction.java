package org.infinergi.sim.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a user can make the simulated EV do (POST /api/sim/ev, shell sim:ev). */
public enum EvAction {
    /** Plug the cable in: the EV shows B (+9 V) and is not ready yet. */
    PLUG,
    /** The EV wants energy: it closes S2 (→ C, +6 V) once it sees a PWM offer. Plugs in first if needed. */
    CHARGE,
    /** The EV stops drawing but stays in C (an EV-side pause). */
    PAUSE,
    /** The EV asks for ventilation: state D (+3 V). */
    VENTILATION,
    /** Battery full: the EV opens S2 (back to B) and draws nothing. */
    FULL,
    /** Unplug: state A (+12 V). */
    UNPLUG;

    /** The wire names, lower case, as the API and the shell accept them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** Parses a wire name, exactly as {@link #names()} lists it (case-sensitive, like every endpoint's names). */
    public static Optional<EvAction> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (EvAction a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
