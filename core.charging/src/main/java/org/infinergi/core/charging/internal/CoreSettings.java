package org.infinergi.core.charging.internal;

/**
 * Validated values of the core's own PID {@code org.infinergi.core.charging}.
 *
 * @param loopPeriodMs control loop period, 10..1000 ms
 * @param stopGraceMs  how long the contactor may stay closed after the PWM offer is withdrawn while the vehicle
 *                     stays in C (IEC 61851-1 allows up to about 6 s), 0..6000 ms
 */
record CoreSettings(long loopPeriodMs, long stopGraceMs) {

    static final CoreSettings DEFAULTS = new CoreSettings(50, 3000);
}
