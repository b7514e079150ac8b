package org.infinergi.core.charging.internal;

import java.time.Instant;

import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.SessionRecord;

/**
 * A session in progress, from plug-in (A → B/C) to unplug.
 *
 * @param start         when the vehicle was connected
 * @param mode          charging mode in force at the start
 * @param startEnergyWh the vehicle meter's cumulative energy at the start, or NaN until the meter answered
 * @param energyWh      energy delivered so far
 * @param peakPowerW    highest active power seen so far
 * @param hasCharged    whether the contactor was closed in C during this session (B afterwards = terminated)
 * @param idTag         the id tag that authorized this session (manual §5.7), kept for the history, or null
 * @param greenEnergyWh the part of {@code energyWh} that came from the site's surplus (manual §9.2, {@link GreenShare})
 */
record Session(Instant start, ChargingMode mode, double startEnergyWh, double energyWh, double peakPowerW,
        boolean hasCharged, String idTag, double greenEnergyWh) {

    /** A session with no green share yet. */
    Session(Instant start, ChargingMode mode, double startEnergyWh, double energyWh, double peakPowerW,
            boolean hasCharged, String idTag) {
        this(start, mode, startEnergyWh, energyWh, peakPowerW, hasCharged, idTag, 0);
    }

    static Session start(Instant at, ChargingMode mode) {
        return new Session(at, mode, Double.NaN, 0, 0, false, null, 0);
    }

    /**
     * This session with a new meter reading taken into account (energy and peak power only ever grow). The first
     * reading sets the baseline so that the energy so far stays (0 for a new session; what was measured before a
     * stop for a resumed one whose meter started again). The energy added since the last reading is green in the
     * share {@code greenFraction} (0–1) of the power this cycle saw ({@link GreenShare#fraction}).
     */
    Session metered(double meterEnergyWh, double powerW, double greenFraction) {
        double base = Double.isNaN(startEnergyWh) ? meterEnergyWh - energyWh : startEnergyWh;
        double energy = Math.max(energyWh, meterEnergyWh - base);
        double green = Math.min(energy, greenEnergyWh + (energy - energyWh) * greenFraction);
        return new Session(start, mode, base, energy, Math.max(peakPowerW, powerW), hasCharged, idTag, green);
    }

    /** A reading with no green share (no grid reading this cycle). */
    Session metered(double meterEnergyWh, double powerW) {
        return metered(meterEnergyWh, powerW, 0);
    }

    Session charged() {
        return hasCharged ? this
                : new Session(start, mode, startEnergyWh, energyWh, peakPowerW, true, idTag, greenEnergyWh);
    }

    /**
     * This session with the id tag that authorized it. The first one is kept: an authorization holds until the
     * unplug and cannot be replaced while held, but may lapse while the pilot does not show the vehicle.
     */
    Session authorizedBy(String tag) {
        return tag == null || idTag != null ? this
                : new Session(start, mode, startEnergyWh, energyWh, peakPowerW, hasCharged, tag, greenEnergyWh);
    }

    /** The finished session as the history keeps it. */
    SessionRecord ended(Instant at, String endReason) {
        return new SessionRecord(0, start, at, energyWh, peakPowerW, mode, endReason, idTag, greenEnergyWh);
    }
}
