package org.infinergi.feature.dlm.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.PhaseReading;
import org.infinergi.core.charging.api.ReadingStatus;

/**
 * Grid and charger readings as the core's {@link ElectricalReadings} gives them, at 230 V a phase. The site's load is
 * the grid reading without the charger's draw when the grid meter measured: {@link #chargerWhenGridMeasured}, the
 * charger's reading now unless a test says the car has moved since the grid meter's poll.
 */
final class Readings implements ElectricalReadings {

    static final Instant T0 = Instant.parse("2026-06-01T18:00:00Z");

    ElectricalReading grid = notConfigured();
    ElectricalReading charger;
    /** The charger's reading at the grid reading's time; null: the same as {@link #charger}. */
    ElectricalReading chargerWhenGridMeasured;

    @Override
    public ElectricalReading grid() {
        return grid;
    }

    @Override
    public ElectricalReading siteLoad() {
        return site(grid, chargerWhenGridMeasured != null ? chargerWhenGridMeasured : charger);
    }

    /**
     * The site's load as the core computes it from a grid and a charger reading of the same instant: per phase and in
     * total the grid's minus the charger's (a stale or missing charger reading counts as drawing nothing); a grid
     * reading that is not fresh gives its status without values.
     */
    static ElectricalReading site(ElectricalReading grid, ElectricalReading charger) {
        if (!grid.fresh()) {
            return new ElectricalReading("SITE", grid.source(), grid.model(), grid.inUse(), grid.status(), grid.at(),
                    grid.ageMs(), List.of(), null, null);
        }
        boolean own = charger != null && charger.fresh();
        List<PhaseReading> phases = new ArrayList<>();
        for (int p = 0; p < grid.phases().size(); p++) {
            PhaseReading g = grid.phases().get(p);
            PhaseReading c = own && p < charger.phases().size() ? charger.phases().get(p) : null;
            phases.add(new PhaseReading(g.voltageV(), g.currentA() - (c == null ? 0 : Math.max(0, c.currentA())),
                    g.powerW() - (c == null ? 0 : Math.max(0, c.powerW()))));
        }
        double ownW = own && charger.powerW() != null ? Math.max(0, charger.powerW()) : 0;
        return new ElectricalReading("SITE", grid.source(), grid.model(), grid.inUse(), grid.status(), grid.at(),
                grid.ageMs(), phases, grid.powerW() == null ? null : grid.powerW() - ownW, null);
    }

    @Override
    public List<ElectricalReading> all() {
        List<ElectricalReading> out = new ArrayList<>();
        if (charger != null) {
            out.add(charger);
        }
        if (grid.status() != ReadingStatus.NOT_CONFIGURED) {
            out.add(grid);
        }
        return out;
    }

    /** A fresh grid reading: signed amperes per phase (+ import, − export). */
    static ElectricalReading grid(double... amps) {
        return fresh("GRID", "CT", amps);
    }

    /** A fresh reading of the charger's own (internal) meter: amperes per phase. */
    static ElectricalReading charger(double... amps) {
        return fresh("VEHICLE", "INTERNAL", amps);
    }

    static ElectricalReading stale() {
        return new ElectricalReading("GRID", "CT_REMOTE", null, true, ReadingStatus.STALE, T0, 5000L, List.of(), null,
                null);
    }

    static ElectricalReading missing() {
        return new ElectricalReading("GRID", "MID", null, true, ReadingStatus.MISSING, null, null, List.of(), null,
                null);
    }

    static ElectricalReading notConfigured() {
        return new ElectricalReading("GRID", "NONE", null, false, ReadingStatus.NOT_CONFIGURED, null, null, List.of(),
                null, null);
    }

    /** {@code r} as taken at {@code at} (the meters stamp each reading with the time they took it). */
    static ElectricalReading at(ElectricalReading r, Instant at) {
        return new ElectricalReading(r.role(), r.source(), r.model(), r.inUse(), r.status(), at, r.ageMs(),
                r.phases(), r.powerW(), r.energyWh());
    }

    private static ElectricalReading fresh(String role, String source, double... amps) {
        List<PhaseReading> phases = new ArrayList<>();
        double total = 0;
        for (double a : amps) {
            phases.add(new PhaseReading(230, a, 230 * a));
            total += 230 * a;
        }
        return new ElectricalReading(role, source, null, true, ReadingStatus.FRESH, T0, 100L, phases, total, null);
    }
}
