package org.infinergi.driver.pilot.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.pi4j.context.Context;

import org.infinergi.core.charging.api.Device;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's internal vehicle meter (manual §5.2, "internal" vehicle meter): phase voltages and currents
 * on a second MCP3208, sampled on this component's own scheduler; see {@link MeterSampler} for the
 * arithmetic. Configuration: the board map (bus, scaling, period) from {@link BoardMap} and the model's
 * {@code phases} from the core's {@link Device}, unless {@code meterPhases} overrides them.
 */
@Component(service = Meter.class, property = {Meter.ROLE + "=VEHICLE", Meter.SOURCE + "=INTERNAL"})
public final class VehicleMeter implements Meter {

    private static final Logger LOG = LoggerFactory.getLogger(VehicleMeter.class);

    private final Pi4jIo io;
    private final MeterSampler sampler;
    private final ScheduledExecutorService scheduler;
    private final long periodMs;
    private final long idlePeriodMs;

    /** The DS constructor: the board map from its owner, the model's phases from the core's {@link Device}. */
    @Activate
    public VehicleMeter(@Reference Context pi4j, @Reference BoardMap board, @Reference Device device) {
        this(pi4j, board.config(), device.phases());
    }

    /** For tests (package-private: SCR must see one constructor of this arity). @param devicePhases the model's phases (manual §2.6), used unless {@code meterPhases} overrides them */
    VehicleMeter(Context pi4j, PilotConfig config, int devicePhases) {
        int phases = config.meterPhases() != 0 ? config.meterPhases() : devicePhases;
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException(
                    "org.infinergi.driver.pilot meterPhases (or org.infinergi.device phases) must be 1 or 3, was " + phases);
        }
        io = new Pi4jIo(pi4j);
        try {
            Mcp3208Adc adc = new Mcp3208Adc(io.spi("infinergi-meter-adc", "vehicle meter ADC", config.meterAdcBus(),
                    config.meterAdcChipSelect(), config.spiBaudHz()));
            sampler = new MeterSampler(adc, config, phases, Clock.systemUTC());
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-vehicle-meter");
            t.setDaemon(true);
            return t;
        });
        periodMs = config.meterSamplePeriodMs();
        idlePeriodMs = Math.max(periodMs, config.meterIdleSamplePeriodMs());
        scheduler.execute(this::sample);
        LOG.info("Internal vehicle meter: {} phase(s), ADC bus {} CS {}, every {} ms ({} ms while no current flows)",
                phases, config.meterAdcBus(), config.meterAdcChipSelect(), periodMs, idlePeriodMs);
    }

    /** One sample, then the next after the period its result asks for ({@link #nextSampleMs}). */
    private void sample() {
        long started = System.nanoTime();
        try {
            sampler.sample();
        } catch (RuntimeException e) {
            LOG.warn("Vehicle meter sample failed", e); // a bug: keep the scheduler alive anyway
        }
        long delayNs = TimeUnit.MILLISECONDS.toNanos(nextSampleMs(sampler.carrying(), periodMs, idlePeriodMs))
                - (System.nanoTime() - started);
        try {
            scheduler.schedule(this::sample, Math.max(0, delayNs), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Vehicle meter stops: the component is deactivated");
        }
    }

    /**
     * Idle CPU budget: with no current on any phase (no vehicle draws, the contactor open) the meter samples at its
     * idle period — the energy does not move and the mains voltage (I3/I4, judged over 2 s) is still seen; once a
     * sample sees current, or sees nothing, the full period. A vehicle that starts drawing is seen at the latest one
     * idle period later: the trapezoid from the last idle sample counts that interval at half the new power.
     */
    static long nextSampleMs(boolean carrying, long periodMs, long idlePeriodMs) {
        return carrying ? periodMs : idlePeriodMs;
    }

    @Override
    public Optional<MeterReading> latest() {
        return sampler.latest();
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.close();
    }
}
