package org.infinergi.feature.web.internal;

import java.util.List;

import org.infinergi.feature.green.api.BoostStatus;
import org.infinergi.feature.green.api.GreenCharging;

/**
 * The requests of {@code POST /api/control} that go to the Green mode rather than the core: Boost on and off (manual
 * §5.5), the web's counterpart of the display's Boost key.
 */
enum GreenActions {
    BOOST("boost") {
        @Override
        BoostStatus apply(GreenCharging g) {
            return g.startBoost();
        }
    },
    BOOST_OFF("boostOff") {
        @Override
        BoostStatus apply(GreenCharging g) {
            return g.stopBoost();
        }
    };

    static final List<String> NAMES = List.of("boost", "boostOff");

    /** What the web answers while the bundle that provides Green is not there. */
    static final String NOT_INSTALLED = "Boost needs the Green mode (manual §5.5), which is not installed on this "
            + "charger";

    private final String wire;

    GreenActions(String wire) {
        this.wire = wire;
    }

    abstract BoostStatus apply(GreenCharging green);

    /** Switching Boost on must take: a refusal (not Green mode …) is the client's to correct. */
    boolean refused(BoostStatus s) {
        return this == BOOST && !s.active();
    }

    /** The Green action of that name, null when it names none. */
    static GreenActions named(String action) {
        for (GreenActions a : values()) {
            if (a.wire.equals(action)) {
                return a;
            }
        }
        return null;
    }
}
