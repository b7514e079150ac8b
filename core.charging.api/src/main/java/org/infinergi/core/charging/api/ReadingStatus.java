package org.infinergi.core.charging.api;

/**
 * Whether an {@link ElectricalReading} holds measured values. Only {@link #FRESH} carries values: a meter that stopped
 * answering is reported as such, never with its last good values presented as current.
 *
 * @since 1.7.0
 */
public enum ReadingStatus {
    /** The meter answered recently: the values are what it measures now. */
    FRESH,
    /** The meter is there but has not answered recently (its driver's own staleness rule): no values. */
    STALE,
    /** The configured meter is not there at all (no driver, no device): no values. */
    MISSING,
    /** No meter of this role is configured ({@code org.infinergi.metering gridMeter=NONE}). */
    NOT_CONFIGURED
}
