package org.infinergi.sim.internal.panel;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import java.util.Map;
import java.util.Set;

import org.infinergi.core.charging.hal.PanelWiring;
import org.infinergi.sim.internal.SimBoardAccess;
import org.infinergi.sim.internal.SimFault;
import org.infinergi.sim.internal.SimFaultInjector;
import org.infinergi.sim.internal.SimStateContributor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated front panel board on the simulated board: keys, logo observer, panel link. The pins are the panel
 * driver's, from its {@link PanelWiring} service once it runs (the panel's PID has one reader, the driver); until
 * then the bench has nothing wired. Steps a {@link PanelBench} every 10 ms on its own thread
 * {@code infinergi-sim-panel}. Adds {@code led} to {@code GET /api/sim} and injects the D1 cause
 * ({@code POST /api/sim/fault {"fault": "D1"}}: the panel board stops answering).
 *
 * <p>Needs only the simulated board, not the firmware, so {@code /api/sim/button} is served from the start.
 */
@Component(immediate = true, service = {SimPanel.class, SimStateContributor.class, SimFaultInjector.class})
public final class SimPanelComponent implements SimPanel, SimStateContributor, SimFaultInjector {

    private static final Logger LOG = LoggerFactory.getLogger(SimPanelComponent.class);
    static final int TICK_MS = 10;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PanelWiring wiring;

    private final PanelBench bench;
    private final ScheduledExecutorService scheduler;
    private boolean tickFailing;

    @Activate
    public SimPanelComponent(@Reference SimBoardAccess board) {
        bench = new PanelBench(board.board().context(), () -> wiring, nowMs());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-sim-panel");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000L;
    }

    private void tick() {
        try {
            bench.step(nowMs());
            tickFailing = false;
        } catch (RuntimeException e) {
            if (!tickFailing) {
                LOG.warn("Simulated panel tick failed", e);
                tickFailing = true;
            }
        }
    }

    @Override
    public LedView led() {
        return bench.led();
    }

    @Override
    public PressResult press(String button, long holdMs) {
        PressResult r = bench.press(button, holdMs);
        LOG.info("Simulated panel: {} held {} ms (pins {}{})", r.button(), holdMs, r.pins(),
                r.attached() ? "" : ", no panel firmware reading them");
        return r;
    }

    @Override
    public void setSilent(boolean silent) {
        bench.setSilent(silent);
        LOG.info("Simulated panel board {}", silent ? "silent (D1 cause)" : "answering");
    }

    @Override
    public boolean silent() {
        return bench.silent();
    }

    @Override
    public void contribute(Map<String, Object> json) {
        json.put("led", led());
    }

    @Override
    public Set<SimFault> faults() {
        return Set.of(SimFault.D1);
    }

    @Override
    public void inject(SimFault fault, String variant, boolean active) {
        if (fault == SimFault.D1) {
            setSilent(active);
        }
    }

    @Override
    public boolean active(SimFault fault) {
        return fault == SimFault.D1 && silent();
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
