package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.List;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotReading;

/**
 * The frozen snapshot one control cycle decides on.
 *
 * @param now                the cycle's time
 * @param pilot              the pilot reading, or null when none could be taken (the read threw)
 * @param contactorFeedback  what the relay feedback says
 * @param internalMeter      the box's own meter's latest reading, or null when missing: what the protections
 *                           judge (V1, V3, I3, I4), whichever meter the statistics use (manual §5.2.1.2)
 * @param vehicleMeter       the latest reading of the meter the statistics use (the MID meter when one is
 *                           selected, otherwise the internal one), or null: session energy, power shown, history
 * @param limits             the limits of all registered providers, already evaluated (a throwing one as 0 A)
 * @param mode               the active charging mode's word this cycle (manual §5.1), or null when no service is
 *                           installed for it; Fast's is always "charge"
 * @param settings           the configuration in force
 * @param previous           the state after the previous cycle
 * @param hal                the optional hardware services' readings
 * @param thermal            over-temperature thresholds in force
 * @param metering           which meters are configured
 * @param authRequired       a user must authenticate before a vehicle charges (manual §5.7)
 * @param authStarting       it is required only because the authentication feature is not up yet (a model with the
 *                           reader, after a start): a card is not read yet, the status says so
 * @param grid               the site's load without the charger at the grid reading's time
 *                           ({@code ElectricalReadings.siteLoad()}), frozen with the rest, or null when the service is not there: the green share of the
 *                           session's energy (manual §9.2, {@link GreenShare})
 */
record ControlInput(Instant now, PilotReading pilot, boolean contactorFeedback, MeterReading internalMeter,
        MeterReading vehicleMeter, List<Limit> limits, ModeDecision mode,
        ChargerSettings settings, CoreState previous, HalSnapshot hal, ThermalSettings thermal,
        MeteringSettings metering, boolean authRequired, boolean authStarting, ElectricalReading grid) {

    ControlInput {
        limits = List.copyOf(limits);
    }

    /** An input without a grid reading: nothing of the session's energy counts as green. */
    ControlInput(Instant now, PilotReading pilot, boolean contactorFeedback, MeterReading internalMeter,
            MeterReading vehicleMeter, List<Limit> limits, ModeDecision mode, ChargerSettings settings,
            CoreState previous, HalSnapshot hal, ThermalSettings thermal, MeteringSettings metering,
            boolean authRequired, boolean authStarting) {
        this(now, pilot, contactorFeedback, internalMeter, vehicleMeter, limits, mode, settings, previous, hal,
                thermal, metering, authRequired, authStarting, null);
    }

    /** The same snapshot with the grid reading {@code reading}. */
    ControlInput withGrid(ElectricalReading reading) {
        return new ControlInput(now, pilot, contactorFeedback, internalMeter, vehicleMeter, limits, mode, settings,
                previous, hal, thermal, metering, authRequired, authStarting, reading);
    }

    /** An input with the authentication feature up (or none on the model). */
    ControlInput(Instant now, PilotReading pilot, boolean contactorFeedback, MeterReading internalMeter,
            MeterReading vehicleMeter, List<Limit> limits, ModeDecision mode, ChargerSettings settings,
            CoreState previous, HalSnapshot hal, ThermalSettings thermal, MeteringSettings metering,
            boolean authRequired) {
        this(now, pilot, contactorFeedback, internalMeter, vehicleMeter, limits, mode, settings, previous, hal,
                thermal, metering, authRequired, false);
    }
}
