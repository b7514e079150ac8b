package org.infinergi.sim.internal;

import org.infinergi.sim.hw.SimBoard;

/**
 * Bundle-internal service: the simulated board, from power-up (the world's activation), for the parts of the
 * simulation that sit on it (the panel board). The pi4j {@code Context} service the drivers use is registered only
 * once the board is wired to the world.
 */
public interface SimBoardAccess {

    SimBoard board();
}
