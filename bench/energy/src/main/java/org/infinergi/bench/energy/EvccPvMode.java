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

    private final ElectricalReadings readings;
    private final Clock clock;
    private final int phases;
    private final double maxA;

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
        this.readings = readings;
        this.clock = clock;
        this.phases = phases;
        this.maxA = maxA;
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
        double own = ownPowerW(readings);
        double sitePower = grid.powerW();
        double volts = VOLTS * phases;
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
