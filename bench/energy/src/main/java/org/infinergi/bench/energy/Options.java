package org.infinergi.bench.energy;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code --trace FILE --mode FAST|GREEN|EVCC_PV [--green-level L] [--min-export-w W] [--max-grid-import-w W]
 * [--phase-limit-a A] [--boost-wh E] --car-phases 1|3 --car-max-a A [--car-delay-s S] [--meter-poll-ms M] [--meter-refresh-ms R] [--meter-refresh-offset-ms O] [--car-known yes|no] --out LOG}.
 *
 * <p>{@code --car-known} (default yes): whether the controllers know the car's phases when it is plugged in — evcc
 * as a vehicle configured with its {@code phases}, Green as the phases the last car drew on, kept from an earlier
 * session in its data area; no: a car never seen (evcc's unconfigured vehicle, Green's empty memory).
 */
record Options(Path trace, Mode mode, int greenLevelPct, int minExportW, int maxGridImportW, double phaseLimitA,
        int boostWh, int carPhases, double carMaxA, double carDelayS, long meterPollMs, long meterRefreshMs,
        long meterRefreshOffsetMs, Path out, boolean carKnown) {

    /** The options before {@code --car-known}: the car known to both controllers. */
    Options(Path trace, Mode mode, int greenLevelPct, int minExportW, int maxGridImportW, double phaseLimitA,
            int boostWh, int carPhases, double carMaxA, double carDelayS, long meterPollMs, long meterRefreshMs,
            long meterRefreshOffsetMs, Path out) {
        this(trace, mode, greenLevelPct, minExportW, maxGridImportW, phaseLimitA, boostWh, carPhases, carMaxA,
                carDelayS, meterPollMs, meterRefreshMs, meterRefreshOffsetMs, out, true);
    }

    enum Mode { FAST, GREEN, EVCC_PV }

    /** The grid meters' default poll period (driver.ct and the Modbus meters: {@code pollMs} = 1000). */
    static final long DEFAULT_METER_POLL_MS = 1000;
    /**
     * The grid meter refreshes its registers once a second (an Eastron SDM's update rate; ReplayCharger): a reading
     * can show the site up to that much before its time.
     */
    static final long DEFAULT_METER_REFRESH_MS = 1000;
    /** … 50 ms after the poll: every reading 950 ms older than its stamp, the worst case. */
    static final long DEFAULT_METER_REFRESH_OFFSET_MS = 50;

    static final String USAGE = "usage: bench/energy.sh --trace FILE --mode FAST|GREEN|EVCC_PV [--green-level L] "
            + "[--min-export-w W] [--max-grid-import-w W] [--phase-limit-a A] [--boost-wh E] --car-phases 1|3 "
            + "--car-max-a A [--car-delay-s S] [--meter-poll-ms M] [--meter-refresh-ms R] [--meter-refresh-offset-ms O] [--car-known yes|no] --out LOG";

    static Options parse(String... args) {
        Path trace = null;
        Path out = null;
        Mode mode = null;
        int level = 100;
        int minExport = 0;
        int maxImport = 0;
        double phaseLimit = 0;
        int boost = 0;
        Integer phases = null;
        Double maxA = null;
        double delay = 1.0;
        long poll = DEFAULT_METER_POLL_MS;
        long refresh = DEFAULT_METER_REFRESH_MS;
        long refreshOffset = DEFAULT_METER_REFRESH_OFFSET_MS;
        boolean carKnown = true;
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(key + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (key) {
                case "--trace" -> trace = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--mode" -> mode = Mode.valueOf(v.toUpperCase(Locale.ROOT));
                case "--green-level" -> level = range(key, Integer.parseInt(v), 0, 100);
                case "--min-export-w" -> minExport = range(key, Integer.parseInt(v), 0, Integer.MAX_VALUE);
                case "--max-grid-import-w" -> maxImport = range(key, Integer.parseInt(v), 0, Integer.MAX_VALUE);
                case "--phase-limit-a" -> phaseLimit = range(key, Double.parseDouble(v), 0, 1000);
                case "--boost-wh" -> boost = range(key, Integer.parseInt(v), 0, Integer.MAX_VALUE);
                case "--car-phases" -> phases = Integer.parseInt(v);
                case "--car-max-a" -> maxA = range(key, Double.parseDouble(v), 6, 80);
                case "--car-delay-s" -> delay = range(key, Double.parseDouble(v), 0, 60);
                case "--meter-poll-ms" -> poll = range(key, Integer.parseInt(v), 1, 60_000);
                case "--meter-refresh-ms" -> refresh = range(key, Integer.parseInt(v), 0, 60_000);
                case "--meter-refresh-offset-ms" -> refreshOffset = range(key, Integer.parseInt(v), 0, 60_000);
                case "--car-known" -> carKnown = yesNo(key, v);
                default -> throw new IllegalArgumentException("unknown option " + key + "\n" + USAGE);
            }
        }
        if (trace == null || out == null || mode == null || phases == null || maxA == null) {
            throw new IllegalArgumentException("--trace, --mode, --car-phases, --car-max-a and --out are required\n"
                    + USAGE);
        }
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException("--car-phases must be 1 or 3, was " + phases);
        }
        return new Options(trace, mode, level, minExport, maxImport, phaseLimit, boost, phases, maxA, delay, poll,
                refresh, refreshOffset, out, carKnown);
    }

    private static boolean yesNo(String key, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be yes or no, was " + v);
        };
    }

    private static int range(String key, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    private static double range(String key, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", was " + v);
        }
        return v;
    }
}
