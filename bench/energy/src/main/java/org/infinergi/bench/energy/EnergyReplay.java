package org.infinergi.bench.energy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.infinergi.core.charging.internal.ReplayCharger;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.feature.dlm.internal.ReplayDlm;
import org.infinergi.feature.green.api.BoostStatus;
import org.infinergi.feature.green.internal.GreenComponent;
import org.infinergi.feature.green.internal.ReplayGreen;
import org.infinergi.sim.internal.EvAction;
import org.infinergi.sim.internal.World;

/**
 * Replays a day of a site through the real code on a simulated clock (bench/energy/README.md): the charging core
 * (its control logic every loop period), DLM and Green (or the evcc PV reference) as the core binds them, the sim's
 * world as car, relay and site, the meters sampled from it. A car is plugged in all day and always wants energy.
 */
public final class EnergyReplay {

    /** The replayed day: a summer date, local time of the site. */
    static final ZoneId ZONE = ZoneId.of("Europe/Rome");
    static final LocalDate DAY = LocalDate.of(2026, 6, 21);
    static final double MAINS_V = 230;
    /** The sim's relay delay (SimConfig relayDelayMs). */
    static final double RELAY_DELAY_S = 0.05;

    private final Options o;

    EnergyReplay(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws IOException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        Trace trace = Trace.read(o.trace());
        Metrics.Summary s;
        try (Writer w = Files.newBufferedWriter(o.out(), StandardCharsets.UTF_8)) {
            s = new EnergyReplay(o).run(trace, w);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %s, car %d-phase %.0f A%s, delay %.1f s, meter poll %d ms, refresh %d ms"
                + " (+%d ms)%s%s%n",
                o.trace().getFileName(), o.mode() + (o.mode() == Options.Mode.GREEN ? " " + o.greenLevelPct()
                        + " %" : ""), o.carPhases(), o.carMaxA(), o.carKnown() ? "" : " never seen", o.carDelayS(),
                o.meterPollMs(), o.meterRefreshMs(), o.meterRefreshOffsetMs(),
                o.maxGridImportW() > 0 ? ", max import " + o.maxGridImportW() + " W" : "",
                o.phaseLimitA() > 0 ? ", phase limit " + o.phaseLimitA() + " A" : "");
        System.out.print(s.format());
        System.out.printf(Locale.ROOT, "replayed %d s in %.1f s%n", trace.rows(), wall);
    }

    /** Runs the whole trace, writing one output row a second; returns the day's numbers. */
    Metrics.Summary run(Trace trace, Writer out) throws IOException {
        Instant start = DAY.atStartOfDay(ZONE).toInstant().plusSeconds(trace.t(0));
        MutableClock clock = new MutableClock(start);
        World world = new World(new double[] { MAINS_V, MAINS_V, MAINS_V }, 3, RELAY_DELAY_S, o.carMaxA(),
                o.carPhases());
        world.setEvResponseDelay(o.carDelayS());
        world.act(EvAction.CHARGE, o.carMaxA(), o.carPhases());
        world.setSite(trace.houseW(0), trace.pvW(0));

        ReplayCharger charger = new ReplayCharger(world, clock, coreConfig(), o.meterPollMs(), o.meterRefreshMs(),
                o.meterRefreshOffsetMs());
        charger.addLimitProvider(ReplayDlm.create(charger.readings(), clock, dlmConfig()));
        GreenComponent green = null;
        if (o.mode() == Options.Mode.GREEN) {
            green = ReplayGreen.create(charger.readings(), clock, greenConfig(), charger.statusService(),
                    rememberedPhases());
            charger.addMode(green, "GREEN");
        } else if (o.mode() == Options.Mode.EVCC_PV) {
            charger.addMode(new EvccPvMode(charger.readings(), clock, o.carPhases(), o.carKnown(), o.carMaxA()),
                    "GREEN");
        }

        Metrics m = new Metrics(o.maxGridImportW(), o.phaseLimitA(), o.carPhases() * MAINS_V * o.carMaxA());
        BufferedWriter w = new BufferedWriter(out, 1 << 16);
        w.write("t,chargerW1,chargerW2,chargerW3,contactor\n");
        long next = charger.start();
        boolean boostAsked = o.boostWh() <= 0 || green == null;
        long totalMs = trace.rows() * 1000L;
        long ms = 0;
        double[] secondWs = new double[3];
        while (ms < totalMs) {
            int row = (int) (ms / 1000);
            long toSecondEnd = (row + 1) * 1000L - ms;
            long dt = Math.min(next, toSecondEnd);
            double[] volts = world.mainsVoltagesV();
            double[] amps = world.phaseCurrentsA();
            double[] chargerW = { volts[0] * amps[0], volts[1] * amps[1], volts[2] * amps[2] };
            double dtS = dt / 1000.0;
            m.tick(trace.t(0) + ms / 1000.0, dtS, trace.houseW(row), trace.pvW(row), chargerW, world.gridPowersW(),
                    world.gridCurrentsA(), world.contactorFeedback());
            for (int p = 0; p < 3; p++) {
                secondWs[p] += chargerW[p] * dtS;
            }
            next = charger.advance(dt);
            ms += dt;
            if (!boostAsked) {
                boostAsked = boost(green);
            }
            if (ms % 1000 == 0) {
                w.write(String.format(Locale.ROOT, "%d,%.0f,%.0f,%.0f,%d%n", trace.t(row), secondWs[0],
                        secondWs[1], secondWs[2], world.contactorFeedback() ? 1 : 0));
                secondWs = new double[3];
                if (row + 1 < trace.rows()) {
                    world.setSite(trace.houseW(row + 1), trace.pvW(row + 1));
                }
            }
        }
        w.flush();
        return m.summary(trace.t(0) + totalMs / 1000.0);
    }

    /** Boost switched on as an owner would in the morning: once the core reports the Green mode. */
    private static boolean boost(GreenComponent green) {
        BoostStatus b = green.startBoost();
        return b.active();
    }

    /** A 3T-DR (three-phase, tethered) on 32 A wiring, installed and enabled, in the mode asked for. */
    private Map<String, Object> coreConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put("installationComplete", true);
        c.put("chargingEnabled", true);
        c.put("wiringLimitA", 32);
        c.put("model", "INFINERGI-3T-DR");
        c.put("activeMode", o.mode() == Options.Mode.FAST ? "FAST" : "GREEN");
        return c;
    }

    /**
     * What Green remembers of the car at plug-in: with {@code --car-known yes} the phases it drew on in an earlier
     * session (Green keeps them in its data area), as evcc is given them as a configured vehicle's {@code phases};
     * with {@code no} nothing (a car never seen; evcc's unconfigured vehicle).
     */
    private List<Integer> rememberedPhases() {
        return !o.carKnown() ? List.of() : o.carPhases() == 1 ? List.of(0) : List.of(0, 1, 2);
    }

    private Map<String, Object> dlmConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put("maxGridImportW", o.maxGridImportW());
        c.put("maxPhaseCurrentA", o.phaseLimitA());
        return c;
    }

    private Map<String, Object> greenConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put("minGreenLevelPct", o.greenLevelPct());
        c.put("minExportedW", o.minExportW());
        c.put("boostEnergyWh", o.boostWh());
        return c;
    }
}
