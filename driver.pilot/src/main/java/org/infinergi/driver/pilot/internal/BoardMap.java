package org.infinergi.driver.pilot.internal;

/**
 * Bundle-internal service: the board's pin, bus and scaling map (PID {@value PilotConfig#PID}), from the one
 * component that reads that PID; every driver of this bundle gets it here.
 */
public interface BoardMap {

    PilotConfig config();
}
