package org.infinergi.core.charging.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The phases the car uses, as DLM and Green read them from the charger's own meter. */
class CarPhasesTest {

    private static ElectricalReading meter(double... amps) {
        List<PhaseReading> phases = new java.util.ArrayList<>();
        for (double a : amps) {
            phases.add(new PhaseReading(230, a, 230 * a));
        }
        return new ElectricalReading("VEHICLE", "INTERNAL", null, true, ReadingStatus.FRESH, Instant.EPOCH, 0L, phases,
                0.0, null);
    }

    private static final ElectricalReading STALE = new ElectricalReading("VEHICLE", "INTERNAL", null, true,
            ReadingStatus.STALE, Instant.EPOCH, 9000L, List.of(), null, null);

    @Test
    void aSinglePhaseCarOnAThreePhaseChargerDrawsOnL1Only_theNoiseOnTheOthersIsNotACar() {
        assertEquals(List.of(0), CarPhases.drawing(meter(10, 0.4, 0.9)));
        assertEquals(List.of(0), CarPhases.inUse(meter(10, 0.4, 0.9), List.of(0, 1, 2), 3));
    }

    @Test
    void aCarThatDrawsNothingIsJudgedByThePhasesItDrewOnLast_neverSeenByTheSupplys() {
        assertEquals(List.of(0), CarPhases.inUse(meter(0, 0, 0), List.of(0), 3));
        assertEquals(List.of(0, 1, 2), CarPhases.inUse(meter(0, 0, 0), List.of(), 3));
        assertEquals(List.of(0), CarPhases.inUse(null, List.of(), 0));
    }

    @Test
    void aStaleOwnMeterShowsNoPhaseDrawing_theSupplyComesFromTheGridMeterThen() {
        assertEquals(List.of(), CarPhases.drawing(STALE));
        assertEquals(List.of(), CarPhases.drawing(null));
        assertEquals(3, CarPhases.supply(meter(1, 1, 1), STALE));
        assertEquals(1, CarPhases.supply(meter(0, 0, 0), meter(0)));
    }
}
