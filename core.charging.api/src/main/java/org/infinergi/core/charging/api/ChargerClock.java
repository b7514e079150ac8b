package org.infinergi.core.charging.api;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The charger's internal clock (manual §5.4, §7.2.2 "Date and time"): the local date and time in the configured
 * time zone, and whether it can be trusted at all. Functions that run by the calendar (the Programmed mode, §5.1.3)
 * ask it instead of the system clock. Provided by the core, the one owner of PID {@code org.infinergi.system}
 * ({@code timeZone}, {@code dateTime} set by hand, {@code systemClockSynchronized} for a time source such as NTP).
 * Every call answers from memory, in microseconds.
 *
 * @since 1.8.0
 */
@ProviderType
public interface ChargerClock {

    /**
     * Whether the date and time are known: the system clock is synchronized by a time source, or they were set by
     * hand (§5.4). A board without a real-time clock or network starts with a clock that is not set; functions that
     * need it (§5.1.3 "Requires setting of the internal clock") then do not run.
     */
    boolean isSet();

    /** The time zone programs run in ({@code timeZone}, an IANA name such as {@code Europe/Rome}). */
    ZoneId zone();

    /** The charger's date and time now, in {@link #zone()}; meaningless while {@link #isSet()} is false. */
    ZonedDateTime now();
}
