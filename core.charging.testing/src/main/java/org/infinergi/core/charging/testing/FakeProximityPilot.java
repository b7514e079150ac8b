package org.infinergi.core.charging.testing;

import org.infinergi.core.charging.hal.ProximityPilot;

/** A proximity pilot whose resistance the test sets; 220 Ω (a 32 A cable) to start with. Thread-safe. */
public final class FakeProximityPilot implements ProximityPilot {

    private volatile double ohm = 220.0;

    /** The cable's coding resistor, ohms; {@code Double.NaN} = unreadable. */
    public FakeProximityPilot resistance(double ohms) {
        ohm = ohms;
        return this;
    }

    @Override
    public double resistanceOhm() {
        return ohm;
    }
}
