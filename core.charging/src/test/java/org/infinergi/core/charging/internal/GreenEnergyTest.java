package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.api.ReadingStatus;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.hal.MeterReading;
import org.junit.jupiter.api.Test;

/**
 * Manual §9.2, issue 16: every stored session carries its energy split into green and grid, integrated cycle by cycle
 * from the vehicle meter's energy and the grid reading frozen into the cycle; kept with the session in progress, so a
 * power loss or a restart of the core keeps it.
 */
class GreenEnergyTest {

    private final MemoryStore store = new MemoryStore();

    /** The grid reading as {@link ElectricalReadingsComponent} gives it; the test sets it. */
    private static final class Grid implements ElectricalReadings {
        volatile Double watts;
        volatile ReadingStatus status = ReadingStatus.FRESH;
        private final Rig rig;

        Grid(Rig rig) {
            this.rig = rig;
        }

        @Override
        public ElectricalReading grid() {
            return new ElectricalReading("GRID", "CT", null, true, status, rig.clock.instant(), 0L, List.of(),
                    status == ReadingStatus.FRESH ? watts : null, null);
        }

        /** What the grid meter shows less the car's draw at that moment (the test's meter reads now). */
        @Override
        public ElectricalReading siteLoad() {
            double car = rig.meter.latest().map(MeterReading::powerW).orElse(0.0);
            return new ElectricalReading("SITE", "CT", null, true, status, rig.clock.instant(), 0L, List.of(),
                    status == ReadingStatus.FRESH && watts != null ? watts - car : null, null);
        }

        @Override
        public List<ElectricalReading> all() {
            return List.of(grid());
        }
    }

    private Rig core() {
        Rig r = new Rig(Rig.config(), true, new AvailabilityComponent(Map.of()), store);
        r.core.limitProviders.add(new WiringLimitProvider(r.installation));
        return r;
    }

    private static Grid grid(Rig r, double watts) {
        Grid g = new Grid(r);
        g.watts = watts;
        r.core.readings = g;
        return g;
    }

    /** The meter adds {@code wh} at {@code carW} over one cycle. */
    private static void charge(Rig r, double carW, double wh) {
        r.meter.set(carW, r.meter.latest().orElseThrow().energyWh() + wh);
        r.cycle();
    }

    @Test
    void surplusThenImport_theStoredSessionSplitsItsEnergy() {
        Rig r = core();
        Grid g = grid(r, -3_000);
        r.meter.set(7_000, 10_000);
        r.charging();
        charge(r, 7_000, 500); // exporting 3 kW with the car charging: all green
        g.watts = 3_500.0;
        charge(r, 7_000, 400); // importing half of what the car takes
        g.watts = 9_000.0;
        charge(r, 7_000, 100); // importing more than the car takes (cooker on): all grid
        r.vehicle(PilotState.A);
        SessionRecord s = store.stored.get(0);
        assertEquals(1_000.0, s.energyWh(), 1e-9);
        assertEquals(700.0, s.greenEnergyWh(), 1e-9);
        assertEquals(300.0, s.gridEnergyWh(), 1e-9);
    }

    @Test
    void noGridMeter_allGrid() {
        Rig r = core();
        r.meter.set(7_000, 0);
        r.charging();
        charge(r, 7_000, 800);
        r.vehicle(PilotState.A);
        assertEquals(800.0, store.stored.get(0).energyWh(), 1e-9);
        assertEquals(0.0, store.stored.get(0).greenEnergyWh(), "no grid meter: nothing claimed green");
    }

    @Test
    void staleGridReading_thatIntervalCountsAsGrid() {
        Rig r = core();
        Grid g = grid(r, -5_000);
        r.meter.set(7_000, 0);
        r.charging();
        charge(r, 7_000, 200);
        g.status = ReadingStatus.STALE; // the CT remote device went silent while the sun shone
        charge(r, 7_000, 300);
        g.status = ReadingStatus.FRESH;
        charge(r, 7_000, 100);
        r.vehicle(PilotState.A);
        assertEquals(600.0, store.stored.get(0).energyWh(), 1e-9);
        assertEquals(300.0, store.stored.get(0).greenEnergyWh(), 1e-9);
    }

    @Test
    void powerLoss_theStoredSessionKeepsTheGreenShareOfItsLastPersist() {
        Rig before = core();
        grid(before, -2_000);
        before.meter.set(7_000, 1_000);
        before.charging();
        charge(before, 7_000, 40);
        before.cycle(ChargingCore.PERSIST_PERIOD_MS);
        assertEquals(40.0, store.running.session().greenEnergyWh(), 1e-9, "kept with the periodic persist");
        charge(before, 7_000, 5); // measured, never kept: the power goes now

        core(); // the vehicle is gone when the charger comes back
        SessionRecord s = store.stored.get(0);
        assertEquals(RunningSession.END_POWER_LOSS, s.endReason());
        assertEquals(40.0, s.energyWh(), 1e-9);
        assertEquals(40.0, s.greenEnergyWh(), 1e-9);
    }

    @Test
    void coreRestarted_vehicleStillConnected_theGreenShareGoesOn() {
        Rig before = core();
        grid(before, -2_000);
        before.meter.set(7_000, 1_000);
        before.charging();
        charge(before, 7_000, 60);
        before.core.deactivate();

        Rig after = new Rig(Rig.config(), false, new AvailabilityComponent(Map.of()), store);
        after.core.limitProviders.add(new WiringLimitProvider(after.installation));
        Grid g = grid(after, 4_000);
        after.meter.set(7_000, 1_060);
        after.pilot.vehicle(PilotState.C);
        after.cycles(18);
        g.watts = 3_500.0;
        charge(after, 7_000, 100); // half green
        after.vehicle(PilotState.A);
        SessionRecord s = store.stored.get(0);
        assertEquals(160.0, s.energyWh(), 1e-9);
        assertEquals(110.0, s.greenEnergyWh(), 1e-9);
    }
}
