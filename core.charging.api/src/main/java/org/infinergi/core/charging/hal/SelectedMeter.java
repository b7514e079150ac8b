package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A meter the installer selected in {@code org.infinergi.metering} (manual §5.2, §7.2.1 "Vehicle meter", "Grid
 * meter"), as the charging core, the one owner of that PID, publishes it: one service per selected meter, carrying the
 * service properties {@value Meter#ROLE} and {@value Meter#SOURCE} of the {@link Meter} it selects, so a driver picks
 * its own with a DS target such as {@code (&(infinergi.meter.role=GRID)(infinergi.meter.source=CT))}:
 * <ul>
 * <li>{@code vehicleMeter=MID}: VEHICLE/MID (also while the device label lacks the MID terminal and the core falls back
 * on the integrated meter: polling a meter the core ignores is the safe side); {@code INTERNAL}: no VEHICLE service —
 * the board's internal meter serves the protections whatever the choice, so it never rests;</li>
 * <li>{@code gridMeter=CT}: GRID/CT; {@code CT_REMOTE}: GRID/CT_REMOTE; {@code MODBUS}: GRID/MID; {@code NONE}: no
 * GRID service.</li>
 * </ul>
 * A driver whose meter serves only this choice (the wired CTs, a Modbus meter) measures while a matching service is
 * registered and rests otherwise (the idle CPU budget: an unselected meter costs no thread time), without reading the
 * core's PID or knowing which feature uses the reading. Its {@link Meter} stays registered while it rests, with an
 * empty {@link Meter#latest()}: a selection's coming back finds it bound at once.
 *
 * @since 1.5.0
 */
@ProviderType
public interface SelectedMeter {

    /** The selected meter's {@value Meter#ROLE}: {@code VEHICLE} or {@code GRID}. */
    String role();

    /** The selected meter's {@value Meter#SOURCE}: {@code MID}, {@code CT} or {@code CT_REMOTE}. */
    String source();
}
