package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.testing.FakeBoardSensors;
import org.infinergi.core.charging.testing.FakeConnectorLock;
import org.infinergi.core.charging.testing.FakeMeter;
import org.infinergi.core.charging.testing.FakePilotHardware;
import org.infinergi.core.charging.testing.FakeProximityPilot;
import org.infinergi.core.charging.testing.FakeResidualCurrentDevice;
import org.infinergi.core.charging.testing.MutableClock;

/**
 * A charging core on fakes, driven cycle by cycle with a clock the test moves. Board sensors and a healthy RDC-DD
 * are bound; an untethered configuration ({@code tethered=false}) also gets a proximity pilot (32 A cable) and a
 * connector lock. Every session and error event the core records is kept.
 */
final class Rig {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final FakePilotHardware pilot = new FakePilotHardware();
    final FakeMeter meter = new FakeMeter(clock);
    final FakeBoardSensors sensors = new FakeBoardSensors();
    final FakeResidualCurrentDevice rdc = new FakeResidualCurrentDevice();
    final FakeProximityPilot pp = new FakeProximityPilot();
    final FakeConnectorLock lock = new FakeConnectorLock();
    final List<SessionRecord> stored = new CopyOnWriteArrayList<>();
    /** "RAISED V2 <detail>" / "CLEARED V2", in order. */
    final List<String> history = new CopyOnWriteArrayList<>();
    /** Where the out-of-service choice is kept (no configuration service: it holds until the rig is dropped). */
    final AvailabilityComponent availability;
    /** The owners of the installation, charging and device PIDs, configured with the same map as the core. */
    final InstallationComponent installation;
    final ChargingComponent charging;
    final DeviceComponent device;
    final ChargingCore core;

    /** Installation complete, charging enabled, wiring 32 A, plus {@code extra} (key, value, key, value …). */
    static Map<String, Object> config(Object... extra) {
        Map<String, Object> m = new HashMap<>();
        m.put("installationComplete", true);
        m.put("chargingEnabled", true);
        m.put("wiringLimitA", 32);
        m.put("model", "INFINERGI-3T-DR");
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }

    Rig() {
        this(config());
    }

    Rig(Map<String, ?> config) {
        this(config, true);
    }

    /**
     * @param started true: run the first cycles (the pilot line settles after the driver's initial state F) so the
     *                core sees the vehicle from the next cycle; T0 is then 150 ms in the past
     */
    Rig(Map<String, ?> config, boolean started) {
        this(config, started, new AvailabilityComponent(Map.of()));
    }

    /** @param availability the out-of-service choice as a restarted charger finds it */
    Rig(Map<String, ?> config, boolean started, AvailabilityComponent availability) {
        this(config, started, availability, null);
    }

    /** @param store where the core keeps sessions and errors; null: the rig's lists ({@link #stored}, {@link #history}) */
    Rig(Map<String, ?> config, boolean started, AvailabilityComponent availability, SessionRecorder store) {
        this.availability = availability;
        this.installation = new InstallationComponent(Map.copyOf(config));
        this.charging = new ChargingComponent(Map.copyOf(config));
        this.device = new DeviceComponent(Map.copyOf(config));
        SessionRecorder recorder = new SessionRecorder() {
            @Override
            public void record(SessionRecord session) {
                stored.add(session);
            }

            @Override
            public void errorRaised(ErrorCode code, Instant at, String detail) {
                history.add("RAISED " + code + " " + detail);
            }

            @Override
            public void errorCleared(ErrorCode code, Instant at) {
                history.add("CLEARED " + code);
            }
        };
        core = new ChargingCore(pilot, store == null ? recorder : store, availability, installation, charging, device, clock, config);
        core.vehicleMeter = meter;
        core.boardSensors = sensors;
        core.residualCurrentDevice = rdc;
        if (Boolean.FALSE.equals(config.get("tethered")) || "false".equals(config.get("tethered"))) {
            core.proximityPilot = pp;
            core.connectorLock = lock;
        }
        if (started) {
            core.step();
            cycle();
            cycle();
            cycle();
        }
    }

    /** Config Admin's view: the same properties reach the owner of each PID and the core. */
    void modified(Map<String, Object> config) {
        installation.modified(config);
        charging.modified(config);
        device.modified(config);
        core.modified(config);
    }

    /** One control cycle after {@code ms} milliseconds. */
    ChargerStatus cycle(long ms) {
        clock.advanceMillis(ms);
        core.step();
        return core.status();
    }

    /** One control cycle 50 ms after the previous one. */
    ChargerStatus cycle() {
        return cycle(50);
    }

    ChargerStatus vehicle(PilotState s) {
        pilot.vehicle(s);
        return cycle();
    }

    /** {@code n} cycles of 50 ms; the last status. */
    ChargerStatus cycles(int n) {
        ChargerStatus s = core.status();
        for (int i = 0; i < n; i++) {
            s = cycle();
        }
        return s;
    }

    /** Plug in (B), let the RDC-DD self-test pass, go to C and run until the contactor is closed. */
    ChargerStatus charging() {
        vehicle(PilotState.B);
        cycles(3);
        ChargerStatus s = vehicle(PilotState.C);
        for (int i = 0; i < 5 && !s.contactorClosed(); i++) {
            s = cycle();
        }
        if (!s.contactorClosed()) {
            throw new AssertionError("did not start charging: " + s);
        }
        return s;
    }
}
