package org.infinergi.sim.internal;

import java.util.Map;

/**
 * Adds to the GET /api/sim answer what a part of the simulation outside the world proper sees (e.g. the
 * panel simulation's {@code led} object). Register it as a service inside this bundle.
 */
public interface SimStateContributor {

    /** Puts this part's top-level entries into the world's JSON object. */
    void contribute(Map<String, Object> json);
}
