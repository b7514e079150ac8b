package org.infinergi.core.charging.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The meters the charger reads, as any feature may use them (manual §5.2): the grid reading for load management and
 * surplus charging (§5.3, §5.1.2), every meter for "Info → Electrical readings". Provided by the core, which owns
 * {@code org.infinergi.metering} and so knows which grid meter the installer selected. Each call reads the meters
 * afresh and answers in microseconds.
 *
 * @since 1.7.0
 */
@ProviderType
public interface ElectricalReadings {

    /**
     * The grid reading (manual §5.2.2): import (+) / export (−) per phase and in total from the meter that
     * {@code gridMeter} selects, with its age and source. A stale or missing meter is reported as such (no values),
     * {@link ReadingStatus#NOT_CONFIGURED} with {@code gridMeter=NONE}.
     */
    ElectricalReading grid();

    /**
     * The site's load without the charger (manual §5.3 "what the rest of the site takes", §5.1.2 the surplus): the
     * grid reading with the charger's own draw <em>at the grid reading's time</em> taken out, per phase and in total,
     * import (+) / export (−). Role {@code SITE}; source, status, {@code at} and age are the grid reading's, so a
     * stale, missing or unconfigured grid meter gives a reading of that status without values.
     *
     * <p>Why not {@code grid()} minus the vehicle meter's latest reading: the grid meter is polled (up to a poll period
     * old, 1 s by default), the charger's own meter is nearly current (100 ms). While the car follows a new offer the
     * difference of the two mixes two instants and sees the house as lighter (or the surplus as larger) than it is by
     * the change of the car's draw — enough to raise the offer again and again (the DLM loop of bench/energy). The
     * core keeps the charger's readings of the last seconds and subtracts the last one taken at or before the grid
     * reading's time — never a later one, which can hold the change of the car's draw that this grid reading caused;
     * without one within two seconds before it the charger counts as drawing nothing (the side that offers less).
     *
     * @since 1.9.0
     */
    ElectricalReading siteLoad();

    /** Every meter the charger reads (vehicle and grid, in use or not), the vehicle meters first. */
    List<ElectricalReading> all();
}
