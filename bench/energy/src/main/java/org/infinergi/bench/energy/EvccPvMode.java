package org.infinergi.bench.energy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.infinergi.core.charging.api.ChargingModeService;
import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.ModeDecision;

/**
 * The reference the Green mode is measured against (issue 16): evcc's PV mode with its defaults, as its documentation
 * and loadpoint describe them — a control loop every 30 s; a stopped charge starts once the surplus has covered the
 * minimum power (6 A on the car's phases) plus the enable threshold (0 W) for the enable delay (1 min); a running
 * charge takes the surplus in whole amperes between 6 A and the car's maximum, holds 6 A while the surplus is short
 * and stops once the site has imported (disable threshold 0 W) at 6 A for the disable delay (3 min); and no switching
 * within the guard duration (5 min) of the last one (its contactor protection). It reads the same grid meter and the
 * charger's own meter as Green, through the same {@link ElectricalReadings}, and is bound to the real core as the
 * GREEN mode, so only the decision differs.
 *
 * <p>The car's phases: a vehicle configured in evcc with its {@code phases} is judged on them from the start
 * ({@code vehicleConfigured}); an unconfigured one on the charger's phases (3) until the charge meter has shown the
 * phases it draws on (more than {@code minActiveCurrent} = 1 A while charging), then on those until it is unplugged —
 * evcc's {@code Loadpoint.activePhases()}: min(expect(vehicle), expect(physical), expect(measured), expect(charger))
 * with {@code expect(0) = 3} (core/loadpoint_phases.go), measured phases set by {@code phasesFromChargeCurrents} and
 * reset on disconnect (core/loadpoint.go).
 *
 * <p>Not modelled: evcc's automatic 1p/3p switching (off unless a charger supports it) and its vehicle SoC limits.
 */
final class EvccPvMode implements ChargingModeService {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    static final Duration ENABLE_DELAY = Duration.ofMinutes(1);
    static final Duration DISABLE_DELAY = Duration.ofMinutes(3);
    static final Duration GUARD = Duration.ofMinutes(5);
    static final double ENABLE_THRESHOLD_W = 0;
    static final double DISABLE_THRESHOLD_W = 0;
    static final double MIN_A = 6;
    static final double VOLTS = 230;
    /** evcc's {@code minActiveCurrent}: a phase drawing more is active. */
    static final double MIN_ACTIVE_A = 1.0;
    /** evcc's {@code unknownPhases} on a three-phase charger (the 3T-DR). */
    static final int UNKNOWN_PHASES = 3;

    private final ElectricalReadings readings;
    private final Clock clock;
    private final int phases;
    private final boolean vehicleConfigured;
    private final double maxA;
    /** The phases evcc measured the car charging on since it was plugged in; 0 = not yet. */
    private int measuredPhases;

    private Instant lastRun;
    private ModeDecision last = ModeDecision.pause("evcc PV: not yet decided");
    private boolean enabled;
    private Instant timer;
    private Instant lastSwitch;

    /**
     * @param phases the loadpoint's phases (evcc's {@code phases}: the car's)
     * @param maxA   the loadpoint's {@code maxcurrent} (the car's maximum)
     */
    EvccPvMode(ElectricalReadings readings, Clock clock, int phases, double maxA) {
        this(readings, clock, phases, true, maxA);
    }

    /**
     * @param phases            the car's phases, known to evcc only when {@code vehicleConfigured}
     * @param vehicleConfigured the car is a vehicle configured in evcc with its {@code phases}; false: an unknown car,
     *                          judged on the charger's three phases until measured
     */
    EvccPvMode(ElectricalReadings readings, Clock clock, int phases, boolean vehicleConfigured, double maxA) {
        this.readings = readings;
        this.clock = clock;
        this.phases = phases;
        this.vehicleConfigured = vehicleConfigured;
        this.maxA = maxA;
    }

    /** evcc's {@code activePhases()} for this loadpoint (see the class comment). */
    int activePhases() {
        if (vehicleConfigured) {
            return phases;
        }
        return measuredPhases > 0 ? measuredPhases : UNKNOWN_PHASES;
    }

    /** evcc's {@code phasesFromChargeCurrents}: while charging, the phases drawing more than 1 A. */
    private void measurePhases() {
        for (ElectricalReading r : readings.all()) {
            if ("VEHICLE".equals(r.role()) && r.inUse() && r.fresh()) {
                int n = 0;
                for (var p : r.phases()) {
                    if (p.currentA() > MIN_ACTIVE_A) {
                        n++;
                    }
                }
                if (enabled && n >= 1) {
                    measuredPhases = n;
                }
                return;
            }
        }
    }

    @Override
    public synchronized ModeDecision decide() {
        Instant now = clock.instant();
        if (lastRun != null && now.isBefore(lastRun.plus(INTERVAL))) {
            return last;
        }
        lastRun = now;
        ElectricalReading grid = readings.grid();
        if (!grid.fresh() || grid.powerW() == null) {
            last = ModeDecision.pause("evcc PV: no grid reading");
            return last;
        }
        measurePhases();
        double own = ownPowerW(readings);
        double sitePower = grid.powerW();
        double volts = VOLTS * activePhases();
        boolean guardOver = lastSwitch == null || !now.isBefore(lastSwitch.plus(GUARD));
        double targetA = Math.floor((own - sitePower) / volts);
        if (!enabled) {
            if (own - sitePower >= MIN_A * volts + ENABLE_THRESHOLD_W) {
                timer = timer == null ? now : timer;
                if (!now.isBefore(timer.plus(ENABLE_DELAY)) && guardOver) {
                    enabled = true;
                    lastSwitch = now;
                    timer = null;
                }
            } else {
                timer = null;
            }
        } else if (targetA < MIN_A) {
            if (sitePower >= DISABLE_THRESHOLD_W) {
                timer = timer == null ? now : timer;
                if (!now.isBefore(timer.plus(DISABLE_DELAY)) && guardOver) {
                    enabled = false;
                    lastSwitch = now;
                    timer = null;
                }
            } else {
                timer = null;
            }
        } else {
            timer = null;
        }
        last = enabled ? ModeDecision.current(Math.max(MIN_A, Math.min(maxA, targetA)), "evcc PV")
                : ModeDecision.pause("evcc PV: surplus short");
        return last;
    }

    private static double ownPowerW(ElectricalReadings readings) {
        for (ElectricalReading r : readings.all()) {
            if ("VEHICLE".equals(r.role()) && r.inUse() && r.fresh() && r.powerW() != null) {
                return Math.max(0, r.powerW());
            }
        }
        return 0;
    }
}
