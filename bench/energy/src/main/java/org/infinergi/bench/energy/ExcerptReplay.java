package org.infinergi.bench.energy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.infinergi.core.charging.internal.ReplayCharger;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.feature.dlm.internal.ReplayDlm;
import org.infinergi.feature.green.internal.ReplayGreen;
import org.infinergi.sim.internal.EvAction;
import org.infinergi.sim.internal.World;
import org.infinergi.sim.internal.WorldState;

/**
 * A short excerpt of a site trace replayed through the same real code as {@link EnergyReplay} (the core, DLM, Green
 * as the GREEN mode, the sim's world), giving what the charger decided — the offer the pilot carries and the
 * contactor's relay feedback, at each change — instead of a day's numbers: what the booted sim image must decide
 * when the same excerpt is played through {@code POST /api/sim/site} (itest {@code DlmReplayedExcerptTest}, issue 16).
 * The caller passes the PIDs' properties as the image gets them, so both run the same configuration.
 */
public final class ExcerptReplay {

    /** One decision: from {@code timeS} (seconds since the excerpt's first row) the world shows these. */
    public record Decision(double timeS, double offeredA, boolean contactor) {
    }

    /**
     * @param mode        {@code FAST} or {@code GREEN} (Green bound as the GREEN mode service)
     * @param carPhases   1 or 3
     * @param carMaxA     what the car takes at most
     * @param carDelayS   how long the car takes to follow a new offer (the sim image's car: 0, at the next tick)
     * @param meterPollMs the grid meter's poll period (the Modbus meters' {@code pollMs})
     * @param dlm         PID {@code org.infinergi.dlm} as the image has it
     * @param green       PID {@code org.infinergi.green} as the image has it
     */
    public record Setup(String mode, int carPhases, double carMaxA, double carDelayS, long meterPollMs,
            Map<String, Object> dlm, Map<String, Object> green) {
    }

    private ExcerptReplay() {
    }

    /** Replays every row of {@code trace} (one a second, applied at its second) and returns each change. */
    public static List<Decision> replay(Path trace, Setup s) throws IOException {
        Trace t = Trace.read(trace);
        MutableClock clock = new MutableClock(EnergyReplay.DAY.atStartOfDay(EnergyReplay.ZONE).toInstant()
                .plusSeconds(t.t(0)));
        double v = EnergyReplay.MAINS_V;
        World world = new World(new double[] { v, v, v }, 3, EnergyReplay.RELAY_DELAY_S, s.carMaxA(), s.carPhases());
        world.setEvResponseDelay(s.carDelayS());
        world.act(EvAction.CHARGE, s.carMaxA(), s.carPhases());
        world.setSite(t.houseW(0), t.pvW(0));
        // The sim's grid meter computes its registers at each request: no refresh lag (meter refresh 0).
        ReplayCharger charger = new ReplayCharger(world, clock, core(s.mode()), s.meterPollMs());
        charger.addLimitProvider(ReplayDlm.create(charger.readings(), clock, s.dlm()));
        if ("GREEN".equals(s.mode())) {
            charger.addMode(ReplayGreen.create(charger.readings(), clock, s.green(), charger.statusService()),
                    "GREEN");
        }
        List<Decision> decisions = new ArrayList<>();
        Instant start = clock.instant();
        long next = charger.start();
        long totalMs = t.rows() * 1000L;
        long ms = 0;
        while (ms < totalMs) {
            long toSecondEnd = (ms / 1000 + 1) * 1000L - ms;
            long dt = Math.min(next, toSecondEnd);
            next = charger.advance(dt);
            ms += dt;
            if (ms % 1000 == 0 && ms / 1000 < t.rows()) {
                world.setSite(t.houseW((int) (ms / 1000)), t.pvW((int) (ms / 1000)));
            }
            record(decisions, (clock.millis() - start.toEpochMilli()) / 1000.0, world.state());
        }
        return decisions;
    }

    /** Writes the decisions as CSV {@code t,offeredA,contactor}: what a failing image test names. */
    public static void write(List<Decision> decisions, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("t,offeredA,contactor\n");
            for (Decision d : decisions) {
                w.write(String.format(Locale.ROOT, "%.3f,%.2f,%d%n", d.timeS(), d.offeredA(), d.contactor() ? 1 : 0));
            }
        }
    }

    /** A change of the offer (by 0.01 A, the PWM's resolution is coarser) or of the contactor is a decision. */
    private static void record(List<Decision> decisions, double timeS, WorldState w) {
        Decision last = decisions.isEmpty() ? null : decisions.get(decisions.size() - 1);
        if (last == null || Math.abs(last.offeredA() - w.offeredCurrentA()) >= 0.01
                || last.contactor() != w.contactor()) {
            decisions.add(new Decision(timeS, w.offeredCurrentA(), w.contactor()));
        }
    }

    /** The 3T-DR sim image: three-phase, tethered, 32 A wiring, installed and enabled. */
    private static Map<String, Object> core(String mode) {
        Map<String, Object> c = new HashMap<>();
        c.put("installationComplete", true);
        c.put("chargingEnabled", true);
        c.put("wiringLimitA", 32);
        c.put("model", "INFINERGI-3T-DR");
        c.put("activeMode", mode);
        return c;
    }
}
