package org.infinergi.core.charging.hal;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An energy meter: the board's internal measurement or a MID meter on Modbus (manual §5.2). The
 * service property {@value #ROLE} says what it measures: {@code VEHICLE} or {@code GRID}.
 */
@ProviderType
public interface Meter {

    /** Service property naming what the meter measures. */
    String ROLE = "infinergi.meter.role";

    /** The latest reading, or empty when the meter has not answered recently (stale = missing). */
    Optional<MeterReading> latest();
}
