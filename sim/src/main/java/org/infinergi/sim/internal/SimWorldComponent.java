package org.infinergi.sim.internal;

import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.pi4j.context.Context;

import org.infinergi.core.charging.api.Device;
import org.infinergi.core.charging.hal.BoardWiring;
import org.infinergi.sim.hw.SimBoard;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated charger hardware: builds the simulated board and steps the {@link World} on its own scheduler from
 * activation, with nothing of the firmware (a real board is powered before the firmware starts), so {@code /api/sim}
 * and the simulated panel are served at once.
 *
 * <p>Configuration: {@value SimConfig#PID} through {@link SimSettings}. The firmware's facts come from their owners'
 * services as they appear, never from their PIDs: the model's phases and cable from the core's {@link Device}, the
 * pins, channels and scaling under the pilot driver from its {@link BoardWiring}. Once both are known the world is
 * wired to the board (its levels on the pins and channels the driver reads) and only then is the board's pi4j
 * {@link Context} registered, so a driver's first read already sees the world (an earth monitor reading "no earth"
 * before the wiring would latch I1 at boot). Both steps run on the world's thread, so the drivers that the context
 * starts are not activated inside another bundle's start.
 *
 * <p>The Context is registered through the bundle context rather than as this component's service because
 * DS can only publish the component object itself, and the Context is an object pi4j builds.
 */
@Component(immediate = true, service = {SimControl.class, SimBoardAccess.class})
public final class SimWorldComponent implements SimControl, SimBoardAccess {

    private static final Logger LOG = LoggerFactory.getLogger(SimWorldComponent.class);

    private final SimBoard board;
    private final World world;
    private final WorldControl control;
    private final BundleContext bundleContext;
    private final ScheduledExecutorService scheduler;
    /** Other parts of the simulation injecting some causes (e.g. the panel board simulation for D1). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final List<SimFaultInjector> injectors = new CopyOnWriteArrayList<>();
    /** The pilot driver's board map; a board keeps its wires while the driver is away (updated, restarted). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BoardWiring wiring;
    /** The label (manual §2.4, §2.6) from the core's owner of {@code org.infinergi.device}. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Device device;

    private final WorldOnBoard onBoard;
    private volatile ServiceRegistration<Context> contextRegistration;
    private volatile boolean closed;
    private long lastTickNanos; // the world thread's
    private boolean tickFailing; // the world thread's

    @Activate
    public SimWorldComponent(@Reference SimSettings settings, BundleContext bundleContext) {
        SimConfig config = settings.config();
        if (config.mainsPhases() != 0 && config.mainsPhases() != 1 && config.mainsPhases() != 3) {
            throw new IllegalArgumentException("org.infinergi.sim mainsPhases must be 0, 1 or 3, was " + config.mainsPhases());
        }
        if (config.evPhases() != 1 && config.evPhases() != 3) {
            throw new IllegalArgumentException("org.infinergi.sim evPhases must be 1 or 3, was " + config.evPhases());
        }
        // Until the label is known: the configured (else three) phases and a fixed cable, the label's own default.
        world = new World(new double[] {config.mainsVoltageL1V(), config.mainsVoltageL2V(), config.mainsVoltageL3V()},
                config.mainsPhases() != 0 ? config.mainsPhases() : 3, config.relayDelayMs() / 1000.0,
                config.evMaxCurrentA(), config.evPhases(), true, config.lockDelayMs() / 1000.0);
        world.setTemperature(config.temperatureC());
        control = new WorldControl(world, injectors);
        board = new SimBoard();
        this.bundleContext = bundleContext;
        onBoard = new WorldOnBoard(config, world, board, this::registerContext);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-sim-world");
            t.setDaemon(true);
            return t;
        });
        lastTickNanos = System.nanoTime();
        scheduler.scheduleAtFixedRate(this::tick, 0, config.tickMs(), TimeUnit.MILLISECONDS);
        LOG.info("Simulated world powered: tick {} ms; waiting for the label and the pilot driver's wiring",
                config.tickMs());
    }

    private void tick() {
        long now = System.nanoTime();
        double dtS = (now - lastTickNanos) / 1e9;
        lastTickNanos = now;
        try {
            onBoard.step(dtS, device, wiring);
            tickFailing = false;
        } catch (RuntimeException e) {
            // A failing tick must not kill the scheduler; log once per episode.
            if (!tickFailing) {
                LOG.warn("Simulated world tick failed", e);
                tickFailing = true;
            }
        }
    }

    private void registerContext() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("infinergi.pi4j.platform", "sim");
        contextRegistration = bundleContext.registerService(Context.class, board.context(), props);
        LOG.info("Simulated board wired to the pilot driver's map; pi4j context registered");
        if (closed) {
            unregisterContext(); // deactivated while registering
        }
    }

    private void unregisterContext() {
        ServiceRegistration<Context> r = contextRegistration;
        if (r == null) {
            return;
        }
        try {
            r.unregister();
        } catch (IllegalStateException alreadyGone) {
            // bundle stopping, or both threads got here: the framework unregistered it
        }
    }

    @Override
    public SimBoard board() {
        return board;
    }

    @Override
    public WorldState state() {
        return control.state();
    }

    @Override
    public WorldState act(EvAction action, Double maxCurrentA, Integer phases) {
        return control.act(action, maxCurrentA, phases);
    }

    @Override
    public WorldState fault(SimFault fault, String variant, boolean active) {
        return control.fault(fault, variant, active);
    }

    @Override
    public WorldState cable(Double ohm) {
        return control.cable(ohm);
    }

    @Override
    public WorldState temperature(double celsius) {
        return control.temperature(celsius);
    }

    @Deactivate
    void deactivate() {
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unregisterContext();
        board.close();
    }
}
