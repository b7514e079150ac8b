package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.List;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotReading;

/**
 * The frozen snapshot one control cycle decides on.
 *
 * @param now                the cycle's time
 * @param pilot              the pilot reading, or null when none could be taken
 * @param contactorFeedback  what the relay feedback says (used by the error handling of issue 3)
 * @param meter              the vehicle meter's latest reading, or null when missing or stale
 * @param limits             the limits of all registered providers, already evaluated (a throwing one as 0 A)
 * @param settings           the configuration in force
 * @param previous           the state after the previous cycle
 */
record ControlInput(Instant now, PilotReading pilot, boolean contactorFeedback, MeterReading meter, List<Limit> limits,
        ChargerSettings settings, CoreState previous) {

    ControlInput {
        limits = List.copyOf(limits);
    }
}
