package org.infinergi.core.charging.api;

import java.time.Instant;
import java.util.List;

/**
 * What one meter the charger reads measures (manual §5.2, "Info → Electrical readings"). Values are present only
 * when {@link #status()} is {@link ReadingStatus#FRESH}; otherwise {@code phases} is empty and the numbers are null,
 * and {@code at}/{@code ageMs} say how old the last good reading is (null when there was none).
 *
 * @param role     {@code VEHICLE}, {@code GRID}, or {@code SITE} for {@link ElectricalReadings#siteLoad()} (since 1.9.0)
 * @param source   {@code INTERNAL}, {@code MID}, {@code CT} (wired CTs, manual §4.6), {@code CT_REMOTE} (the radio
 *                 CT device) — as the meter's {@code infinergi.meter.source}
 * @param model    the meter's model (e.g. {@code SDM72D}), null when it has none
 * @param inUse    whether the charger uses this meter for its role (the configured vehicle or grid meter)
 * @param status   whether the values are current
 * @param at       when the values (or the last good ones) were measured, null when never
 * @param ageMs    milliseconds since {@code at}, null when never
 * @param phases   one entry per phase (L1, L2, L3), empty unless FRESH
 * @param powerW   total active power, watts (signed on the grid: + import, − export), null unless FRESH
 * @param energyWh cumulative energy through the meter, watt-hours; null unless FRESH or when the source counts none
 * @since 1.7.0
 */
public record ElectricalReading(String role, String source, String model, boolean inUse, ReadingStatus status,
        Instant at, Long ageMs, List<PhaseReading> phases, Double powerW, Double energyWh) {

    public ElectricalReading {
        phases = List.copyOf(phases);
    }

    /** Whether the values are current (status FRESH). */
    public boolean fresh() {
        return status == ReadingStatus.FRESH;
    }
}
