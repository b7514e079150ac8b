package org.infinergi.bench.energy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the replay's site traces (bench/energy/traces/*.csv.gz), deterministic from a seed: a house in northern
 * Italy in June with a 6 kWp plant (three phases; the plant's output spread evenly over them by the world).
 *
 * <ul>
 * <li>{@code clear}: a clear day — the plant's bell from 05:45 to 20:45, a house with its base load, a fridge, a
 * washing machine at noon, a dishwasher and the cooking in the evening.</li>
 * <li>{@code broken-clouds}: the same day under broken clouds — cloud shadows of 20 s to 6 min take the plant down to
 * 25–45 %, with sunny gaps between them.</li>
 * <li>{@code overcast}: an overcast day — diffuse light only, 10–30 % of the clear day's output, slowly varying.</li>
 * <li>{@code evening}: 16:00–24:00 on an 11 kW contract — a heat pump (three-phase, 2.4 kW) cycling, an induction
 * cooker stepping up to 3.7 kW on L1 and L2 from 19:00, an oven, and a kettle (2.2 kW on L3) three times.</li>
 * </ul>
 */
public final class TraceGenerator {

    static final double PEAK_W = 6000;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/energy/traces");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 16;
        Files.createDirectories(dir);
        write(dir.resolve("clear.csv.gz"), day(new Random(seed), Sky.CLEAR), 0);
        write(dir.resolve("broken-clouds.csv.gz"), day(new Random(seed), Sky.BROKEN), 0);
        write(dir.resolve("overcast.csv.gz"), day(new Random(seed), Sky.OVERCAST), 0);
        write(dir.resolve("evening.csv.gz"), evening(new Random(seed + 1)), 16 * 3600);
    }

    enum Sky { CLEAR, BROKEN, OVERCAST }

    /** A whole day: rows[t] = {h1, h2, h3, pv}. */
    static double[][] day(Random r, Sky sky) {
        int n = 86_400;
        double[][] rows = new double[n][4];
        double[] cloud = clouds(new Random(r.nextLong()), n, sky);
        for (int t = 0; t < n; t++) {
            rows[t][3] = Math.round(clearSky(t) * cloud[t] / 10) * 10.0;
        }
        house(new Random(r.nextLong()), rows, 0);
        return rows;
    }

    /** The clear-sky output at second {@code t} of the day: a sine bell from 05:45 to 20:45. */
    static double clearSky(int t) {
        double rise = 5.75 * 3600;
        double set = 20.75 * 3600;
        if (t <= rise || t >= set) {
            return 0;
        }
        double x = Math.sin(Math.PI * (t - rise) / (set - rise));
        return PEAK_W * Math.pow(x, 1.5);
    }

    /** The share of the clear-sky output that reaches the panels, second by second. */
    static double[] clouds(Random r, int n, Sky sky) {
        double[] f = new double[n];
        switch (sky) {
            case CLEAR -> java.util.Arrays.fill(f, 1.0);
            case OVERCAST -> {
                double level = 0.2;
                for (int t = 0; t < n; t++) {
                    if (t % 60 == 0) {
                        level = Math.max(0.1, Math.min(0.3, level + (r.nextDouble() - 0.5) * 0.02));
                    }
                    f[t] = level;
                }
            }
            case BROKEN -> {
                int t = 0;
                while (t < n) {
                    int sun = 30 + r.nextInt(600);
                    for (int i = 0; i < sun && t < n; i++, t++) {
                        f[t] = 1.0;
                    }
                    int shade = 20 + r.nextInt(340);
                    double depth = 0.25 + 0.2 * r.nextDouble();
                    // A shadow's edge takes a few seconds to cross the plant.
                    for (int i = 0; i < shade && t < n; i++, t++) {
                        double edge = Math.min(1, Math.min(i, shade - i) / 8.0);
                        f[t] = 1.0 - (1.0 - depth) * edge;
                    }
                }
            }
        }
        return f;
    }

    /** The house's own load over {@code rows}, whose first row is second {@code t0} of the day. */
    static void house(Random r, double[][] rows, int t0) {
        int n = rows.length;
        for (int i = 0; i < n; i++) {
            rows[i][0] = 120;
            rows[i][1] = 90;
            rows[i][2] = 110;
        }
        // Fridge: 120 W on L2, 15 min on, 25 off.
        for (int i = 0; i < n; i++) {
            if (((t0 + i) % 2400) < 900) {
                rows[i][1] += 120;
            }
        }
        add(rows, t0, 7 * 3600, 7 * 3600 + 240, 0, 2200); // kettle at breakfast
        add(rows, t0, 7 * 3600 + 600, 7 * 3600 + 900, 2, 1800); // hair dryer
        // Washing machine at noon: heating 2 kW for 20 min, then 300 W for an hour.
        add(rows, t0, 12 * 3600, 12 * 3600 + 1200, 1, 2000);
        add(rows, t0, 12 * 3600 + 1200, 13 * 3600 + 1200, 1, 300);
        add(rows, t0, 13 * 3600 + 300, 13 * 3600 + 1500, 0, 1200); // microwave and hob at lunch
        add(rows, t0, 19 * 3600, 20 * 3600, 0, 1500); // cooking
        add(rows, t0, 21 * 3600, 21 * 3600 + 1800, 2, 1800); // dishwasher heating
        add(rows, t0, 21 * 3600 + 1800, 22 * 3600 + 1800, 2, 150);
        // Small random loads (lights, TV, a pump): 0–200 W changing every few minutes on each phase.
        for (int p = 0; p < 3; p++) {
            double extra = 0;
            for (int i = 0; i < n; i++) {
                if (i % (120 + 60 * p) == 0) {
                    extra = Math.round(r.nextDouble() * 20) * 10;
                }
                rows[i][p] += extra;
            }
        }
    }

    /** The evening, 16:00–24:00, on an 11 kW contract. */
    static double[][] evening(Random r) {
        int t0 = 16 * 3600;
        int n = 8 * 3600;
        double[][] rows = new double[n][4];
        for (int i = 0; i < n; i++) {
            rows[i][3] = Math.round(clearSky(t0 + i) * 0.6 / 10) * 10.0;
        }
        house(new Random(r.nextLong()), rows, t0);
        // Heat pump (hot water, three-phase 800 W a phase): 20 min on, 15 off, from 16:10.
        for (int i = 0; i < n; i++) {
            int s = t0 + i - (16 * 3600 + 600);
            if (s >= 0 && s % 2100 < 1200) {
                for (int p = 0; p < 3; p++) {
                    rows[i][p] += 800;
                }
            }
        }
        // Induction cooker on L1 and L2: boiling water at full power, then simmering, frying.
        add(rows, t0, 19 * 3600, 19 * 3600 + 600, 0, 3700);
        add(rows, t0, 19 * 3600, 19 * 3600 + 600, 1, 3700);
        add(rows, t0, 19 * 3600 + 600, 19 * 3600 + 1800, 0, 1200);
        add(rows, t0, 19 * 3600 + 1200, 19 * 3600 + 1500, 1, 3000);
        add(rows, t0, 19 * 3600 + 1500, 19 * 3600 + 2400, 1, 1500);
        add(rows, t0, 19 * 3600 + 300, 20 * 3600, 2, 2500); // oven on L3
        // Kettle on L3, three times: tea, while the oven is on, after dinner.
        add(rows, t0, 17 * 3600 + 1200, 17 * 3600 + 1380, 2, 2200);
        add(rows, t0, 19 * 3600 + 900, 19 * 3600 + 1080, 2, 2200);
        add(rows, t0, 21 * 3600 + 2700, 21 * 3600 + 2880, 2, 2200);
        return rows;
    }

    private static void add(double[][] rows, int t0, int from, int to, int phase, double w) {
        for (int t = Math.max(from, t0); t < to && t - t0 < rows.length; t++) {
            rows[t - t0][phase] += w;
        }
    }

    static void write(Path file, double[][] rows, int t0) throws IOException {
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
            w.write(Trace.HEADER + "\n");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < rows.length; i++) {
                b.setLength(0);
                b.append(t0 + i);
                for (double v : rows[i]) {
                    b.append(',').append(Math.round(v));
                }
                w.write(b.append('\n').toString());
            }
        }
    }
}
