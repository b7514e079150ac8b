package org.infinergi.core.charging.internal;

import java.time.Clock;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.hal.BoardSensors;
import org.infinergi.core.charging.hal.ConnectorLock;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.PilotHardware;
import org.infinergi.core.charging.hal.ProximityPilot;
import org.infinergi.core.charging.hal.ResidualCurrentDevice;

/**
 * The real charging core without a framework, for whole-stack tests outside this bundle (module {@code stack-tests}:
 * the core over the real drivers over the simulated world; the Modbus bus's {@code RtuOverPtyTest}: the core over a
 * MID meter on a serial line). Built from a pilot, a session recorder, a clock the test
 * moves and the core's configuration keys, with the wiring, user-maximum and device-rating limits of that
 * configuration, as the images have them; the test steps it one control cycle at a time.
 *
 * <p>It lives in this module's test jar, beside the core's package-private seams, so the product bundle exports
 * nothing for tests and the stack tests keep a package of their own.
 */
public final class CoreHarness {

    private final ChargingCore core;

    public CoreHarness(PilotHardware pilot, SessionRecorder recorder, Clock clock, Map<String, ?> config) {
        InstallationComponent installation = new InstallationComponent(Map.copyOf(config));
        ChargingComponent charging = new ChargingComponent(Map.copyOf(config));
        DeviceComponent device = new DeviceComponent(Map.copyOf(config));
        core = new ChargingCore(pilot, recorder, new AvailabilityComponent(Map.of()), installation, charging, device,
                clock, config);
        core.limitProviders.add(new WiringLimitProvider(installation));
        core.limitProviders.add(new UserMaximumLimitProvider(charging));
        core.limitProviders.add(new DeviceRatingLimitProvider(device));
    }

    /** The core's public face: status, and the user's commands (pause, recovery …). */
    public ChargingCore core() {
        return core;
    }

    /** One control cycle, as the loop runs it; the status it published. */
    public ChargerStatus step() {
        core.step();
        return core.status();
    }

    public CoreHarness boardSensors(BoardSensors sensors) {
        core.boardSensors = sensors;
        return this;
    }

    public CoreHarness proximityPilot(ProximityPilot pp) {
        core.proximityPilot = pp;
        return this;
    }

    public CoreHarness connectorLock(ConnectorLock lock) {
        core.connectorLock = lock;
        return this;
    }

    public CoreHarness residualCurrentDevice(ResidualCurrentDevice rcd) {
        core.residualCurrentDevice = rcd;
        return this;
    }

    public CoreHarness vehicleMeter(Meter meter) {
        core.vehicleMeter = meter;
        return this;
    }

    /**
     * A MID vehicle meter (manual §4.7) configured as the vehicle meter ({@code org.infinergi.metering}
     * {@code vehicleMeter=MID}), as an image with one has it: the core reads the vehicle from it, and its silence is
     * D9 (manual §9.1).
     */
    public CoreHarness midVehicleMeter(Meter meter) {
        core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.MID, MeteringSettings.GridMeter.NONE);
        core.midMeter = meter;
        core.midMeterProperties = Map.of(Meter.ROLE, "VEHICLE", Meter.SOURCE, "MID");
        return this;
    }
}
