package org.infinergi.feature.schedule.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.ReadingStatus;
import org.infinergi.core.charging.testing.FakeChargerClock;
import org.infinergi.core.charging.testing.FakeDevice;
import org.infinergi.core.charging.testing.FakeInstallation;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.feature.green.api.BoostStatus;
import org.infinergi.feature.green.api.GreenCharging;

/** The charger around the Programmed mode, as the test sets it: clock, installation, label, grid meter, Green. */
final class Site {

    static final ZoneId ROME = ZoneId.of("Europe/Rome");

    final MutableClock time = new MutableClock(Instant.parse("2025-06-02T06:00:00Z"));
    final FakeChargerClock clock = new FakeChargerClock(time, ROME);
    final FakeInstallation installation = new FakeInstallation().wiringLimitA(32);
    final FakeDevice device = new FakeDevice().phases(3);
    volatile ReadingStatus grid = ReadingStatus.FRESH;
    final Green green = new Green();

    final ElectricalReadings readings = new ElectricalReadings() {
        @Override
        public ElectricalReading grid() {
            return new ElectricalReading("GRID", "CT", null, true, grid, null, null, List.of(), null, null);
        }

        @Override
        public ElectricalReading siteLoad() {
            return new ElectricalReading("SITE", "CT", null, true, grid, null, null, List.of(), null, null);
        }

        @Override
        public List<ElectricalReading> all() {
            return List.of(grid());
        }
    };

    /** Green charging: answers what the test sets and records the levels it was asked at. */
    static final class Green implements GreenCharging {
        volatile ModeDecision answer = ModeDecision.power(2500, "surplus 2500 W");
        final List<Integer> askedLevels = new ArrayList<>();

        @Override
        public synchronized ModeDecision decide(int minGreenLevelPct) {
            askedLevels.add(minGreenLevelPct);
            return answer;
        }

        @Override
        public BoostStatus boost() {
            throw new UnsupportedOperationException();
        }

        @Override
        public BoostStatus startBoost() {
            throw new UnsupportedOperationException();
        }

        @Override
        public BoostStatus stopBoost() {
            throw new UnsupportedOperationException();
        }
    }

    ScheduleComponent schedule(Map<String, Object> config) {
        ScheduleComponent c = new ScheduleComponent(clock, installation, device, readings, config);
        c.green = green;
        return c;
    }

    /** The wall clock in Rome shows {@code local} (ISO, e.g. 2025-06-02T08:00). */
    Site at(String local) {
        time.set(java.time.LocalDateTime.parse(local).atZone(ROME).toInstant());
        return this;
    }

    /** An instant given in UTC (to step through the hours daylight saving time changes). */
    Site atUtc(String instant) {
        time.set(Instant.parse(instant));
        return this;
    }

    ZonedDateTime localNow() {
        return clock.now();
    }

    static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("component.name", ScheduleConfig.PID);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
