package org.infinergi.bench.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The harness's own logic: reading a trace, the day's numbers, and a short replay through the real code. */
class EnergyReplayTest {

    private static Trace parse(String csv) throws IOException {
        return Trace.parse(new BufferedReader(new StringReader(csv)), "test.csv");
    }

    /** {@code seconds} rows from {@code t0}: house per phase, PV; {@code stepAt}: house +{@code stepW} on L1 from there. */
    private static String trace(int t0, int seconds, int house, int pv, int stepAt, int stepW) {
        StringBuilder b = new StringBuilder(Trace.HEADER + "\n");
        for (int i = 0; i < seconds; i++) {
            int h1 = house + (i >= stepAt ? stepW : 0);
            b.append(t0 + i).append(',').append(h1).append(',').append(house).append(',').append(house).append(',')
                    .append(pv).append('\n');
        }
        return b.toString();
    }

    @Test
    void aTraceIsReadWithItsHeaderOneRowASecond() throws IOException {
        Trace t = parse("t,houseW1,houseW2,houseW3,pvW\n100,1,2,3,4000\n101,5,6,7,3000\n");
        assertEquals(2, t.rows());
        assertEquals(101, t.t(1));
        assertEquals(6, t.houseW(1)[1]);
        assertEquals(3000, t.pvW(1));
    }

    @Test
    void aGapANegativePowerOrAShortRowIsRefusedByLine() {
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> parse("t,houseW1,houseW2,houseW3,pvW\n0,1,1,1,0\n2,1,1,1,0\n"));
        assertTrue(gap.getMessage().contains("test.csv:3"), gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("0,1,1,-1,0\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("0,1,1,0\n"));
    }

    @Test
    void theDaysNumbersSplitTheCarsEnergyIntoSurplusAndGridAndCountClosings() {
        Metrics m = new Metrics(0, 0, 11040);
        double[] house = { 500, 500, 500 };
        double[] car = { 2000, 2000, 2000 };
        double[] none = { 0, 0, 0 };
        // One hour: PV 5 kW, house 1.5 kW → surplus 3.5 kW, all of it chargeable; the car draws 6 kW.
        m.tick(0, 3600, house, 5000, car, none, none, true);
        // One hour off, then one hour on again with PV 9 kW → surplus 7.5 kW, all chargeable.
        m.tick(3600, 3600, house, 9000, none, none, none, false);
        m.tick(7200, 3600, house, 9000, car, none, none, true);
        Metrics.Summary s = m.summary(10800);
        assertEquals(12.0, s.carKWh(), 1e-9);
        assertEquals(3.5 + 7.5 + 7.5, s.surplusKWh(), 1e-9);
        assertEquals(3.5 + 7.5 + 7.5, s.chargeableKWh(), 1e-9);
        assertEquals(3.5 + 6.0, s.greenKWh(), 1e-9);
        assertEquals(2.5, s.gridKWh(), 1e-9);
        assertEquals(2, s.closings());
        // The car's current: on, off, on again.
        assertEquals(3, s.currentChanges());
        assertFalse(s.limited());
    }

    @Test
    void aHouseLoadStepOverTheLimitIsTimedUntilTheSiteIsBackUnderIt() {
        Metrics m = new Metrics(11000, 0, 11040);
        double[] car = { 3680, 3680, 3680 };
        double[] low = { 2000, 2000, 2000 };
        double[] high = { 2000, 2000, 5000 };
        m.tick(0, 1, low, 0, car, new double[] { 3000, 3000, 3000 }, new double[3], true);
        // The house steps up 3 kW: the site imports 20.0 kW, over the 11 kW limit, for 1.5 s.
        m.tick(1, 0.5, high, 0, car, new double[] { 5680, 5680, 8680 }, new double[3], true);
        m.tick(1.5, 1.0, high, 0, car, new double[] { 5680, 5680, 8680 }, new double[3], true);
        double[] less = { 1000, 1000, 1000 };
        m.tick(2.5, 1, high, 0, less, new double[] { 3000, 3000, 4000 }, new double[3], true);
        Metrics.Summary s = m.summary(3.5);
        assertTrue(s.limited());
        assertEquals(1, s.loadSteps());
        assertEquals(1.5, s.overLimitS(), 1e-9);
        assertEquals(1.5, s.worstReactionS(), 1e-9);
    }

    @Test
    void theRealCoreChargesAtDlmsRoomInFastModeAndDlmBringsTheSiteBackUnderItsLimitWithinTwoSeconds() throws IOException {
        // Three minutes: 1.5 kW a phase; after 100 s L1 rises by 3 kW — 11 kW contract, 3-phase 16 A car.
        Trace t = parse(trace(43_200, 180, 1500, 0, 100, 3000));
        Options o = Options.parse("--trace", "x.csv", "--mode", "FAST", "--max-grid-import-w", "11000",
                "--car-phases", "3", "--car-max-a", "16", "--out", "y.csv");
        StringWriter out = new StringWriter();
        Metrics.Summary s = new EnergyReplay(o).run(t, out);
        String[] rows = out.toString().split("\n");
        assertEquals("t,chargerW1,chargerW2,chargerW3,contactor", rows[0]);
        assertEquals(181, rows.length);
        // Before the step DLM leaves (11 kW less its 2 % headroom − 4.5 kW) / 690 V = 9.1 A, and the car draws that — not the 16 A of offers
        // raised by a fresh own reading against a grid reading a second old — from its ramp-up on: the site stays
        // under the limit until the step.
        for (int row = 20; row <= 100; row++) {
            String[] r = rows[row].split(",");
            assertEquals("1", r[4], rows[row]);
            double amps = Double.parseDouble(r[1]) / 230;
            assertEquals((11000 * 0.98 - 4500) / 690.0, amps, 0.2, rows[row]);
        }
        assertEquals(1, s.closings());
        assertEquals(1, s.loadSteps());
        // The step puts the site over the limit; with a 1 s grid poll and a car that follows in 1 s it is back under
        // it within 2 s (issue 16), and those are all the seconds over the limit.
        assertTrue(s.worstReactionS() > 0 && s.worstReactionS() <= 2, "reaction " + s.worstReactionS() + " s");
        assertTrue(s.overLimitS() <= s.worstReactionS() + 1e-6,
                "over the limit " + s.overLimitS() + " s, reaction " + s.worstReactionS() + " s");
        // After the step the room is (11000 − 7500) / 690 V = 5.1 A: below 6 A, DLM pauses the charge.
        assertEquals("43379,0,0,0,0", rows[180]);
    }

    @Test
    void withAGridMeterThatRefreshesOnceASecondDlmChangesTheCurrentOncePerHouseStep() throws IOException {
        // Four minutes: 500 W a phase (13.45 A of room for a 3-phase car on 11 kW less 2 %); L1 +2 kW from 100 s to
        // 170 s (10.55 A). The grid meter's registers are refreshed 50 ms after each poll (the default): every grid
        // reading shows the site 950 ms before its time — before DLM held its offer while a reading could not show
        // the car's last change, the car swung between 16 A and a pause (79 changes, 41 s over the limit).
        StringBuilder csv = new StringBuilder(Trace.HEADER + "\n");
        for (int i = 0; i < 240; i++) {
            csv.append(43_200 + i).append(',').append(i >= 100 && i < 170 ? 2500 : 500).append(",500,500,0\n");
        }
        Options o = Options.parse("--trace", "x.csv", "--mode", "FAST", "--max-grid-import-w", "11000",
                "--car-phases", "3", "--car-max-a", "16", "--out", "y.csv");
        StringWriter out = new StringWriter();
        Metrics.Summary s = new EnergyReplay(o).run(parse(csv.toString()), out);
        // The start, the step up, the step down.
        assertEquals(3, s.currentChanges(), out.toString());
        assertEquals(1, s.closings());
        assertTrue(s.overLimitS() <= 2 + 1e-6 && s.worstReactionS() <= 2 + 1e-6, s.format());
        String[] rows = out.toString().split("\n");
        assertEquals(10.55, Double.parseDouble(rows[150].split(",")[1]) / 230, 0.05, rows[150]);
        assertEquals(13.45, Double.parseDouble(rows[230].split(",")[1]) / 230, 0.05, rows[230]);
    }

    @Test
    void optionsNeedTheCarAndRefuseAnUnknownKey() {
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse("--trace", "a", "--mode", "GREEN", "--out", "b"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--trace", "a", "--mode", "GREEN",
                "--car-phases", "2", "--car-max-a", "16", "--out", "b"));
        Options o = Options.parse("--trace", "a.csv.gz", "--mode", "green", "--car-phases", "1", "--car-max-a", "32",
                "--out", "b");
        assertEquals(Path.of("a.csv.gz"), o.trace());
        assertEquals(1.0, o.carDelayS());
        assertEquals(1000, o.meterPollMs());
        assertEquals(1000, o.meterRefreshMs());
        assertEquals(50, o.meterRefreshOffsetMs());
        assertEquals(100, o.greenLevelPct());
    }

    /** {@code seconds} of 300 W of house a phase and {@code pvW} of plant from noon, through the real code. */
    private static Metrics.Summary replay(int seconds, int pvW, String... args) throws IOException {
        StringBuilder csv = new StringBuilder(Trace.HEADER + "\n");
        for (int i = 0; i < seconds; i++) {
            csv.append(43_200 + i).append(",300,300,300,").append(pvW).append('\n');
        }
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--trace", "x.csv", "--out", "y.csv"));
        all.addAll(java.util.List.of(args));
        return new EnergyReplay(Options.parse(all.toArray(String[]::new))).run(parse(csv.toString()),
                new StringWriter());
    }

    @Test
    void aCarKnownToBothControllersIsJudgedOnItsPhasesFromThePlugIn_aCarNeverSeenIsGuessed() throws IOException {
        // 2 kW of surplus for 20 minutes: a single-phase car's minimum (1.38 kW), not a three-phase one's (4.14 kW).
        int pv = 900 + 2000;
        // The three-phase car known (evcc: a vehicle configured with phases 3; Green: the phases the last car drew on
        // kept in its data area): neither closes the contactor.
        assertEquals(0, replay(1200, pv, "--mode", "GREEN", "--car-phases", "3", "--car-max-a", "16").closings());
        assertEquals(0, replay(1200, pv, "--mode", "EVCC_PV", "--car-phases", "3", "--car-max-a", "16").closings());
        // Never seen: Green judges it as a single-phase car, starts, sees three phases and pauses at once — one
        // closing of a few seconds; evcc's unconfigured vehicle is judged on the charger's three phases.
        Metrics.Summary green = replay(1200, pv, "--mode", "GREEN", "--car-phases", "3", "--car-max-a", "16",
                "--car-known", "no");
        assertEquals(1, green.closings());
        assertTrue(green.carKWh() < 0.01, green.format());
        assertEquals(0, replay(1200, pv, "--mode", "EVCC_PV", "--car-phases", "3", "--car-max-a", "16",
                "--car-known", "no").closings());
        // A single-phase car never seen: evcc waits for a three-phase car's 4.14 kW (no charge on 2 kW), Green
        // charges on it; told the car's phases, evcc charges too.
        assertEquals(0, replay(1200, pv, "--mode", "EVCC_PV", "--car-phases", "1", "--car-max-a", "16",
                "--car-known", "no").closings());
        assertTrue(replay(1200, pv, "--mode", "GREEN", "--car-phases", "1", "--car-max-a", "16", "--car-known", "no")
                .carKWh() > 0.4);
        assertTrue(replay(1200, pv, "--mode", "EVCC_PV", "--car-phases", "1", "--car-max-a", "16").carKWh() > 0.4);
    }
}
