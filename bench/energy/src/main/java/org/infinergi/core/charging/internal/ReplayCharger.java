package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.ChargingModeService;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotHardware;
import org.infinergi.core.charging.hal.PilotReading;
import org.infinergi.core.charging.testing.FakeBoardSensors;
import org.infinergi.core.charging.testing.FakeResidualCurrentDevice;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.sim.internal.PilotDrive;
import org.infinergi.sim.internal.World;

/**
 * The real charging core ({@link ChargingCore}: sampling, {@link ControlLogic}, the actuator's order of commands,
 * idle pacing) and the real {@link ElectricalReadingsComponent}, wired as SCR would wire them, on hardware that is the
 * sim's pure {@link World}, and stepped by the replay on a clock it moves. Lives in the core's package for the
 * package-private constructors (a flat class path, no OSGi).
 *
 * <p>Meters as the drivers give them: the charger's own meter is sampled every {@value #VEHICLE_SAMPLE_MS} ms (the
 * pilot driver's {@code meterSamplePeriodMs}), the grid meter every {@code gridPollMs} (the CT driver's and the
 * Modbus meters' {@code pollMs}, 1000 ms by default); each reading carries the time it was taken, as theirs do.
 *
 * <p>The grid meter's lag: a meter serves a register image it refreshes on its own clock (an Eastron SDM refreshes its
 * registers about once a second, others average over a second or more), so what a poll reads at its time can show the
 * site up to a refresh period earlier. With {@code gridRefreshMs} &gt; 0 the grid meter's image is taken from the world
 * every {@code gridRefreshMs}, {@code gridRefreshOffsetMs} after each poll instant, and a poll reads the image as it
 * is and stamps it with the poll's time: with the defaults of bench/energy.sh (1000 ms, 50 ms after the poll) every
 * grid reading is 950 ms older than its stamp, the worst case. 0 = the image is the world at the poll (no lag).
 */
public final class ReplayCharger {

    /** The pilot driver's default meter sample period. */
    public static final long VEHICLE_SAMPLE_MS = 100;

    private final World world;
    private final MutableClock clock;
    private final long gridPollMs;
    private final long gridRefreshMs;
    private final long gridRefreshOffsetMs;
    /** The grid meter's register image: the world as it was at the meter's last refresh. */
    private MeterReading gridImage;
    private Instant nextGridRefresh;
    private final ChargingCore core;
    private final ElectricalReadingsComponent readings;
    private final LinePilot pilot = new LinePilot();
    private final FakeResidualCurrentDevice rdc = new FakeResidualCurrentDevice();
    private volatile MeterReading vehicleReading;
    private volatile MeterReading gridReading;
    private Instant nextVehicleSample;
    private Instant nextGridSample;
    private int sessionsStored;

    /**
     * @param config the properties Config Admin would give every PID of the core (installation, charging, device,
     *               core): e.g. {@code installationComplete}, {@code wiringLimitA}, {@code model}, {@code activeMode}
     */
    public ReplayCharger(World world, MutableClock clock, Map<String, Object> config, long gridPollMs) {
        this(world, clock, config, gridPollMs, 0, 0);
    }

    /**
     * @param gridRefreshMs       the grid meter's register refresh period, ms; 0 = no lag (the image is the world at
     *                            each poll)
     * @param gridRefreshOffsetMs when the meter refreshes its image, ms after each multiple of its period from the
     *                            start (the polls fall on multiples of {@code gridPollMs})
     */
    public ReplayCharger(World world, MutableClock clock, Map<String, Object> config, long gridPollMs,
            long gridRefreshMs, long gridRefreshOffsetMs) {
        this.world = world;
        this.clock = clock;
        this.gridPollMs = gridPollMs;
        this.gridRefreshMs = gridRefreshMs;
        this.gridRefreshOffsetMs = gridRefreshOffsetMs;
        MeteringSettings metering = new MeteringSettings(MeteringSettings.VehicleMeter.INTERNAL,
                MeteringSettings.GridMeter.CT);
        MeteringSettingsSource source = () -> metering;
        readings = new ElectricalReadingsComponent(source, clock);
        Meter vehicle = () -> Optional.ofNullable(vehicleReading);
        Meter grid = () -> Optional.ofNullable(gridReading);
        readings.addMeter(vehicle, Map.of(Meter.ROLE, "VEHICLE", Meter.SOURCE, "INTERNAL", "service.id", 1L));
        readings.addMeter(grid, Map.of(Meter.ROLE, "GRID", Meter.SOURCE, "CT", "service.id", 2L));
        SessionRecorder recorder = new SessionRecorder() {
            @Override
            public void record(SessionRecord session) {
                sessionsStored++;
            }
        };
        core = new ChargingCore(pilot, recorder, new AvailabilityComponent(Map.of()),
                new InstallationComponent(config), new ChargingComponent(config), new DeviceComponent(config), clock,
                config);
        core.vehicleMeter = vehicle;
        core.boardSensors = new FakeBoardSensors();
        core.residualCurrentDevice = rdc;
        core.metering = source;
        sampleMeters();
    }

    /** What DLM, Green and any mode read: the same service the firmware gives them. */
    public ElectricalReadings readings() {
        return readings;
    }

    /** The core's status service (Green's Boost asks it for the active mode). */
    public ChargerStatusService statusService() {
        return core;
    }

    public ChargerStatus status() {
        return core.status();
    }

    /** A limit provider bound, as SCR binds DLM's. */
    public void addLimitProvider(LimitProvider provider) {
        core.limitProviders.add(provider);
    }

    /** A charging mode bound under its name, as SCR binds Green's ({@code infinergi.mode=GREEN}). */
    public void addMode(ChargingModeService mode, String name) {
        core.addModeService(mode, Map.of(ChargingModeService.MODE, name));
    }

    /**
     * Advances the world by {@code ms} under the commands the core gave last (the EV, the relay and the draw follow
     * them), moves the clock, lets the meters take their samples that fell due, and runs one control cycle.
     *
     * @return when the core wants its next cycle, ms after this one ({@code loopPeriodMs}, longer while idle)
     */
    public long advance(long ms) {
        world.step(ms / 1000.0, pilot.drive(), pilot.contactor, false, rdc.testCurrent());
        clock.advanceMillis(ms);
        sampleMeters();
        core.step();
        return Math.max(1, core.nextCycleMs());
    }

    /** Runs the first cycle at the clock's time (no world step before it). */
    public long start() {
        core.step();
        return Math.max(1, core.nextCycleMs());
    }

    public int sessionsStored() {
        return sessionsStored;
    }

    private void sampleMeters() {
        Instant now = clock.instant();
        if (nextVehicleSample == null || !now.isBefore(nextVehicleSample)) {
            vehicleReading = reading(now, world.mainsVoltagesV(), world.phaseCurrentsA(), world.evEnergyWh());
            nextVehicleSample = now.plusMillis(VEHICLE_SAMPLE_MS);
        }
        if (gridRefreshMs > 0 && (nextGridRefresh == null || !now.isBefore(nextGridRefresh))) {
            gridImage = reading(now, world.mainsVoltagesV(), world.gridCurrentsA(), Double.NaN);
            nextGridRefresh = nextGridRefresh == null ? now.plusMillis(gridRefreshOffsetMs)
                    : nextGridRefresh.plusMillis(gridRefreshMs);
        }
        if (nextGridSample == null || !now.isBefore(nextGridSample)) {
            gridReading = gridRefreshMs > 0 ? stamped(gridImage, now)
                    : reading(now, world.mainsVoltagesV(), world.gridCurrentsA(), Double.NaN);
            nextGridSample = now.plusMillis(gridPollMs);
        }
    }

    /** What a poll reads: the meter's image as it is, with the time the answer arrived (as the drivers stamp it). */
    private static MeterReading stamped(MeterReading image, Instant at) {
        return new MeterReading(at, image.voltagesV(), image.currentsA(), image.powerW(), image.energyWh(),
                image.phasePowersW());
    }

    private static MeterReading reading(Instant at, double[] volts, double[] amps, double energyWh) {
        double[] watts = new double[3];
        double total = 0;
        for (int p = 0; p < 3; p++) {
            watts[p] = volts[p] * amps[p];
            total += watts[p];
        }
        return new MeterReading(at, volts, amps, total, energyWh, watts);
    }

    /**
     * The pilot driver's view of the line: the duty cycle drives the generator (0 % = state F, 100 % = steady +12 V),
     * the reading is the world's plateaus, the relay feedback the world's.
     */
    private final class LinePilot implements PilotHardware {
        private double duty;
        private boolean contactor;

        PilotDrive drive() {
            return duty <= 0 ? PilotDrive.OFF : new PilotDrive(true, duty, 1000);
        }

        @Override
        public void setDutyCycle(double percent) {
            duty = percent;
        }

        @Override
        public double dutyCycle() {
            return duty;
        }

        @Override
        public PilotReading readPilot() {
            return new PilotReading(world.pilotPositiveV(), world.pilotNegativeV());
        }

        @Override
        public void setContactor(boolean closed) {
            contactor = closed;
        }

        @Override
        public boolean contactorCommanded() {
            return contactor;
        }

        @Override
        public boolean contactorFeedback() {
            return world.contactorFeedback();
        }
    }
}
