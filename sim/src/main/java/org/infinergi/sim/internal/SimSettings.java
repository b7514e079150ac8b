package org.infinergi.sim.internal;

/** Bundle-internal service: PID {@value SimConfig#PID} from its one reader, for the world and the simulated meters. */
public interface SimSettings {

    SimConfig config();
}
