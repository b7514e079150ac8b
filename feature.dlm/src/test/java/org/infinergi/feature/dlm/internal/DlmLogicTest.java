package org.infinergi.feature.dlm.internal;

import static org.infinergi.feature.dlm.internal.Readings.T0;
import static org.infinergi.feature.dlm.internal.Readings.charger;
import static org.infinergi.feature.dlm.internal.Readings.grid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.Limit;
import org.junit.jupiter.api.Test;

/** The DLM decision (manual §5.3) as a pure function: inputs, one decision, the limit the core takes. */
class DlmLogicTest {

    /** A 25 A main fuse per phase, resume at 7 A held for 60 s. */
    private static final DlmSettings FUSE_25A = new DlmSettings(0, 25, 1.0, Duration.ofSeconds(60));

    private DlmState state = DlmState.INITIAL;

    /** One decision on a grid and a charger reading taken at the same instant. */
    private Limit decide(DlmSettings s, ElectricalReading grid, ElectricalReading charger, Instant at) {
        DlmLogic.Decision d = DlmLogic.decide(s, Readings.site(grid, charger), charger, state, at);
        state = d.next();
        return d.limit();
    }

    @Test
    void theOfferIsTheRoomTheHouseLeavesOnTheMostLoadedPhase() {
        // House 5/9/4 A, the car draws 16 A on each phase: the grid sees house + car.
        Limit l = decide(FUSE_25A, grid(21, 25, 20), charger(16, 16, 16), T0);
        assertEquals(16.0, l.amps(), 1e-9, l.toString());
        assertEquals("DLM", l.source());
        assertTrue(l.detail().contains("L2"), l.detail());
    }

    @Test
    void aHouseLoadStepLowersTheOfferAtTheNextDecision() {
        assertEquals(20.0, decide(FUSE_25A, grid(21, 21, 21), charger(16, 16, 16), T0).amps(), 1e-9);
        // A 10 A cooker on L1: the car still draws 16 A, the grid now 31 A on L1.
        Limit l = decide(FUSE_25A, grid(31, 21, 21), charger(16, 16, 16), T0.plusSeconds(1));
        assertEquals(10.0, l.amps(), 1e-9, l.toString());
    }

    @Test
    void lessThanSixAmperesOfRoomPausesAtOnce() {
        decide(FUSE_25A, grid(21, 21, 21), charger(16, 16, 16), T0);
        Limit l = decide(FUSE_25A, grid(36, 21, 21), charger(16, 16, 16), T0.plusSeconds(1));
        assertEquals(0.0, l.amps(), l.toString());
        assertTrue(l.detail().startsWith("Current not available (DLM)"), l.detail());
        assertTrue(l.detail().contains("L1"), l.detail());
        assertTrue(state.paused());
    }

    @Test
    void aPauseEndsOnlyOnceTheRoomHoldsSixAmperesPlusHysteresisForTheResumeDelay() {
        decide(FUSE_25A, grid(37, 16, 16), charger(16, 16, 16), T0); // 4 A left: pause
        // Paused, the car draws nothing: the grid sees the house alone.
        // 6.5 A of room is enough to charge but not to resume: it would flap.
        assertEquals(0.0, decide(FUSE_25A, grid(18.5, 1, 1), charger(0, 0, 0), T0.plusSeconds(1)).amps());
        assertEquals(0.0, decide(FUSE_25A, grid(18.5, 1, 1), charger(0, 0, 0), T0.plusSeconds(600)).amps());
        // 8 A of room from 600 s on: still paused for 59 s …
        assertEquals(0.0, decide(FUSE_25A, grid(17, 1, 1), charger(0, 0, 0), T0.plusSeconds(600)).amps());
        Limit waiting = decide(FUSE_25A, grid(17, 1, 1), charger(0, 0, 0), T0.plusSeconds(659));
        assertEquals(0.0, waiting.amps());
        assertTrue(waiting.detail().contains("59 s so far"), waiting.detail());
        // … and charges at 60 s.
        assertEquals(8.0, decide(FUSE_25A, grid(17, 1, 1), charger(0, 0, 0), T0.plusSeconds(660)).amps(), 1e-9);
        assertFalse(state.paused());
    }

    @Test
    void aDipBelowTheResumeThresholdStartsTheResumeDelayOver() {
        decide(FUSE_25A, grid(37, 16, 16), charger(16, 16, 16), T0);
        decide(FUSE_25A, grid(17, 1, 1), charger(0, 0, 0), T0.plusSeconds(10));
        decide(FUSE_25A, grid(19, 1, 1), charger(0, 0, 0), T0.plusSeconds(50)); // 6 A: below 7 A
        assertEquals(0.0, decide(FUSE_25A, grid(17, 1, 1), charger(0, 0, 0), T0.plusSeconds(70)).amps());
        assertEquals(0.0, decide(FUSE_25A, grid(17, 1, 1), charger(0, 0, 0), T0.plusSeconds(129)).amps());
        assertEquals(8.0, decide(FUSE_25A, grid(17, 1, 1), charger(0, 0, 0), T0.plusSeconds(130)).amps(), 1e-9);
    }

    @Test
    void aStaleOrMissingGridReadingPausesAtOnceNeverOnTheLastGoodValue() {
        assertEquals(20.0, decide(FUSE_25A, grid(21, 21, 21), charger(16, 16, 16), T0).amps(), 1e-9);
        Limit stale = decide(FUSE_25A, Readings.stale(), charger(16, 16, 16), T0.plusSeconds(1));
        assertEquals(0.0, stale.amps());
        assertTrue(stale.detail().startsWith("Current not available (DLM): grid reading STALE"), stale.detail());
        Limit missing = decide(FUSE_25A, Readings.missing(), charger(0, 0, 0), T0.plusSeconds(2));
        assertEquals(0.0, missing.amps());
        assertTrue(missing.detail().contains("MISSING"), missing.detail());
        // Back: the resume delay runs from the first fresh reading.
        assertEquals(0.0, decide(FUSE_25A, grid(5, 5, 5), charger(0, 0, 0), T0.plusSeconds(3)).amps());
        assertEquals(20.0, decide(FUSE_25A, grid(5, 5, 5), charger(0, 0, 0), T0.plusSeconds(63)).amps(), 1e-9);
    }

    @Test
    void aSinglePhaseCarOnAThreePhaseSupplyIsJudgedOnItsOwnPhase() {
        // The car draws 16 A on L1; L2 carries 22 A of house load, which the car does not use.
        Limit l = decide(FUSE_25A, grid(18, 22, 3), charger(16, 0, 0), T0);
        assertEquals(23.0, l.amps(), 1e-9, l.toString());
        assertTrue(l.detail().contains("L1"), l.detail());
        // A three-phase car on the same site is held by L2.
        state = DlmState.INITIAL;
        assertEquals(0.0, decide(FUSE_25A, grid(18, 38, 19), charger(16, 16, 16), T0).amps());
    }

    @Test
    void aPausedSinglePhaseCarResumesOnThePhaseItUsedNotTheBusiestOne() {
        decide(FUSE_25A, grid(37, 5, 5), charger(16, 0, 0), T0); // 4 A left on L1: pause
        // The car draws nothing now; L1 frees up, L2 stays loaded.
        decide(FUSE_25A, grid(5, 22, 5), charger(0, 0, 0), T0.plusSeconds(1));
        Limit l = decide(FUSE_25A, grid(5, 22, 5), charger(0, 0, 0), T0.plusSeconds(61));
        assertEquals(20.0, l.amps(), 1e-9, l.toString());
    }

    @Test
    void theImportLimitIsTheContractualPowerSpreadOverTheCarsPhases() {
        DlmSettings contract = new DlmSettings(6000, 0, 1.0, Duration.ofSeconds(60));
        // Single phase: the car 10 A, the house 8 A → grid 18 A = 4140 W; room 6000 − 1840 W = 26.1 A.
        Limit l = decide(contract, grid(18), charger(10), T0);
        assertEquals((6000 - 8 * 230) / 230.0, l.amps(), 1e-9, l.toString());
        // Three-phase: house 1.5 kW in all, the car 3 × 6 A; (6000 − 1500) W over 3 × 230 V = 6.5 A.
        state = DlmState.INITIAL;
        double house = 1500 / 690.0;
        Limit three = decide(contract, grid(6 + house, 6 + house, 6 + house), charger(6, 6, 6), T0);
        assertEquals(4500 / 690.0, three.amps(), 1e-9, three.toString());
        // 500 W more of house load leaves 5.8 A: below the minimum, the charge pauses.
        double more = 2000 / 690.0;
        assertEquals(0.0, decide(contract, grid(6 + more, 6 + more, 6 + more), charger(6, 6, 6), T0).amps());
    }

    @Test
    void bothLimitsSetTheLowerRoomWins() {
        DlmSettings both = new DlmSettings(3000, 25, 0, Duration.ZERO);
        Limit l = decide(both, grid(10), charger(6), T0); // house 4 A: 21 A by the fuse, (3000 − 920)/230 by power
        assertEquals((3000 - 4 * 230) / 230.0, l.amps(), 1e-9, l.toString());
    }

    @Test
    void exportFromThePvPlantGivesMoreRoomNotLess() {
        Limit l = decide(FUSE_25A, grid(-4), charger(6), T0); // house − PV = −10 A
        assertEquals(35.0, l.amps(), 1e-9, l.toString());
    }

    @Test
    void withoutItsOwnReadingTheChargersDrawCountsAsHouseLoad() {
        ElectricalReading staleCharger = new ElectricalReading("VEHICLE", "INTERNAL", null, true,
                org.infinergi.core.charging.api.ReadingStatus.STALE, T0, 5000L, List.of(), null, null);
        assertEquals(9.0, decide(FUSE_25A, grid(16), staleCharger, T0).amps(), 1e-9);
    }

    @Test
    void offOrWithoutAGridMeterDlmNeverLowersTheCurrent() {
        assertEquals(DlmLogic.NO_LIMIT_A, decide(DlmSettings.OFF, grid(90, 90, 90), charger(16, 16, 16), T0).amps());
        Limit noMeter = decide(FUSE_25A, Readings.notConfigured(), charger(16), T0);
        assertEquals(DlmLogic.NO_LIMIT_A, noMeter.amps());
        assertTrue(noMeter.detail().contains("no grid meter"), noMeter.detail());
    }

    @Test
    void aGridMeterThatDoesNotMeasureTheCarsPhasePausesOnTheSafeSide() {
        Limit l = decide(FUSE_25A, grid(5), charger(0, 10, 0), T0);
        assertEquals(0.0, l.amps());
        assertTrue(l.detail().contains("measures no L2"), l.detail());
    }

    /** The 25 A fuse, no headroom, and a grid meter whose readings can show the site up to 1 s before their time. */
    private static final DlmSettings LAGGING_METER = new DlmSettings(0, 25, 1.0, Duration.ofSeconds(60), 0,
            Duration.ofSeconds(1));

    /**
     * One decision at {@code t} s after T0 on a grid reading taken then (the meter's registers may be older) and the
     * charger's reading of then, as the core gives them: the site's load is the grid minus the charger at that time.
     */
    private Limit decideAt(DlmSettings s, double t, ElectricalReading grid, ElectricalReading charger) {
        Instant at = T0.plusMillis(Math.round(t * 1000));
        return decide(s, Readings.at(grid, at), Readings.at(charger, at), at);
    }

    @Test
    void aGridReadingThatMayNotShowTheCarsRiseYetDoesNotRaiseTheOfferAgain() {
        // House 5 A, the car 10 A: 20 A of room, offered.
        assertEquals(20.0, decideAt(LAGGING_METER, 0, grid(15), charger(10)).amps(), 1e-9);
        // A second later the car draws 20 A; the grid meter's registers still hold the car at 10 A. The site's load
        // (15 − 20 = −5 A) makes the house look 10 A lighter: 30 A of "room" that is not there.
        Limit held = decideAt(LAGGING_METER, 1, grid(15), charger(20));
        assertEquals(20.0, held.amps(), 1e-9, held.toString());
        assertTrue(held.detail().contains("held"), held.detail());
        // The next reading shows the car at 20 A: the room is 20 A, and so is the offer — one change, no swing.
        assertEquals(20.0, decideAt(LAGGING_METER, 2, grid(25), charger(20)).amps(), 1e-9);
        assertEquals(20.0, decideAt(LAGGING_METER, 3, grid(25), charger(20)).amps(), 1e-9);
    }

    @Test
    void aGridReadingThatMayNotShowTheCarsFallYetDoesNotLowerTheOfferAgain() {
        assertEquals(20.0, decideAt(LAGGING_METER, 0, grid(25), charger(20)).amps(), 1e-9);
        // A 10 A cooker: 10 A of room, the offer follows.
        assertEquals(10.0, decideAt(LAGGING_METER, 1, grid(35), charger(20)).amps(), 1e-9);
        // The car follows to 10 A; the grid's registers still hold it at 20 A: the house looks 10 A heavier, the
        // "room" 0 A — it would pause the charge. DLM holds the offer.
        Limit held = decideAt(LAGGING_METER, 2, grid(35), charger(10));
        assertEquals(10.0, held.amps(), 1e-9, held.toString());
        assertFalse(state.paused());
        assertEquals(10.0, decideAt(LAGGING_METER, 3, grid(25), charger(10)).amps(), 1e-9);
    }

    @Test
    void aRiseOfTheHouseBeyondWhatTheCarsChangeCanHideLowersTheOfferAtOnce() {
        assertEquals(20.0, decideAt(LAGGING_METER, 0, grid(15), charger(10)).amps(), 1e-9);
        // The car rose to 20 A and the house by 12 A, while the reading may still hold the car at 10 A: the room is
        // 18 A if it does, 8 A if it does not. Even 18 A is less than the 20 A offered: a real rise of the house, the
        // offer goes down at once to the most the room can be, without waiting for a reading that shows the car …
        Limit lowered = decideAt(LAGGING_METER, 1, grid(27), charger(20));
        assertEquals(18.0, lowered.amps(), 1e-9, lowered.toString());
        // … which the next reading does: 8 A.
        assertEquals(8.0, decideAt(LAGGING_METER, 2, grid(37), charger(20)).amps(), 1e-9);
        // A stale grid reading within the lag still pauses at once.
        assertEquals(0.0, decideAt(LAGGING_METER, 2.5, Readings.stale(), charger(8)).amps());
    }

    @Test
    void aHouseStepRightAfterTheCarStartedLowersToTheRoomWithoutPausing() {
        // The car starts: 0 A, then 13.45 A of a three-phase car's room on an 11 kW contract (house 1.5 kW).
        DlmSettings contract = new DlmSettings(11000, 0, 1.0, Duration.ofSeconds(60), 2, Duration.ofSeconds(1));
        double house = 1500 / 690.0;
        double room = (11000 * 0.98 - 1500) / 690;
        decideAt(contract, 0, grid(house, house, house), charger(0, 0, 0));
        decideAt(contract, 0.5, grid(house + room, house + room, house + room), charger(room, room, room));
        // 2 kW more on L1 half a second later: the reading may still hold the car at 0 A (then the house would be
        // 12.8 kW and the room −2.9 A) or at 13.45 A (10.55 A). Not a pause: down to 10.55 A.
        double step = 2000 / 230.0;
        Limit l = decideAt(contract, 1, grid(house + room + step, house + room, house + room),
                charger(room, room, room));
        assertEquals((11000 * 0.98 - 3500) / 690, l.amps(), 1e-9, l.toString());
        assertFalse(state.paused());
    }

    @Test
    void aSwingWithALaggingMeterSettlesAfterOneChange() {
        // A car that follows the offer 1 s later (its last), a grid meter whose registers hold the site 950 ms before
        // each 1 s poll: the house steps from 3 A to 14.45 A on a 25 A fuse. Without holding, the offer swung around
        // the 10.55 A of room by the size of its last change (7.7 A ↔ 13.4 A on the sim image).
        double house = 3;
        double car = 16;
        double offer = Double.NaN;
        java.util.List<Double> offers = new java.util.ArrayList<>();
        java.util.Deque<double[]> pending = new java.util.ArrayDeque<>();
        double registersCar = car;
        double registersHouse = house;
        for (int tenth = 0; tenth <= 300; tenth++) {
            double t = tenth / 10.0;
            if (tenth == 100) {
                house = 14.45;
            }
            while (!pending.isEmpty() && pending.peekFirst()[0] <= t + 1e-9) {
                car = Math.min(16, pending.pollFirst()[1]);
            }
            if (tenth % 10 == 1) {
                registersCar = car; // the meter refreshes its registers 100 ms after each poll
                registersHouse = house;
            }
            if (tenth % 10 == 0) {
                Limit l = decideAt(LAGGING_METER, t, grid(registersHouse + registersCar), charger(car));
                if (Double.isNaN(offer) || Math.abs(l.amps() - offer) > 1e-6) {
                    offers.add(l.amps());
                    pending.addLast(new double[] { t + 1, l.amps() });
                }
                offer = l.amps();
            }
        }
        // Before the step: 22 A of room, the car takes its 16 A; after it: 10.55 A, one change.
        assertEquals(java.util.List.of(22.0, 10.55), offers.stream().map(a -> Math.round(a * 100) / 100.0).toList(),
                offers.toString());
    }
}
