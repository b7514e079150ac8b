package org.infinergi.bench.energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * A site trace: CSV {@code t,houseW1,houseW2,houseW3,pvW}, {@code t} in seconds since local midnight, one row a
 * second, an optional header line; {@code .gz} files are read through gzip. Each row holds until the next one.
 */
public final class Trace {

    public static final String HEADER = "t,houseW1,houseW2,houseW3,pvW";

    private final int[] t;
    private final float[][] house;
    private final float[] pv;

    Trace(int[] t, float[][] house, float[] pv) {
        this.t = t;
        this.house = house;
        this.pv = pv;
    }

    public static Trace read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), file.toString());
        }
    }

    /**
     * @throws IllegalArgumentException naming the line of a row that is not five numbers, a negative power, or a
     *                                  {@code t} that does not follow the previous row by exactly one second
     */
    static Trace parse(BufferedReader r, String name) throws IOException {
        int n = 0;
        int[] t = new int[90_000];
        float[][] house = new float[3][90_000];
        float[] pv = new float[90_000];
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#") || (lineNo == 1 && line.startsWith("t"))) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 5) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": expected " + HEADER + ", got '" + line
                        + "'");
            }
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                for (int p = 0; p < 3; p++) {
                    house[p] = Arrays.copyOf(house[p], n * 2);
                }
                pv = Arrays.copyOf(pv, n * 2);
            }
            try {
                t[n] = Integer.parseInt(f[0].strip());
                for (int p = 0; p < 3; p++) {
                    house[p][n] = nonNegative(f[1 + p], name, lineNo);
                }
                pv[n] = nonNegative(f[4], name, lineNo);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": not a number in '" + line + "'");
            }
            if (n > 0 && t[n] != t[n - 1] + 1) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": t=" + t[n] + " after t=" + t[n - 1]
                        + " (one row a second)");
            }
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException(name + ": no rows");
        }
        float[][] h = new float[3][];
        for (int p = 0; p < 3; p++) {
            h[p] = Arrays.copyOf(house[p], n);
        }
        return new Trace(Arrays.copyOf(t, n), h, Arrays.copyOf(pv, n));
    }

    private static float nonNegative(String s, String name, int lineNo) {
        float v = Float.parseFloat(s.strip());
        if (!(v >= 0) || !Float.isFinite(v)) {
            throw new IllegalArgumentException(name + ":" + lineNo + ": power must be a finite number ≥ 0, was " + s);
        }
        return v;
    }

    public int rows() {
        return t.length;
    }

    /** Seconds since local midnight of row {@code i}. */
    public int t(int i) {
        return t[i];
    }

    /** House load on L1..L3 of row {@code i}, W. */
    public double[] houseW(int i) {
        return new double[] { house[0][i], house[1][i], house[2][i] };
    }

    public double pvW(int i) {
        return pv[i];
    }
}
