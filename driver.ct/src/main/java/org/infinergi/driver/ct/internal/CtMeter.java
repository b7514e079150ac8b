package org.infinergi.driver.ct.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiMode;

import org.infinergi.core.charging.api.Device;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.SelectedMeter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wired CTs as the grid meter (manual §4.6, §5.2.2; {@code org.infinergi.metering gridMeter=CT}): CT1 on a
 * single-phase model, CT1–CT3 on a three-phase one, measured every {@code pollMs} on this component's own thread
 * {@code infinergi-ct-meter} ({@link CtSampler}, {@link Waveform}). A reading is signed: + import, − export, per phase
 * and in total; the CTs count no energy ({@code energyWh} NaN). {@link #latest()} is empty when the last measurement
 * failed or is older than {@code staleAfterMs}: a silent ADC is never its last good value.
 *
 * <p>It measures only while the core selects the wired CTs as the grid meter (a {@link SelectedMeter} GRID/CT, the
 * core's answer to {@code org.infinergi.metering gridMeter}; idle CPU budget): otherwise its thread rests, no ADC
 * conversion runs and {@link #latest()} is empty. The component stays active either way, so a plain image still says
 * at once which board I/O it lacks, and the selection's coming back measures at once.
 */
@Component(name = "org.infinergi.driver.ct.meter", service = Meter.class,
        configurationPolicy = ConfigurationPolicy.IGNORE, // the map is the PID's one reader (CtMapComponent)
        property = {Meter.ROLE + "=GRID", Meter.SOURCE + "=CT"})
public final class CtMeter implements Meter {

    private static final Logger LOG = LoggerFactory.getLogger(CtMeter.class);
    static final String NO_BOARD_IO = "board I/O not available: ";

    private final Context pi4j;
    private final String spiId;
    private final CtSampler sampler;
    private final Clock clock;
    private final Duration staleAfter;
    private final ScheduledExecutorService scheduler;
    private final long pollMs;
    private final int phases;
    private volatile MeterReading last;
    private volatile boolean failed;
    /** Not selected: a measurement still under way when the selection went keeps nothing. */
    private volatile boolean resting;
    /** The measurements while the CTs are selected, or null. Guarded by {@code this}. */
    private ScheduledFuture<?> measuring;

    /** The DS constructor: the CT map from its owner, the model's phases from the core's {@link Device}. */
    @Activate
    public CtMeter(@Reference Context pi4j, @Reference CtMap map, @Reference Device device) {
        this(pi4j, map.config(), device.phases(), System::nanoTime, LockSupport::parkNanos, Clock.systemUTC(), true);
    }

    /**
     * For tests (package-private: SCR must see one constructor of this arity).
     *
     * @param devicePhases the model's phases (manual §2.6), used unless {@code phases} overrides them
     * @param schedule     false: nothing runs until the test calls {@link #measure()}
     */
    CtMeter(Context pi4j, CtConfig config, int devicePhases, LongSupplier nanos, LongConsumer pause, Clock clock,
            boolean schedule) {
        phases = config.phases() != 0 ? config.phases() : devicePhases;
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException(CtConfig.PID + " phases (or org.infinergi.device phases) must be 1 or 3,"
                    + " was " + phases);
        }
        this.pi4j = pi4j;
        this.clock = clock;
        this.staleAfter = Duration.ofMillis(config.staleAfterMs());
        this.pollMs = config.pollMs();
        this.spiId = "infinergi-ct-adc";
        Spi spi;
        try {
            spi = pi4j.create(Spi.newConfigBuilder(pi4j).id(spiId).name(spiId).bus(config.adcBus())
                    .address(config.adcChipSelect()).mode(SpiMode.MODE_0).baud(config.spiBaudHz()));
        } catch (RuntimeException e) {
            throw new IllegalStateException(NO_BOARD_IO + "CT ADC on SPI bus " + config.adcBus() + " CS "
                    + config.adcChipSelect() + ": " + innermost(e), e);
        }
        Mcp3208Adc adc = new Mcp3208Adc(spi);
        sampler = new CtSampler(adc::read, config, phases, nanos, pause);
        if (!schedule) {
            scheduler = null;
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-ct-meter");
            t.setDaemon(true);
            return t;
        });
        LOG.info("Wired CTs: {} phase(s), ADC bus {} CS {}, every {} ms while selected as the grid meter", phases,
                config.adcBus(), config.adcChipSelect(), config.pollMs());
    }

    /** The core selects the wired CTs as the grid meter: measure every {@code pollMs}, the first at once. */
    @Reference(name = "selected", target = "(&(" + Meter.ROLE + "=GRID)(" + Meter.SOURCE + "=CT))",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "deselected")
    synchronized void selected(SelectedMeter selection) {
        resting = false;
        if (scheduler != null && measuring == null && !scheduler.isShutdown()) {
            measuring = scheduler.scheduleWithFixedDelay(this::measureQuietly, 0, pollMs, TimeUnit.MILLISECONDS);
            LOG.info("Wired CTs selected as the grid meter: measuring");
        }
    }

    /** Another grid meter (or none) selected: the CTs rest, and their last reading is not the grid's any more. */
    synchronized void deselected(SelectedMeter selection) {
        if (measuring != null) {
            measuring.cancel(false);
            measuring = null;
            LOG.info("Wired CTs no longer the grid meter: resting");
        }
        resting = true;
        last = null;
    }

    /** Whether the CTs are being measured (for tests). */
    synchronized boolean measuring() {
        return measuring != null;
    }

    private static String innermost(Throwable e) {
        String reason = e.toString();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        return reason;
    }

    private void measureQuietly() {
        try {
            measure();
        } catch (RuntimeException e) {
            LOG.warn("CT measurement failed", e); // a bug: keep the scheduler alive anyway
        }
    }

    /** Takes one measurement now. */
    void measure() {
        Waveform.Phase[] measured;
        try {
            measured = sampler.measure();
        } catch (Mcp3208Adc.AdcException e) {
            if (!failed) {
                LOG.warn("Wired CTs: ADC failed: {}", e.getMessage());
            }
            failed = true;
            return;
        }
        if (failed) {
            LOG.info("Wired CTs: ADC answers again");
        }
        failed = false;
        double[] v = new double[phases];
        double[] i = new double[phases];
        double[] p = new double[phases];
        double total = 0;
        for (int k = 0; k < phases; k++) {
            v[k] = measured[k].voltageV();
            i[k] = measured[k].currentA();
            p[k] = measured[k].powerW();
            total += p[k];
        }
        if (!resting) {
            last = new MeterReading(clock.instant(), v, i, total, Double.NaN, p);
        }
    }

    @Override
    public Optional<MeterReading> latest() {
        MeterReading r = last;
        if (failed || r == null || Duration.between(r.at(), clock.instant()).compareTo(staleAfter) > 0) {
            return Optional.empty();
        }
        return Optional.of(new MeterReading(r.at(), r.voltagesV().clone(), r.currentsA().clone(), r.powerW(),
                r.energyWh(), r.phasePowersW().clone()));
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            pi4j.shutdown(spiId);
        } catch (RuntimeException e) {
            LOG.debug("CT ADC already gone: {}", e.toString());
        }
    }
}
