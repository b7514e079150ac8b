package org.infinergi.core.charging.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.PhaseReading;
import org.infinergi.core.charging.api.ReadingStatus;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every meter the charger reads, as features and the web interface see them (manual §5.2 "Info → Electrical
 * readings"), and the grid reading of the meter {@code org.infinergi.metering gridMeter} selects (§5.2.2): the wired
 * CTs (source {@code CT}), the CT remote device ({@code CT_REMOTE}) or a Modbus meter with role GRID ({@code MID}).
 * Only the core knows that choice (it owns the PID), so the service lives here and features never pick a meter
 * themselves.
 *
 * <p>Freshness is the driver's: {@link Meter#latest()} is empty once its reading is stale, and then this service
 * reports STALE with the time of the last good reading it saw — never the values. A configured meter with no service
 * is MISSING.
 *
 * <p>The site's load without the charger ({@link #siteLoad()}) subtracts the charger's own reading last taken at or
 * before the grid reading's time, from a short history of the vehicle meter kept here: the grid meter is polled, the
 * own meter is nearly current, and subtracting a fresh own reading from an older grid one hides the change of the
 * car's draw from DLM and Green (the loop bench/energy found); an own reading taken after the grid reading's time
 * can hold the change that very reading caused (the swing of the 3T-DR sim image, {@link ReadingHistory#takenBy}).
 */
@Component(name = "org.infinergi.core.charging.readings", service = ElectricalReadings.class)
public final class ElectricalReadingsComponent implements ElectricalReadings {

    private static final Logger LOG = LoggerFactory.getLogger(ElectricalReadingsComponent.class);
    /** The role of {@link #siteLoad()}'s reading. */
    static final String SITE = "SITE";

    /** A bound meter and what its service says it is. */
    private record Bound(Meter meter, String role, String source, String model, long serviceId) {
    }

    private final MeteringSettingsSource metering;
    private final Clock clock;
    private final List<Bound> meters = new CopyOnWriteArrayList<>();
    /** The time of each meter's last fresh reading seen, for the age of a stale one. */
    private final Map<Meter, Instant> lastGood = new ConcurrentHashMap<>();
    /** Guarded by itself: the vehicle meter's recent readings, of {@link #historyOf} only. */
    private final ReadingHistory history = new ReadingHistory();
    private Meter historyOf;

    @Activate
    public ElectricalReadingsComponent(@Reference MeteringSettingsSource metering) {
        this(metering, Clock.systemUTC());
    }

    /** For tests: a clock they move. */
    ElectricalReadingsComponent(MeteringSettingsSource metering, Clock clock) {
        this.metering = metering;
        this.clock = clock;
    }

    @Reference(service = Meter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeMeter")
    void addMeter(Meter meter, Map<String, Object> properties) {
        meters.add(new Bound(meter, text(properties.get(Meter.ROLE)), text(properties.get(Meter.SOURCE)),
                text(properties.get(Meter.MODEL)), properties.get("service.id") instanceof Long id ? id : 0L));
    }

    void removeMeter(Meter meter) {
        meters.removeIf(b -> b.meter() == meter);
        lastGood.remove(meter);
        synchronized (history) {
            if (historyOf == meter) {
                history.clear();
                historyOf = null;
            }
        }
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    @Override
    public ElectricalReading grid() {
        MeteringSettings.GridMeter configured = metering.meteringSettings().gridMeter();
        if (configured == MeteringSettings.GridMeter.NONE) {
            return new ElectricalReading("GRID", "NONE", null, false, ReadingStatus.NOT_CONFIGURED, null, null,
                    List.of(), null, null);
        }
        String source = gridSource(configured);
        return gridMeter(source).map(b -> read(b, true))
                .orElseGet(() -> new ElectricalReading("GRID", source, null, true, ReadingStatus.MISSING, null, null,
                        List.of(), null, null));
    }

    @Override
    public ElectricalReading siteLoad() {
        ElectricalReading grid = grid();
        Optional<MeterReading> own = ownAt(grid.fresh() ? grid.at() : null);
        if (!grid.fresh()) {
            return new ElectricalReading(SITE, grid.source(), grid.model(), grid.inUse(), grid.status(), grid.at(),
                    grid.ageMs(), List.of(), null, null);
        }
        return siteLoad(grid, own.orElse(null));
    }

    /**
     * The grid reading without the charger's draw {@code own} (null: the charger counts as drawing nothing, so the
     * whole import is load — the side on which DLM offers less and Green sees less surplus). A negative own value is
     * a meter's noise, not a generator: it is taken as 0.
     */
    static ElectricalReading siteLoad(ElectricalReading grid, MeterReading own) {
        List<PhaseReading> ownPhases = own == null ? List.of() : phases(own);
        List<PhaseReading> site = new ArrayList<>();
        for (int p = 0; p < grid.phases().size(); p++) {
            PhaseReading g = grid.phases().get(p);
            PhaseReading o = p < ownPhases.size() ? ownPhases.get(p) : null;
            site.add(new PhaseReading(g.voltageV(), g.currentA() - positive(o == null ? 0 : o.currentA()),
                    g.powerW() - positive(o == null ? 0 : o.powerW())));
        }
        Double total = grid.powerW() == null ? null : grid.powerW() - positive(own == null ? 0 : own.powerW());
        return new ElectricalReading(SITE, grid.source(), grid.model(), grid.inUse(), grid.status(), grid.at(),
                grid.ageMs(), site, total, null);
    }

    private static double positive(double v) {
        return Double.isFinite(v) ? Math.max(0, v) : 0;
    }

    /**
     * Adds the vehicle meter's latest reading to the history and returns the kept one last taken at or before
     * {@code at} (empty with {@code at} null, without a vehicle meter, or with none within two seconds before it). A
     * change of vehicle meter starts it over.
     */
    private Optional<MeterReading> ownAt(Instant at) {
        Optional<Bound> vehicle = vehicleMeter(metering.meteringSettings().vehicleMeter());
        Optional<MeterReading> latest = vehicle.flatMap(ElectricalReadingsComponent::latest);
        synchronized (history) {
            Meter meter = vehicle.map(Bound::meter).orElse(null);
            if (meter != historyOf) {
                history.clear();
                historyOf = meter;
            }
            latest.ifPresent(history::add);
            return at == null ? Optional.empty() : history.takenBy(at);
        }
    }

    private static Optional<MeterReading> latest(Bound b) {
        try {
            return b.meter().latest();
        } catch (RuntimeException e) {
            LOG.debug("{} meter {} failed: {}", b.role(), b.source(), e.toString());
            return Optional.empty();
        }
    }

    @Override
    public List<ElectricalReading> all() {
        MeteringSettings s = metering.meteringSettings();
        Optional<Bound> vehicle = vehicleMeter(s.vehicleMeter());
        Optional<Bound> grid = s.gridMeter() == MeteringSettings.GridMeter.NONE ? Optional.empty()
                : gridMeter(gridSource(s.gridMeter()));
        List<ElectricalReading> out = new ArrayList<>();
        for (Bound b : sorted()) {
            out.add(read(b, vehicle.map(v -> v == b).orElse(false) || grid.map(g -> g == b).orElse(false)));
        }
        return out;
    }

    /** The meter source {@code gridMeter} selects: a Modbus meter of manual §4.7 reports MID. */
    static String gridSource(MeteringSettings.GridMeter g) {
        return switch (g) {
            case CT -> "CT";
            case CT_REMOTE -> "CT_REMOTE";
            case MODBUS -> "MID";
            case NONE -> "NONE";
        };
    }

    private Optional<Bound> gridMeter(String source) {
        return sorted().stream().filter(b -> "GRID".equals(b.role()) && source.equals(b.source())).findFirst();
    }

    /** As the core measures the charge (manual §5.2.1): the MID meter with vehicleMeter=MID, else the internal one. */
    private Optional<Bound> vehicleMeter(MeteringSettings.VehicleMeter v) {
        boolean mid = v == MeteringSettings.VehicleMeter.MID;
        return sorted().stream().filter(b -> "VEHICLE".equals(b.role()) && mid == "MID".equals(b.source()))
                .findFirst();
    }

    /** Vehicle meters first, then grid, each in the order they came (service id). */
    private List<Bound> sorted() {
        List<Bound> all = new ArrayList<>(meters);
        all.sort(Comparator.comparing((Bound b) -> !"VEHICLE".equals(b.role())).thenComparingLong(Bound::serviceId));
        return all;
    }

    private ElectricalReading read(Bound b, boolean inUse) {
        Instant now = clock.instant();
        MeterReading r;
        try {
            r = b.meter().latest().orElse(null);
        } catch (RuntimeException e) {
            LOG.debug("{} meter {} failed: {}", b.role(), b.source(), e.toString());
            r = null;
        }
        if (r == null) {
            Instant last = lastGood.get(b.meter());
            return new ElectricalReading(b.role(), b.source(), b.model(), inUse, ReadingStatus.STALE, last,
                    last == null ? null : ageMs(last, now), List.of(), null, null);
        }
        lastGood.put(b.meter(), r.at());
        return new ElectricalReading(b.role(), b.source(), b.model(), inUse, ReadingStatus.FRESH, r.at(),
                ageMs(r.at(), now), phases(r), r.powerW(), Double.isNaN(r.energyWh()) ? null : r.energyWh());
    }

    private static long ageMs(Instant at, Instant now) {
        return Math.max(0, Duration.between(at, now).toMillis());
    }

    /** Per phase V, I, P; a meter that gives its total power only has each phase's V·I. */
    static List<PhaseReading> phases(MeterReading r) {
        List<PhaseReading> out = new ArrayList<>();
        for (int p = 0; p < r.currentsA().length; p++) {
            double v = p < r.voltagesV().length ? r.voltagesV()[p] : Double.NaN;
            double i = r.currentsA()[p];
            double[] pp = r.phasePowersW();
            out.add(new PhaseReading(v, i, pp != null && p < pp.length ? pp[p] : v * i));
        }
        return out;
    }
}
