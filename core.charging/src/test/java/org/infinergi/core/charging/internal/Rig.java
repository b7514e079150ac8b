package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.testing.FakeMeter;
import org.infinergi.core.charging.testing.FakePilotHardware;
import org.infinergi.core.charging.testing.MutableClock;

/** A charging core on fakes, driven cycle by cycle with a clock the test moves. */
final class Rig {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final FakePilotHardware pilot = new FakePilotHardware();
    final FakeMeter meter = new FakeMeter(clock);
    final List<SessionRecord> stored = new CopyOnWriteArrayList<>();
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
        core = new ChargingCore(pilot, stored::add, clock, config);
        core.setVehicleMeter(meter);
    }

    private java.util.function.Consumer<Map<String, Object>> alsoModified = c -> { };

    /** Config Admin's view: the same merged properties reach the core and the built-in providers. */
    void onModified(java.util.function.Consumer<Map<String, Object>> consumer) {
        alsoModified = consumer;
    }

    void modified(Map<String, Object> config) {
        core.modified(config);
        alsoModified.accept(config);
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
}
