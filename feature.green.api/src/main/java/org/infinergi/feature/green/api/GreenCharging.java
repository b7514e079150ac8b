package org.infinergi.feature.green.api;

import org.infinergi.core.charging.api.ModeDecision;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Charging on the surplus of a renewable plant (manual §5.1.2), as a decision at a given minimum green level. The
 * Green mode asks it with the level of {@code org.infinergi.green}; a Green program of the Programmed mode (§5.1.3)
 * with its own. Both share one state (smoothing, minimum on and off times), since one car is charged at a time.
 */
@ProviderType
public interface GreenCharging {

    /**
     * The green word now for a minimum green level of {@code minGreenLevelPct} percent (0–100) of the minimum
     * charging power. {@code Minimum exported power}, when set, makes it 100 % whatever is asked (§5.1.2). Called
     * from the core's control loop: returns in microseconds, never blocks, never throws; a grid reading that is
     * missing or stale answers a pause.
     */
    ModeDecision decide(int minGreenLevelPct);

    /** Boost (manual §5.5) now. */
    BoostStatus boost();

    /**
     * Starts Boost (§5.5): full power regardless of the surplus until {@code boostEnergyWh} has been delivered (0: until
     * the charge ends or Boost is switched off). Refused, with the reason, when the active mode is not Green.
     */
    BoostStatus startBoost();

    /** Switches Boost off; Green decides again at once. */
    BoostStatus stopBoost();
}
