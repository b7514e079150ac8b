package org.infinergi.sim.internal;

import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.pi4j.context.Context;

import org.infinergi.sim.hw.SimBoard;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated charger hardware: builds the simulated board, registers its pi4j {@link Context} as an
 * OSGi service (on a real board a platform bundle registers the board's context instead; the pilot driver
 * cannot tell the difference), and steps the {@link World} on its own scheduler.
 *
 * <p>Configuration: its own PID {@value SimConfig#PID} only; the pin, channel and scaling map under the pilot
 * driver comes from {@link SimWiring}, the model's phases and cable from {@link SimModel}.
 *
 * <p>The Context is registered through the bundle context rather than as this component's service because
 * DS can only publish the component object itself, and the Context is an object pi4j builds.
 */
@Component(immediate = true, service = SimControl.class, configurationPid = SimConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimConfig.class)
public final class SimWorldComponent implements SimControl {

    private static final Logger LOG = LoggerFactory.getLogger(SimWorldComponent.class);

    private final SimBoard board;
    private final World world;
    private final WorldControl control;
    private final WorldBinding binding;
    private final ScheduledExecutorService scheduler;
    private final ServiceRegistration<Context> contextRegistration;
    /** Other parts of the simulation injecting some causes (e.g. the panel board simulation for D1). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final List<SimFaultInjector> injectors = new CopyOnWriteArrayList<>();
    private long lastTickNanos;
    private boolean tickFailing;

    @Activate
    public SimWorldComponent(SimConfig config, @Reference SimWiring wiring, @Reference SimModel model,
            BundleContext bundleContext) {
        DriverMap map = wiring.map();
        DeviceKeys device = model.device();
        int phases = config.mainsPhases() != 0 ? config.mainsPhases() : device.phases() != 0 ? device.phases() : 3;
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException("org.infinergi.sim mainsPhases (or org.infinergi.device phases) must be 1 or 3, was " + phases);
        }
        if (config.evPhases() != 1 && config.evPhases() != 3) {
            throw new IllegalArgumentException("org.infinergi.sim evPhases must be 1 or 3, was " + config.evPhases());
        }
        world = new World(new double[] {config.mainsVoltageL1V(), config.mainsVoltageL2V(), config.mainsVoltageL3V()},
                phases, config.relayDelayMs() / 1000.0, config.evMaxCurrentA(), config.evPhases(), device.tethered(),
                config.lockDelayMs() / 1000.0);
        if (!device.tethered()) {
            world.setCableResistance(config.cableResistanceOhm());
        }
        world.setTemperature(config.temperatureC());
        control = new WorldControl(world, injectors);
        board = new SimBoard();
        binding = new WorldBinding(board, world, map);
        // The world's levels are on the board before any driver sees the context (a real board shows them from
        // power-up): a driver activated by the registration below reads the healthy world, not pi4j's defaults.
        binding.tick(0);

        Hashtable<String, Object> props = new Hashtable<>();
        props.put("infinergi.pi4j.platform", "sim");
        contextRegistration = bundleContext.registerService(Context.class, board.context(), props);

        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-sim-world");
            t.setDaemon(true);
            return t;
        });
        lastTickNanos = System.nanoTime();
        scheduler.scheduleAtFixedRate(this::tick, config.tickMs(), config.tickMs(), TimeUnit.MILLISECONDS);
        LOG.info("Simulated world started: {} phase(s), tick {} ms", phases, config.tickMs());
    }

    private void tick() {
        long now = System.nanoTime();
        double dtS = (now - lastTickNanos) / 1e9;
        lastTickNanos = now;
        try {
            binding.tick(dtS);
            tickFailing = false;
        } catch (RuntimeException e) {
            // A failing tick must not kill the scheduler; log once per episode.
            if (!tickFailing) {
                LOG.warn("Simulated world tick failed", e);
                tickFailing = true;
            }
        }
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
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            contextRegistration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // bundle stopping: the framework unregistered it
        }
        board.close();
    }
}
