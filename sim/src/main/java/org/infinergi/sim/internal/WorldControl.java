package org.infinergi.sim.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's controls over a {@link World}, without OSGi: EV actions, fault causes (handed to another part
 * of the simulation when one claims the code, else to the world, else rejected with the reason), cable and
 * temperature.
 */
public final class WorldControl implements SimControl {

    private static final Logger LOG = LoggerFactory.getLogger(WorldControl.class);

    private final World world;
    private final List<SimFaultInjector> injectors;

    /** @param injectors live list of the other parts' injectors (may change while in use) */
    public WorldControl(World world, List<SimFaultInjector> injectors) {
        this.world = world;
        this.injectors = injectors;
    }

    @Override
    public WorldState state() {
        return world.state();
    }

    @Override
    public WorldState act(EvAction action, Double maxCurrentA, Integer phases) {
        world.act(action, maxCurrentA, phases);
        LOG.info("Simulated EV: {} (maxCurrentA={}, phases={})", action, maxCurrentA, phases);
        return world.state();
    }

    @Override
    public WorldState fault(SimFault fault, String variant, boolean active) {
        for (SimFaultInjector injector : injectors) {
            if (injector.faults().contains(fault)) {
                injector.inject(fault, variant, active);
                LOG.info("Simulated fault {} {} (by {})", fault, active ? "injected" : "removed", injector);
                return world.state();
            }
        }
        if (!fault.simulated()) {
            throw new SimRejected(fault + ": " + fault.notSimulatedReason());
        }
        try {
            world.setFault(fault, variant, active);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SimRejected(e.getMessage());
        }
        LOG.info("Simulated fault {} ({}) {}", fault, variant == null ? fault.defaultVariant() : variant,
                active ? "injected" : "removed");
        return world.state();
    }

    @Override
    public WorldState cable(Double ohm) {
        try {
            world.setCableResistance(ohm);
        } catch (IllegalStateException e) {
            throw new SimRejected(e.getMessage());
        }
        LOG.info("Simulated cable: {}", ohm == null ? "none" : ohm + " Ω");
        return world.state();
    }

    @Override
    public WorldState site(double[] houseW, double pvW) {
        try {
            world.setSite(houseW, pvW);
        } catch (IllegalStateException e) {
            throw new SimRejected(e.getMessage());
        }
        LOG.info("Simulated site: house {} W, PV {} W", java.util.Arrays.toString(houseW), pvW);
        return world.state();
    }

    @Override
    public WorldState temperature(double celsius) {
        world.setTemperature(celsius);
        LOG.info("Simulated enclosure temperature: {} °C", celsius);
        return world.state();
    }
}
