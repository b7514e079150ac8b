package org.infinergi.core.charging.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.hal.ProximityPilot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * "cable capacity" of untethered (U) models: the offer never exceeds the rating coded by the cable's proximity
 * pilot resistor ({@link CableCapacity}). Unknown resistance or no proximity pilot service: 0 A (cannot tell).
 * Tethered (T) models have no proximity pilot: no limit here (the device rating covers the fixed cable).
 */
@Component(name = "org.infinergi.core.charging.limit.cable")
public final class CableLimitProvider implements LimitProvider {

    static final String SOURCE = "cable capacity";
    private final AtomicReference<ProximityPilot> pp = new AtomicReference<>();
    private final DeviceSource device;
    /** The last resistance read and its limit. */
    private volatile Reading last;

    @Activate
    public CableLimitProvider(@Reference DeviceSource device) {
        this.device = device;
    }

    @Reference(name = "proximityPilot", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetProximityPilot")
    void setProximityPilot(ProximityPilot p) {
        pp.set(p);
    }

    void unsetProximityPilot(ProximityPilot p) {
        pp.compareAndSet(p, null);
    }

    @Override
    public Limit currentLimit() {
        if (device.settings().tethered()) {
            return new Limit(DutyCycle.MAX_CURRENT_A, SOURCE, "tethered model: fixed cable");
        }
        ProximityPilot p = pp.get();
        if (p == null) {
            return new Limit(0, SOURCE, "no proximity pilot reader");
        }
        double ohm = p.resistanceOhm();
        // The same resistance as at the last cycle (the ADC's counts did not move): the same limit, not a new text.
        Reading r = last;
        if (r != null && Double.compare(r.ohm(), ohm) == 0) {
            return r.limit();
        }
        double a = CableCapacity.ratingA(ohm);
        Limit limit = new Limit(a, SOURCE, String.format(Locale.ROOT, "proximity pilot %.0f Ω", ohm)
                + (a == 0 ? ": no valid cable (manual §9.1 V5)" : ""));
        last = new Reading(ohm, limit);
        return limit;
    }

    private record Reading(double ohm, Limit limit) {
    }
}
