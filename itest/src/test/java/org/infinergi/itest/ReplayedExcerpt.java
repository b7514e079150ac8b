package org.infinergi.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An excerpt of a site trace ({@code src/test/resources/excerpts/*.csv}, bench/energy's format: one row a second)
 * and what the energy replay decided on it: the offer and the contactor at each change ({@link ExcerptReplayer}, on
 * the driver side, hands them to the probe as one framework property; {@link #decisions} reads them back).
 */
final class ReplayedExcerpt {

    /** One decision of the replay: from {@code timeS} (seconds since the excerpt's first row) these hold. */
    record Decision(double timeS, double offeredA, boolean contactor) {
    }

    /** One row of the excerpt: its second, the house per phase and the PV. */
    record Row(int t, double[] houseW, double pvW) {
        String json() {
            return String.format(Locale.ROOT, "{\"houseW\": [%.0f, %.0f, %.0f], \"pvW\": %.0f}", houseW[0],
                    houseW[1], houseW[2], pvW);
        }

        boolean sameSite(Row other) {
            return java.util.Arrays.equals(houseW, other.houseW) && pvW == other.pvW;
        }
    }

    private ReplayedExcerpt() {
    }

    /** The decisions {@link ExcerptReplayer#replay} gave. */
    static List<Decision> decisions(String property) {
        List<Decision> out = new ArrayList<>();
        for (String d : property.split(";")) {
            String[] f = d.split(":");
            out.add(new Decision(Double.parseDouble(f[0]), Double.parseDouble(f[1]), "1".equals(f[2])));
        }
        return out;
    }

    /** The excerpt's rows, read from the test class path (both sides have it). */
    static List<Row> rows(String excerpt) {
        try (var in = ReplayedExcerpt.class.getResourceAsStream("/excerpts/" + excerpt)) {
            if (in == null) {
                throw new IllegalStateException("no excerpt " + excerpt);
            }
            List<Row> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] f = lines[i].trim().split(",");
                rows.add(new Row(Integer.parseInt(f[0]), new double[] { Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]) }, Double.parseDouble(f[4])));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
