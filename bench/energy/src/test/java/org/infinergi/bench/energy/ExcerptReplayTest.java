package org.infinergi.bench.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The excerpt replay's decisions: what itest's DlmReplayedExcerptTest expects of the booted image. */
class ExcerptReplayTest {

    @TempDir
    Path dir;

    /** {@code rows} seconds of house {@code l1W}/500/500 W and PV {@code pvW}, {@code l1W} from {@code from} on. */
    private Path trace(int rows, int from, int to, double l1W, double pvBefore, double pvDuring) throws IOException {
        StringBuilder b = new StringBuilder(Trace.HEADER).append('\n');
        for (int t = 0; t < rows; t++) {
            boolean step = t >= from && t < to;
            b.append(t).append(',').append(step ? l1W : 500).append(",500,500,").append(step ? pvDuring : pvBefore)
                    .append('\n');
        }
        Path p = dir.resolve("excerpt.csv");
        Files.writeString(p, b);
        return p;
    }

    private static ExcerptReplay.Decision inForce(List<ExcerptReplay.Decision> ds, double s) {
        ExcerptReplay.Decision in = ds.get(0);
        for (ExcerptReplay.Decision d : ds) {
            if (d.timeS() <= s) {
                in = d;
            }
        }
        return in;
    }

    @Test
    void aHouseStepUnderTheImportLimitLowersTheOfferToTheRoomWithinTwoSecondsAndRaisesItBack() throws IOException {
        Path excerpt = trace(30, 10, 20, 2500, 0, 0);
        List<ExcerptReplay.Decision> d = ExcerptReplay.replay(excerpt, new ExcerptReplay.Setup("FAST", 3, 16, 0,
                1000, Map.of("maxGridImportW", "11000", "resumeDelayS", "2"), Map.of()));

        // (11 kW less DLM's 2 % headroom − house) / 690 V: 13.45 A, 10.55 A during the step.
        assertEquals(13.45, inForce(d, 9.9).offeredA(), 0.05);
        assertTrue(inForce(d, 9.9).contactor());
        assertEquals(10.55, inForce(d, 12).offeredA(), 0.05, d.toString());
        assertEquals(13.45, inForce(d, 22).offeredA(), 0.05, d.toString());
        assertEquals(2, d.stream().filter(x -> x.timeS() >= 10).count(), "one change per step: " + d);
    }

    @Test
    void aCloudInGreenModePausesTheChargeAndOpensTheContactor() throws IOException {
        // House 1.5 kW; 7.8 kW of sun, then 1.5 kW from 10 s to 20 s: no surplus.
        Path excerpt = trace(30, 10, 20, 500, 7800, 1500);
        List<ExcerptReplay.Decision> d = ExcerptReplay.replay(excerpt, new ExcerptReplay.Setup("GREEN", 3, 16, 0,
                1000, Map.of("maxGridImportW", "11000"), Map.of("startDelayS", "2", "smoothingS", "0", "minOnS", "0",
                        "minOffS", "0", "cloudImportWh", "0")));

        assertTrue(inForce(d, 9.9).contactor(), "charging on the surplus before the cloud: " + d);
        assertEquals(replayRoom(7800 - 1500), inForce(d, 9.9).offeredA(), 1.0, d.toString());
        assertEquals(0, inForce(d, 12).offeredA(), "the offer withdrawn at the cloud's first grid reading: " + d);
        assertFalse(inForce(d, 15).contactor(), "and the contactor open after the core's stop grace: " + d);
        assertTrue(inForce(d, 29).contactor(), "charging again once the sun is back: " + d);
    }

    /** The current a surplus of {@code w} gives a three-phase car. */
    private static double replayRoom(double w) {
        return w / (3 * 230.0);
    }

    @Test
    void theDecisionsAreWrittenAsCsv() throws IOException {
        Path out = dir.resolve("d.csv");
        ExcerptReplay.write(List.of(new ExcerptReplay.Decision(1.25, 13.45, true)), out);
        assertEquals(List.of("t,offeredA,contactor", "1.250,13.45,1"), Files.readAllLines(out));
    }
}
