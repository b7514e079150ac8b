package org.infinergi.sim.internal;

/** The world as the sim's HTTP resource and shell command see it (a service inside this bundle). */
public interface SimControl {

    /** The world now. */
    WorldState state();

    /**
     * Applies a user action and answers the world after it.
     *
     * @param maxCurrentA new EV maximum current, or null to keep it
     * @param phases      new EV phase count, or null to keep it
     */
    WorldState act(EvAction action, Double maxCurrentA, Integer phases);
}
