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
}
