package org.infinergi.feature.dlm.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;

/**
 * The values of {@link DlmConfig} in force, checked.
 *
 * @param maxGridImportW    total import limit, watts; 0 = none
 * @param maxPhaseCurrentA  per-phase current limit, amperes; 0 = none
 * @param resumeHysteresisA amperes above the 6 A minimum the room must reach before a pause ends
 * @param resumeDelay       how long the room must stay there without a break
 * @param headroomPct       percent of each limit kept free (the limits DLM aims at are {@link #targetImportW()} and
 *                          {@link #targetPhaseCurrentA()})
 * @param gridLag           how much earlier than its time a grid reading can show the site (the meter's register
 *                          refresh or averaging): the car's changes within it may not be in the reading yet
 */
record DlmSettings(int maxGridImportW, double maxPhaseCurrentA, double resumeHysteresisA, Duration resumeDelay,
        double headroomPct, Duration gridLag) {

    /** DLM off: no limit set. */
    static final DlmSettings OFF = new DlmSettings(0, 0, 1.0, Duration.ofSeconds(60));

    /** Aiming at the limits themselves, no headroom, grid readings that show the site at their time. */
    DlmSettings(int maxGridImportW, double maxPhaseCurrentA, double resumeHysteresisA, Duration resumeDelay) {
        this(maxGridImportW, maxPhaseCurrentA, resumeHysteresisA, resumeDelay, 0, Duration.ZERO);
    }

    /**
     * The import DLM aims at: the contractual power less the headroom. Between two grid readings the house can rise
     * unseen for a poll period plus the car's reaction; the headroom absorbs the small rises of a household.
     */
    double targetImportW() {
        return maxGridImportW * (1 - headroomPct / 100);
    }

    /** The phase current DLM aims at: the fuse's current less the headroom. */
    double targetPhaseCurrentA() {
        return maxPhaseCurrentA * (1 - headroomPct / 100);
    }

    /** Whether a limit is set: without one DLM never lowers the current. */
    boolean enabled() {
        return maxGridImportW > 0 || maxPhaseCurrentA > 0;
    }

    static DlmSettings of(DlmConfig c) {
        return new DlmSettings(c.maxGridImportW(), c.maxPhaseCurrentA(), c.resumeHysteresisA(),
                Duration.ofSeconds(c.resumeDelayS()), c.headroomPct(), Duration.ofMillis(c.gridLagMs()));
    }

    /**
     * The ranges the Metatype annotation states (Config Admin does not enforce them): a negative limit would read as
     * "no room at all" or, worse, be mistaken for "off"; both are the installer's typo, refused by name.
     *
     * @param written the properties as given, for the values as written
     * @return one rejection per bad key, sorted by key; empty when every value is in range
     */
    static List<ConfigurationRejection> check(DlmConfig c, Map<String, ?> written) {
        List<ConfigurationRejection> out = new ArrayList<>();
        if (c.maxGridImportW() < 0) {
            out.add(reject(written, "maxGridImportW", c.maxGridImportW(), "must be >= 0 W (0 = no power limit)"));
        }
        if (!(c.maxPhaseCurrentA() >= 0) || Double.isInfinite(c.maxPhaseCurrentA())) {
            out.add(reject(written, "maxPhaseCurrentA", c.maxPhaseCurrentA(), "must be >= 0 A (0 = no per-phase limit)"));
        }
        if (!(c.resumeHysteresisA() >= 0 && c.resumeHysteresisA() <= 32)) {
            out.add(reject(written, "resumeHysteresisA", c.resumeHysteresisA(), "must be 0..32 A"));
        }
        if (!(c.headroomPct() >= 0 && c.headroomPct() <= 20)) {
            out.add(reject(written, "headroomPct", c.headroomPct(), "must be 0..20 %"));
        }
        if (c.gridLagMs() < 0 || c.gridLagMs() > 10_000) {
            out.add(reject(written, "gridLagMs", c.gridLagMs(), "must be 0..10000 ms"));
        }
        if (c.resumeDelayS() < 0 || c.resumeDelayS() > 3600) {
            out.add(reject(written, "resumeDelayS", c.resumeDelayS(), "must be 0..3600 s"));
        }
        return out;
    }

    /** The value as the installer wrote it ({@code -5}, not {@code -5.0}), as every rejection names it. */
    private static ConfigurationRejection reject(Map<String, ?> written, String key, Object value, String reason) {
        Object raw = written == null ? null : written.get(key);
        return new ConfigurationRejection(DlmConfig.PID, key, String.valueOf(raw != null ? raw : value), reason);
    }
}
