package org.infinergi.feature.green.internal;

import java.time.Clock;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.feature.green.api.GreenCharging;

/** The real Green component on a clock the energy replay moves (its package-private constructor; no OSGi). */
public final class ReplayGreen {

    private ReplayGreen() {
    }

    /**
     * @param properties PID {@code org.infinergi.green} as Config Admin would give it
     * @param status     the core, as SCR binds it (Boost asks it whether the mode is Green)
     * @return the component: the core's mode service for GREEN, and {@link GreenCharging} for Boost
     */
    public static GreenComponent create(ElectricalReadings readings, Clock clock, Map<String, Object> properties,
            ChargerStatusService status) {
        GreenComponent green = new GreenComponent(readings, clock, properties);
        green.statusService = status;
        return green;
    }
}
