package org.infinergi.core.charging.internal;

/**
 * Bundle-internal service: whether the device is out of service. Its one owner keeps the choice, in memory for the
 * core and in PID {@code org.infinergi.availability} across restarts; the core asks it every cycle and tells it a
 * user's request, and never reads or writes that PID itself.
 */
public interface Availability {

    /** The choice in force: the last request, or the stored one after a restart or a change made elsewhere. */
    boolean outOfService();

    /**
     * Makes {@code out} the choice in force at once and keeps it across a restart.
     *
     * @return why it could not be kept across a restart (it is in force all the same), or null
     */
    String setOutOfService(boolean out);
}
