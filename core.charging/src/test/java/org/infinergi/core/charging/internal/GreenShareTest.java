package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ReadingStatus;
import org.infinergi.core.charging.hal.MeterReading;
import org.junit.jupiter.api.Test;

/**
 * Manual §9.2 "energy reported as green": per cycle, green power = clamp(P_car − max(0, P_grid), 0, P_car), the grid
 * meter measuring the whole site with the charger (import +, export −); no grid meter or a stale reading: no green.
 * The share is computed from the site's load without the charger at the grid reading's time (grid − car), which is
 * how the tests give it: {@link #grid} takes what the grid meter shows with the car's 7 kW in it.
 */
class GreenShareTest {

    static final Instant T = Instant.parse("2026-06-21T12:00:00Z");
    static final long FRESH_MS = CoreSettings.DEFAULTS.meterFreshMs();

    static MeterReading car(double watts) {
        return new MeterReading(T, new double[] { 230, 230, 230 }, new double[] { 10, 10, 10 }, watts, 0);
    }

    static final double CAR_W = 7_000;

    /** The site's load without the car when the grid meter shows {@code watts} while the car draws {@link #CAR_W}. */
    static ElectricalReading grid(double watts, Instant at) {
        return new ElectricalReading("SITE", "CT", null, true, ReadingStatus.FRESH, at, 0L, List.of(), watts - CAR_W,
                null);
    }

    @Test
    void allSurplus_theSiteExports_allGreen() {
        assertEquals(1.0, GreenShare.fraction(car(7_000), grid(-2_000, T), T, FRESH_MS));
        assertEquals(1.0, GreenShare.fraction(car(7_000), grid(0, T), T, FRESH_MS), "balanced: all green");
    }

    @Test
    void partial_theSiteImportsPartOfWhatTheCarTakes() {
        assertEquals(4_000.0 / 7_000, GreenShare.fraction(car(7_000), grid(3_000, T), T, FRESH_MS), 1e-12);
    }

    @Test
    void importOnly_theSiteImportsMoreThanTheCarTakes_noGreen() {
        assertEquals(0.0, GreenShare.fraction(car(7_000), grid(7_000, T), T, FRESH_MS));
        assertEquals(0.0, GreenShare.fraction(car(7_000), grid(9_500, T), T, FRESH_MS));
    }

    @Test
    void noGridMeter_noGreen() {
        ElectricalReading none = new ElectricalReading("GRID", "NONE", null, false, ReadingStatus.NOT_CONFIGURED,
                null, null, List.of(), null, null);
        assertEquals(0.0, GreenShare.fraction(car(7_000), none, T, FRESH_MS));
        assertEquals(0.0, GreenShare.fraction(car(7_000), null, T, FRESH_MS), "no readings service");
    }

    @Test
    void staleOrMissingGridReading_countsAsGrid() {
        ElectricalReading stale = new ElectricalReading("GRID", "CT_REMOTE", null, true, ReadingStatus.STALE,
                T.minusSeconds(30), 30_000L, List.of(), null, null);
        ElectricalReading missing = new ElectricalReading("GRID", "MID", null, true, ReadingStatus.MISSING, null,
                null, List.of(), null, null);
        assertEquals(0.0, GreenShare.fraction(car(7_000), stale, T, FRESH_MS));
        assertEquals(0.0, GreenShare.fraction(car(7_000), missing, T, FRESH_MS));
        assertEquals(0.0, GreenShare.fraction(car(7_000), grid(-5_000, T.minusMillis(FRESH_MS + 1)), T, FRESH_MS),
                "a fresh-flagged reading older than the core trusts counts as grid too");
        assertEquals(1.0, GreenShare.fraction(car(7_000), grid(-5_000, T.minusMillis(FRESH_MS)), T, FRESH_MS));
    }

    @Test
    void theCarDrawingNothing_noGreen() {
        assertEquals(0.0, GreenShare.fraction(car(0), grid(-3_000, T), T, FRESH_MS));
        assertEquals(0.0, GreenShare.fraction(null, grid(-3_000, T), T, FRESH_MS));
    }
}
