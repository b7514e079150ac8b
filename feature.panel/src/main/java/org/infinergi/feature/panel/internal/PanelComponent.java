package org.infinergi.feature.panel.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import com.pi4j.context.Context;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.Device;
import org.infinergi.core.charging.api.Installation;
import org.infinergi.core.charging.api.SessionHistory;
import org.infinergi.core.charging.hal.GpioPin;
import org.infinergi.core.charging.hal.PanelBoard;
import org.infinergi.core.charging.hal.PanelWiring;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.core.config.FactoryResetParticipant;
import org.infinergi.core.config.LastValidConfiguration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front panel: logo LED (manual §8), buzzer (§9.1), keys (§6.2) and the panel link, on the pi4j
 * {@link Context}; provides {@link PanelBoard} so the core raises D1 when the panel stops answering.
 * Activation opens the pins and starts the loop on its own scheduler ({@code infinergi-panel}) and returns;
 * deactivation stops the loop and turns the logo off.
 *
 * <p>Provides {@link PanelWiring}, the pins of its PID, for what sits under the panel (the simulated panel board reads
 * them here, not from the PID). Configuration: {@value PanelConfig#PID} (Metatype) only; the model (which keys) and whether the installation
 * is complete (§4.10) come from the core's {@link Device} and {@link Installation} services, read live, so a change
 * of either PID needs no reactivation.
 *
 * <p>No {@code @Modified}: a change of {@value PanelConfig#PID} re-creates the component, which reopens its pins on
 * it. A configuration with an empty value or a value not of its key's type is rejected as a whole and listed in the
 * status (issue 15): the last valid one, kept in this bundle's data area ({@link LastValidConfiguration}), stays in
 * force; the factory panel only when none was ever applied.
 */
@Component(name = PanelConfig.PID, immediate = true, service = {PanelBoard.class, PanelWiring.class, EventHandler.class,
        ConfigurationOwner.class},
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {EventConstants.EVENT_TOPIC + "=" + ChargerEvents.CARD_ALL,
            EventConstants.EVENT_TOPIC + "=" + ChargerEvents.STATUS_CHANGED})
@Designate(ocd = PanelConfig.class)
public final class PanelComponent implements PanelBoard, PanelWiring, EventHandler, ConfigurationOwner {

    private static final Logger LOG = LoggerFactory.getLogger(PanelComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChargerControl control;

    // Optional and dynamic: the core binds this component's PanelBoard (D1), so a mandatory reference back to the
    // core would be a circular reference for SCR at start-up.
    private volatile ChargerStatusService statusService;

    /** The history's owner (the core): a factory reset asks it to erase the history instead of reading its PID. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionHistory history;

    /** Owners of settings kept outside Config Admin (feature.web's passwords): a factory reset asks each to restore them. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final List<FactoryResetParticipant> resetParticipants = new CopyOnWriteArrayList<>();

    private final PanelConfig config;
    private final List<ConfigurationRejection> rejections;
    private final PanelHardware hw;
    private final PanelEngine engine;
    private final ScheduledExecutorService scheduler;
    private final AuthIndication authorisation = new AuthIndication();
    private final LongSupplier clock = () -> System.nanoTime() / 1_000_000L;
    private final long tickMs;
    private final long idleTickMs;
    private boolean tickFailing;

    @Activate
    public PanelComponent(@Reference Context pi4j, @Reference ConfigurationAdmin cm, @Reference Device device,
            @Reference Installation installation, Map<String, Object> properties, BundleContext bundleContext) {
        LastValidConfiguration<PanelConfig> lastValid = new LastValidConfiguration<>(PanelConfig.PID,
                PanelConfig.class, bundleContext::getDataFile);
        CheckedConfiguration<PanelConfig> checked = lastValid.check(properties, LOG::error);
        PanelConfig config = checked.config();
        this.config = config;
        this.rejections = checked.rejections();
        Keypad keypad = Keypad.of(config.keypad(), device.model());
        PanelEngine.Settings settings = settings(config, installation::installationComplete, keypad);
        String dir = config.factoryDir().isBlank()
                ? System.getProperty("karaf.etc", "etc") + "/factory" : config.factoryDir();
        FactoryReset reset = new ConfigAdminFactoryReset(cm, Path.of(dir), Set.of(config.factoryResetKeepPids()),
                () -> history, () -> List.copyOf(resetParticipants));
        Restarter restarter = new SystemBundleRestarter(bundleContext.getBundle(Constants.SYSTEM_BUNDLE_LOCATION),
                Boolean.parseBoolean(bundleContext.getProperty(SystemBundleRestarter.JVM_RESTART_SUPPORTED)),
                System::setProperty);
        hw = new Pi4jPanelHardware(pi4j, config, keypad, clock);
        engine = new PanelEngine(hw, settings, () -> {
            ChargerStatusService service = statusService;
            return service == null ? null : service.status();
        }, () -> control, restarter, reset, clock, authorisation);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-panel");
            t.setDaemon(true);
            return t;
        });
        tickMs = config.tickMs();
        idleTickMs = config.idleTickMs();
        scheduler.execute(this::loop);
        // A key's edge runs a tick at once: a short press is seen even while the loop idles.
        hw.onKeyChange(this::wake);
        // Only a configuration the panel runs on (its keypad, holds and LED output passed) is the one kept.
        lastValid.keep(checked, LOG::error);
        LOG.info("Front panel started: {}, LED on {}/{}/{} ({})", keypad, config.ledRedAddress(),
                config.ledGreenAddress(), config.ledBlueAddress(), config.ledOutput());
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    @Reference(name = "status", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetStatus")
    void setStatus(ChargerStatusService service) {
        statusService = service;
        // Bound after the constructor (DS), and again when the core comes back: the one read of its status.
        engine.refresh();
    }

    void unsetStatus(ChargerStatusService service) {
        if (statusService == service) {
            statusService = null;
            engine.forget();
        }
    }

    static PanelEngine.Settings settings(PanelConfig config, BooleanSupplier installationComplete, Keypad keypad) {
        if (config.restartHoldS() <= 0 || config.factoryResetHoldS() <= config.restartHoldS()) {
            throw new IllegalArgumentException("org.infinergi.panel factoryResetHoldS must exceed restartHoldS > 0, was "
                    + config.factoryResetHoldS() + " / " + config.restartHoldS());
        }
        if (config.shortPressMaxMs() <= 0 || config.shortPressMaxMs() >= config.restartHoldS() * 1000L) {
            throw new IllegalArgumentException("org.infinergi.panel shortPressMaxMs must be in (0, restartHoldS), was "
                    + config.shortPressMaxMs());
        }
        return new PanelEngine.Settings(keypad, installationComplete, config.errorBuzzerS() * 1000L,
                config.shortPressMaxMs(), config.restartHoldS() * 1000L, config.factoryResetHoldS() * 1000L,
                config.factoryResetErasesHistory(), config.panelPollMs(), config.panelMissedPolls(), config.buttonsSound());
    }

    /** One tick, then the next one when the panel wants it ({@link PanelEngine#nextTickMs}). */
    private void loop() {
        long started = System.nanoTime();
        tick();
        long delayNs = TimeUnit.MILLISECONDS.toNanos(engine.nextTickMs(tickMs, idleTickMs))
                - (System.nanoTime() - started);
        try {
            scheduler.schedule(this::loop, Math.max(0, delayNs), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Panel loop ends: the component is deactivated");
        }
    }

    /** An extra tick now, besides the loop's (the scheduler's single thread runs them one after the other). */
    private void wake() {
        try {
            scheduler.execute(this::tick);
        } catch (RejectedExecutionException e) {
            LOG.debug("Key change after deactivation ignored");
        }
    }

    private void tick() {
        try {
            engine.tick();
            tickFailing = false;
        } catch (RuntimeException e) {
            // A failing tick must not kill the scheduler; log once per episode.
            if (!tickFailing) {
                LOG.warn("Panel tick failed", e);
                tickFailing = true;
            }
        }
    }

    /**
     * docs/events.md: the core's STATUS_CHANGED gives the charge state's row; the card events of the authentication
     * feature give the manual §8 authentication rows.
     */
    @Override
    public void handleEvent(Event event) {
        if (ChargerEvents.STATUS_CHANGED.equals(event.getTopic())) {
            engine.statusEvent(event);
        } else {
            authorisation.on(event.getTopic(), clock.getAsLong());
        }
        // The new logo row shows at once, not at the next idle tick (the loop idles at idleTickMs).
        wake();
    }

    @Override
    public boolean responding() {
        return engine.responding();
    }

    @Override
    public GpioPin ledRed() {
        return new GpioPin(config.ledRedAddress(), true);
    }

    @Override
    public GpioPin ledGreen() {
        return new GpioPin(config.ledGreenAddress(), true);
    }

    @Override
    public GpioPin ledBlue() {
        return new GpioPin(config.ledBlueAddress(), true);
    }

    @Override
    public GpioPin multiButton() {
        return key(config.multiButtonAddress());
    }

    @Override
    public GpioPin centerButton() {
        return key(config.centerButtonAddress());
    }

    @Override
    public GpioPin upButton() {
        return key(config.upButtonAddress());
    }

    @Override
    public GpioPin downButton() {
        return key(config.downButtonAddress());
    }

    @Override
    public GpioPin leftButton() {
        return key(config.leftButtonAddress());
    }

    @Override
    public GpioPin rightButton() {
        return key(config.rightButtonAddress());
    }

    private GpioPin key(int address) {
        return new GpioPin(address, config.buttonsActiveHigh());
    }

    @Override
    public GpioPin panelProbe() {
        return new GpioPin(config.panelProbeAddress(), true);
    }

    @Override
    public GpioPin panelEcho() {
        return new GpioPin(config.panelEchoAddress(), true);
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
            engine.dark();
        } finally {
            hw.close();
        }
    }
}
