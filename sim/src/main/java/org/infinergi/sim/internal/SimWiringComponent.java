package org.infinergi.sim.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The simulated board's wiring: the pins, ADC channels and scaling the pilot driver uses (its PID
 * {@code org.infinergi.driver.pilot}), so the world sits under the driver. A component of its own so the world
 * reads one PID only (no placeholder etc file for Felix SCR); the simulation is the one reader of that PID
 * outside the driver, as a test bench wired to the board's map.
 */
@Component(name = "org.infinergi.sim.wiring", configurationPid = "org.infinergi.driver.pilot",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = SimWiring.class)
public final class SimWiringComponent implements SimWiring {

    private final DriverMap map;

    @Activate
    public SimWiringComponent(DriverMap map) {
        this.map = map;
    }

    @Override
    public DriverMap map() {
        return map;
    }
}
