package org.infinergi.feature.green.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;

/**
 * The values of {@link GreenConfig} in force, checked.
 *
 * @param minGreenLevelPct the Green mode's own minimum green level, percent (manual §5.1.2)
 * @param minExportedW     watts always left exported, never surplus; > 0 makes every level 100 %
 * @param boostEnergyWh    Boost's energy, Wh; 0 = until the charge ends (manual §5.5)
 * @param smoothing        time constant of the averaged surplus
 * @param startDelay       how long the surplus must hold the threshold before a start
 * @param minOn            the shortest run of a charge Green started
 * @param minOff           the shortest pause of a charge Green paused
 * @param cloudImportWh    grid energy a dip below the threshold may take (beyond what the level allows) before Green pauses
 * @param gridLag          how much earlier than its time a grid reading can show the site (the meter's register
 *                         refresh): Green holds its surplus while a reading may not show the car's last change
 * @param headroomW        watts the offer aims below the surplus above the 6 A minimum
 */
record GreenSettings(int minGreenLevelPct, int minExportedW, int boostEnergyWh, Duration smoothing,
        Duration startDelay, Duration minOn, Duration minOff, double cloudImportWh, Duration gridLag,
        double headroomW) {

    /** Readings that show the site at their time (no lag), the offer on the surplus itself (no headroom). */
    GreenSettings(int minGreenLevelPct, int minExportedW, int boostEnergyWh, Duration smoothing, Duration startDelay,
            Duration minOn, Duration minOff, double cloudImportWh) {
        this(minGreenLevelPct, minExportedW, boostEnergyWh, smoothing, startDelay, minOn, minOff, cloudImportWh,
                Duration.ZERO);
    }

    /** The offer on the surplus itself (no headroom). */
    GreenSettings(int minGreenLevelPct, int minExportedW, int boostEnergyWh, Duration smoothing, Duration startDelay,
            Duration minOn, Duration minOff, double cloudImportWh, Duration gridLag) {
        this(minGreenLevelPct, minExportedW, boostEnergyWh, smoothing, startDelay, minOn, minOff, cloudImportWh,
                gridLag, 0);
    }

    static GreenSettings of(GreenConfig c) {
        return new GreenSettings(c.minGreenLevelPct(), c.minExportedW(), c.boostEnergyWh(),
                Duration.ofSeconds(c.smoothingS()), Duration.ofSeconds(c.startDelayS()),
                Duration.ofSeconds(c.minOnS()), Duration.ofSeconds(c.minOffS()), c.cloudImportWh(),
                Duration.ofMillis(c.gridLagMs()), c.headroomW());
    }

    /**
     * The ranges the Metatype annotation states (Config Admin does not enforce them): a level of 150 % or a negative
     * export is the installer's typo, refused by name rather than clamped to something they did not write.
     *
     * @param written the properties as given, for the values as written
     * @return one rejection per bad key, sorted by key; empty when every value is in range
     */
    static List<ConfigurationRejection> check(GreenConfig c, Map<String, ?> written) {
        List<ConfigurationRejection> out = new ArrayList<>();
        if (c.boostEnergyWh() < 0) {
            out.add(reject(written, "boostEnergyWh", c.boostEnergyWh(), "must be >= 0 Wh (0 = until the charge ends)"));
        }
        range(out, written, "cloudImportWh", c.cloudImportWh(), 10000, "Wh");
        range(out, written, "gridLagMs", c.gridLagMs(), 10000, "ms");
        range(out, written, "headroomW", c.headroomW(), 1000, "W");
        if (c.minExportedW() < 0) {
            out.add(reject(written, "minExportedW", c.minExportedW(), "must be >= 0 W (0 = none)"));
        }
        range(out, written, "minGreenLevelPct", c.minGreenLevelPct(), 100, "%");
        range(out, written, "minOffS", c.minOffS(), 3600, "s");
        range(out, written, "minOnS", c.minOnS(), 3600, "s");
        range(out, written, "smoothingS", c.smoothingS(), 600, "s");
        range(out, written, "startDelayS", c.startDelayS(), 3600, "s");
        return out;
    }

    private static void range(List<ConfigurationRejection> out, Map<String, ?> written, String key, int value, int max,
            String unit) {
        if (value < 0 || value > max) {
            out.add(reject(written, key, value, "must be 0.." + max + " " + unit));
        }
    }

    /** The value as the installer wrote it, as every rejection names it. */
    private static ConfigurationRejection reject(Map<String, ?> written, String key, Object value, String reason) {
        Object raw = written == null ? null : written.get(key);
        return new ConfigurationRejection(GreenConfig.PID, key, String.valueOf(raw != null ? raw : value), reason);
    }
}
