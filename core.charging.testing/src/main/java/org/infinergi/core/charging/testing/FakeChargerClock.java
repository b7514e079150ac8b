package org.infinergi.core.charging.testing;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.infinergi.core.charging.api.ChargerClock;

/**
 * The internal clock (manual §5.4) over a clock the test moves ({@link MutableClock}), in a zone, set or not as the
 * test says. Thread-safe.
 */
public final class FakeChargerClock implements ChargerClock {

    private final Clock clock;
    private volatile ZoneId zone;
    private volatile boolean set = true;

    public FakeChargerClock(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public FakeChargerClock set(boolean value) {
        set = value;
        return this;
    }

    public FakeChargerClock zone(ZoneId value) {
        zone = value;
        return this;
    }

    @Override
    public boolean isSet() {
        return set;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public ZonedDateTime now() {
        return clock.instant().atZone(zone);
    }
}
