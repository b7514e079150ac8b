package org.infinergi.core.charging.internal;

/**
 * Bundle-internal service: whether the device was taken out of service, as kept in PID
 * {@code org.infinergi.availability} across restarts (written by the core itself, read back at start).
 */
public interface AvailabilitySource {

    boolean outOfService();
}
