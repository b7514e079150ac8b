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

    /**
     * Service property naming where the readings come from: {@code INTERNAL} (the box's own sensing, indicative,
     * manual §5.2.1.1), {@code MID} (a Modbus meter, §4.7), {@code CT} (the wired CTs on the board's analog inputs,
     * §4.6) or {@code CT_REMOTE} (the radio CT remote device, D2; before hal 1.4.0 it was {@code CT}).
     * With {@code org.infinergi.metering vehicleMeter=MID} the core uses the VEHICLE meter whose source is MID; the
     * {@code gridMeter} setting picks the GRID meter of source {@code CT}, {@code CT_REMOTE} or {@code MID}
     * ({@code MODBUS}).
     */
    String SOURCE = "infinergi.meter.source";

    /** Service property (optional): the meter's model as printed on it, e.g. {@code SDM72D} (shown to the user). */
    String MODEL = "infinergi.meter.model";

    /**
     * Service property (a {@code Long}, milliseconds; absent = 0): how long after power-up the meter may not answer
     * yet. IVY meters need about a minute (manual §9.1 note 5): a D9 raised while the charger starts up is then
     * transient and clears by itself once the meter answers.
     */
    String STARTUP_GRACE_MS = "infinergi.meter.startupGraceMs";

    /** The latest reading, or empty when the meter has not answered recently (stale = missing). */
    Optional<MeterReading> latest();
}
