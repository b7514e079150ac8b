package org.infinergi.sim.internal;

import java.util.Set;

/**
 * A part of the simulation outside the world proper (e.g. the panel board simulation for D1) that injects
 * the physical cause of some fault codes. Register it as a service inside this bundle; {@code POST
 * /api/sim/fault} and {@code sim:fault} hand it the codes it claims.
 */
public interface SimFaultInjector {

    /** The codes this injector handles. */
    Set<SimFault> faults();

    /** Injects or removes the cause of {@code fault}; {@code variant} may be null. */
    void inject(SimFault fault, String variant, boolean active);

    /** Whether the cause of {@code fault} is injected now. */
    boolean active(SimFault fault);
}
