package org.infinergi.sim.internal;

/** The world as the sim's HTTP resource and shell commands see it (a service inside this bundle). */
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

    /**
     * Injects or removes the physical cause of {@code fault}.
     *
     * @param variant one of {@link SimFault#variants()}, or null for the default
     * @throws SimRejected when nothing here can inject that cause (D2, D8, D9; D1 without the panel
     *                     simulation; V5/D5 on tethered models)
     */
    WorldState fault(SimFault fault, String variant, boolean active);

    /**
     * Puts a cable with {@code ohm} on its proximity pilot in the socket (null = no cable).
     *
     * @throws SimRejected on tethered models
     */
    WorldState cable(Double ohm);

    /** Sets the enclosure temperature, °C. */
    WorldState temperature(double celsius);

    /**
     * Sets the household's load per phase (without the charger) and the PV plant's total output, watts.
     *
     * @throws SimRejected for a load on L2 or L3 of a single-phase supply
     */
    WorldState site(double[] houseW, double pvW);
}
