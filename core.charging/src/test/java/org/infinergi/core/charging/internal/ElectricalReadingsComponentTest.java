package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.PhaseReading;
import org.infinergi.core.charging.api.ReadingStatus;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.testing.FakeMeter;
import org.infinergi.core.charging.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The grid reading features use and every meter of "Electrical readings" (manual §5.2, §5.2.2). */
class ElectricalReadingsComponentTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private MeteringSettings settings = MeteringSettings.DEFAULTS;
    private final ElectricalReadingsComponent readings = new ElectricalReadingsComponent(() -> settings, clock);
    private long ids;

    private FakeMeter bind(String role, String source, String model) {
        FakeMeter m = new FakeMeter(clock);
        readings.addMeter(m, model == null
                ? Map.of(Meter.ROLE, role, Meter.SOURCE, source, "service.id", ++ids)
                : Map.of(Meter.ROLE, role, Meter.SOURCE, source, Meter.MODEL, model, "service.id", ++ids));
        return m;
    }

    private void grid(MeteringSettings.GridMeter g) {
        settings = new MeteringSettings(MeteringSettings.VehicleMeter.INTERNAL, g);
    }

    /** The house exports on L1 (PV), imports on L2 and L3: what the wired CTs measure at the grid connection. */
    private static MeterReading exportOnL1(Instant at) {
        return new MeterReading(at, new double[] {230, 231, 229}, new double[] {-10, 4, 2}, -2300 + 924 + 458,
                Double.NaN, new double[] {-2300, 924, 458});
    }

    @Test
    void withoutAGridMeterTheReadingSaysSo() {
        bind("GRID", "CT", null).set(exportOnL1(clock.instant()));
        ElectricalReading g = readings.grid();
        assertEquals(ReadingStatus.NOT_CONFIGURED, g.status());
        assertTrue(g.phases().isEmpty());
        assertNull(g.powerW());
    }

    @Test
    void theWiredCtsGiveImportPlusAndExportMinusPerPhaseAndInTotal_withTheirAge() {
        grid(MeteringSettings.GridMeter.CT);
        bind("GRID", "CT_REMOTE", "CT-REMOTE").set(1000, 5);
        FakeMeter ct = bind("GRID", "CT", null);
        ct.set(exportOnL1(clock.instant()));
        clock.advanceMillis(400);

        ElectricalReading g = readings.grid();

        assertEquals(ReadingStatus.FRESH, g.status());
        assertEquals("CT", g.source(), "the wired CTs, not the remote device");
        assertEquals(List.of(new PhaseReading(230, -10, -2300), new PhaseReading(231, 4, 924),
                new PhaseReading(229, 2, 458)), g.phases());
        assertEquals(-918.0, g.powerW());
        assertEquals(400L, g.ageMs());
        assertNull(g.energyWh(), "wired CTs count no energy");
        assertTrue(g.inUse());
    }

    @Test
    void aMeterThatFallsSilentIsStale_withTheAgeOfItsLastReading_neverItsLastValues() {
        grid(MeteringSettings.GridMeter.CT_REMOTE);
        FakeMeter remote = bind("GRID", "CT_REMOTE", "CT-REMOTE");
        remote.set(exportOnL1(clock.instant()));
        Instant measured = clock.instant();
        assertTrue(readings.grid().fresh());

        remote.silence();
        clock.advanceMillis(7_000);
        ElectricalReading g = readings.grid();

        assertEquals(ReadingStatus.STALE, g.status());
        assertFalse(g.fresh());
        assertEquals(measured, g.at());
        assertEquals(7_000L, g.ageMs());
        assertTrue(g.phases().isEmpty(), "no values from a silent meter");
        assertNull(g.powerW());
    }

    @Test
    void theSelectedMeterAbsentIsMissing_anotherGridMeterIsNotTakenInstead() {
        grid(MeteringSettings.GridMeter.CT_REMOTE);
        bind("GRID", "CT", null).set(exportOnL1(clock.instant()));
        ElectricalReading g = readings.grid();
        assertEquals(ReadingStatus.MISSING, g.status());
        assertEquals("CT_REMOTE", g.source());
        assertNull(g.at());
        assertTrue(g.phases().isEmpty());
    }

    @Test
    void modbusSelectsTheModbusMeterWithRoleGrid_perPhasePowerIsVTimesIWhenItGivesTheTotalOnly() {
        grid(MeteringSettings.GridMeter.MODBUS);
        bind("VEHICLE", "MID", "SDM72D").set(0, 10);
        bind("GRID", "MID", "SDM630").setPhases(new double[] {230, 230, 230}, new double[] {-5, 0, 1});
        ElectricalReading g = readings.grid();
        assertEquals("SDM630", g.model());
        assertEquals(new PhaseReading(230, -5, -1150), g.phases().get(0));
        assertEquals(-920.0, g.powerW());
    }

    @Test
    void everyMeterIsListed_vehicleFirst_theOnesInUseMarked() {
        grid(MeteringSettings.GridMeter.CT);
        FakeMeter ct = bind("GRID", "CT", null);
        ct.set(exportOnL1(clock.instant()));
        bind("GRID", "CT_REMOTE", "CT-REMOTE").set(500, 1);
        bind("VEHICLE", "INTERNAL", null).set(7000, 12);
        bind("VEHICLE", "MID", "SDM72D").silence();

        List<ElectricalReading> all = readings.all();

        assertEquals(List.of("VEHICLE/INTERNAL/true/FRESH", "VEHICLE/MID/false/STALE", "GRID/CT/true/FRESH",
                "GRID/CT_REMOTE/false/FRESH"), all.stream()
                        .map(r -> r.role() + "/" + r.source() + "/" + r.inUse() + "/" + r.status()).toList());
        assertEquals(12.0, all.get(0).energyWh());
    }

    /** The grid connection measures house + charger: a house of {@code houseA} a phase and the car at {@code carA}. */
    private static MeterReading gridWith(Instant at, double houseA, double carA) {
        double a = houseA + carA;
        return new MeterReading(at, new double[] {230, 230, 230}, new double[] {a, a, a}, 3 * 230 * a, Double.NaN,
                new double[] {230 * a, 230 * a, 230 * a});
    }

    /** What the charger's own meter sampled at {@code at}: the car drawing {@code amps} on three phases. */
    private static MeterReading carAt(Instant at, double amps) {
        return new MeterReading(at, new double[] {230, 230, 230}, new double[] {amps, amps, amps}, 3 * 230 * amps,
                0);
    }

    private static void assertLoad(double expectedA, ElectricalReading site, String why) {
        assertEquals(ReadingStatus.FRESH, site.status(), why);
        for (PhaseReading p : site.phases()) {
            assertEquals(expectedA, p.currentA(), 1e-9, why);
            assertEquals(230 * expectedA, p.powerW(), 1e-6, why);
        }
        assertEquals(3 * 230 * expectedA, site.powerW(), 1e-6, why);
    }

    @Test
    void siteLoad_subtractsTheChargersDrawAsItWasWhenTheGridMeterMeasured_notAsItIsNow() {
        grid(MeteringSettings.GridMeter.CT);
        FakeMeter ct = bind("GRID", "CT", null);
        FakeMeter own = bind("VEHICLE", "INTERNAL", null);
        Instant polled = clock.instant();
        ct.set(gridWith(polled, 6.5, 9.4)); // the house at 6.5 A a phase, the car at 9.4 A
        own.setPhases(new double[] {230, 230, 230}, new double[] {9.4, 9.4, 9.4});
        assertLoad(6.5, readings.siteLoad(), "grid and own meter agree");

        // 200 ms later the car follows an older, higher offer: the own meter says so, the grid reading (polled once a
        // second) still holds the car at 9.4 A. The house has not changed.
        for (int i = 0; i < 8; i++) {
            clock.advanceMillis(100);
            own.setPhases(new double[] {230, 230, 230}, new double[] {16, 16, 16});
            assertLoad(6.5, readings.siteLoad(), "the house at " + (i + 1) * 100 + " ms after the poll");
        }

        // The next poll sees the car at 16 A: the house is still 6.5 A.
        clock.advanceMillis(200);
        ct.set(gridWith(clock.instant(), 6.5, 16));
        ElectricalReading site = readings.siteLoad();
        assertLoad(6.5, site, "after the next poll");
        assertEquals("SITE", site.role());
        assertEquals("CT", site.source());
        assertEquals(clock.instant(), site.at(), "the grid reading's time");
    }

    @Test
    void siteLoad_takesTheOwnReadingLastTakenByTheGridReadingsTime() {
        grid(MeteringSettings.GridMeter.MODBUS);
        FakeMeter grid = bind("GRID", "MID", "SDM630");
        FakeMeter own = bind("VEHICLE", "INTERNAL", null);
        Instant start = clock.instant();
        for (int i = 0; i <= 10; i++) { // the car ramps 6 → 16 A, one ampere every 100 ms
            own.setPhases(new double[] {230, 230, 230}, new double[] {6 + i, 6 + i, 6 + i});
            readings.siteLoad();
            clock.advanceMillis(100);
        }
        // The grid meter measured 340 ms into the ramp, when the car drew 9 A (the reading of 300 ms, the last before).
        grid.set(gridWith(start.plusMillis(340), 2, 9));

        ElectricalReading site = readings.siteLoad();

        assertLoad(2, site, "the house, the car's 9 A taken out");
        assertEquals(start.plusMillis(340), site.at());
        assertEquals(Long.valueOf(760), site.ageMs(), "the grid reading's age");
    }

    @Test
    void siteLoad_withoutAnOwnReadingNearTheGridReadingsTime_countsTheChargerAsDrawingNothing() {
        grid(MeteringSettings.GridMeter.CT);
        FakeMeter ct = bind("GRID", "CT", null);
        FakeMeter own = bind("VEHICLE", "INTERNAL", null);
        ct.set(gridWith(clock.instant(), 3, 10));
        clock.advanceMillis(2_500);
        own.setPhases(new double[] {230, 230, 230}, new double[] {10, 10, 10});

        // The first own reading is 2.5 s younger than the grid reading: what the car drew then is unknown, and the
        // whole import counts as load (DLM offers less, Green sees less surplus) — not grid then minus car now.
        assertLoad(13, readings.siteLoad(), "no own reading by the grid reading's time");

        own.silence();
        clock.advanceMillis(2_500);
        ct.set(gridWith(clock.instant(), 3, 10));
        assertLoad(13, readings.siteLoad(), "the own meter silent since 2.5 s before the grid reading");
    }

    @Test
    void siteLoad_ofAStaleMissingOrUnconfiguredGridMeterIsThatStatus_withoutValues() {
        FakeMeter ct = bind("GRID", "CT", null);
        bind("VEHICLE", "INTERNAL", null).set(7000, 12);
        ct.set(gridWith(clock.instant(), 3, 10));
        assertEquals(ReadingStatus.NOT_CONFIGURED, readings.siteLoad().status());

        grid(MeteringSettings.GridMeter.CT_REMOTE);
        assertEquals(ReadingStatus.MISSING, readings.siteLoad().status());

        grid(MeteringSettings.GridMeter.CT);
        Instant measured = clock.instant();
        assertTrue(readings.siteLoad().fresh());
        ct.silence();
        clock.advanceMillis(4_000);
        ElectricalReading site = readings.siteLoad();
        assertEquals(ReadingStatus.STALE, site.status());
        assertEquals(measured, site.at());
        assertEquals(Long.valueOf(4_000), site.ageMs());
        assertTrue(site.phases().isEmpty(), "no values without a fresh grid reading");
        assertNull(site.powerW());
    }

    @Test
    void siteLoad_takesAModbusMidMetersReadingAPollBeforeTheGridReading() {
        // A MID meter and the grid meter on one RS485 line, each polled every 1 s (and a few ms for the answer): the
        // MID meter answered just after the grid meter, so its last reading before is a little more than a poll old.
        grid(MeteringSettings.GridMeter.MODBUS);
        settings = new MeteringSettings(MeteringSettings.VehicleMeter.MID, MeteringSettings.GridMeter.MODBUS);
        FakeMeter grid = bind("GRID", "MID", "SDM72D");
        FakeMeter mid = bind("VEHICLE", "MID", "SDM72D");
        mid.set(carAt(clock.instant(), 10));
        readings.siteLoad();
        clock.advanceMillis(1_004);
        grid.set(gridWith(clock.instant(), 3, 10));

        assertLoad(3, readings.siteLoad(), "the car's 10 A of 1.004 s before taken out");
    }

    @Test
    void siteLoad_neverTakesAnOwnReadingTakenAfterTheGridReading() {
        // The 3T-DR sim image, Modbus grid meter: the car drew 10.54 A (own meter every 100 ms), the house 500 W a
        // phase. The grid meter answered 58 ms after an own reading; DLM raised its offer on that grid reading, the
        // car followed within a tick, and the own meter's next reading, 42 ms after the grid reading's time — nearer
        // than the one before — already held the car's 13.44 A, which the grid meter did not measure.
        grid(MeteringSettings.GridMeter.MODBUS);
        FakeMeter grid = bind("GRID", "MID", "SDM72D");
        FakeMeter own = bind("VEHICLE", "INTERNAL", null);
        double houseA = 500 / 230.0;
        own.set(carAt(clock.instant(), 10.54));
        readings.siteLoad();
        clock.advanceMillis(58);
        Instant polled = clock.instant();
        grid.set(gridWith(polled, houseA, 10.54));
        assertLoad(houseA, readings.siteLoad(), "the decision right after the grid reading");
        clock.advanceMillis(42);
        own.set(carAt(clock.instant(), 13.44));

        ElectricalReading site = readings.siteLoad();

        // Not 500 W − 2.9 A × 230 V = −167 W a phase: a house lighter by the car's raise, which DLM raised again by.
        assertLoad(houseA, site, "the same house: the own reading taken by the grid reading's time");
        assertEquals(polled, site.at());
    }

    @Test
    void theHistoryKeepsAFewSecondsOneEntryPerReading() {
        ReadingHistory h = new ReadingHistory();
        Instant t = clock.instant();
        MeterReading first = new MeterReading(t, new double[] {230}, new double[] {6}, 1380, 0);
        h.add(first);
        h.add(first); // asked twice between two samples: kept once
        h.add(new MeterReading(t.plusMillis(100), new double[] {230}, new double[] {7}, 1610, 0));
        assertEquals(6.0, h.takenBy(t).orElseThrow().currentsA()[0], "taken at the same instant");
        assertEquals(6.0, h.takenBy(t.plusMillis(60)).orElseThrow().currentsA()[0], "the last one before, not the nearest");
        assertEquals(7.0, h.takenBy(t.plusMillis(100)).orElseThrow().currentsA()[0]);
        assertEquals(7.0, h.takenBy(t.plusMillis(100).plus(ReadingHistory.MATCH)).orElseThrow().currentsA()[0]);
        assertTrue(h.takenBy(t.plusMillis(101).plus(ReadingHistory.MATCH)).isEmpty(), "too long before");
        assertTrue(h.takenBy(t.minusMillis(1)).isEmpty(), "none taken by then: a later one may hold a change");

        h.add(new MeterReading(t.plus(ReadingHistory.WINDOW).plusMillis(50), new double[] {230}, new double[] {8},
                1840, 0));
        assertTrue(h.takenBy(t).isEmpty(), "the reading of 0 ms, older than the window, is dropped");
        assertEquals(7.0, h.takenBy(t.plusMillis(100)).orElseThrow().currentsA()[0], "the one of 100 ms is kept");
    }
}
