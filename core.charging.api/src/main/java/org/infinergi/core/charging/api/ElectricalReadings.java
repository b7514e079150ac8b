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

    /** Every meter the charger reads (vehicle and grid, in use or not), the vehicle meters first. */
    List<ElectricalReading> all();
}
