package org.infinergi.sim.internal;

/** Bundle-internal service: where the pilot driver expects the world's signals ({@link DriverMap}). */
public interface SimWiring {

    DriverMap map();
}
