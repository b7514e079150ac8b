package org.infinergi.core.charging.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until the test moves it (CONVENTIONS §9: move time, never sleep). Thread-safe. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public MutableClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves time forward (or back, with a negative duration). */
    public MutableClock advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
        return this;
    }

    public MutableClock advanceMillis(long ms) {
        return advance(Duration.ofMillis(ms));
    }

    public MutableClock set(Instant instant) {
        now.set(instant);
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that moves with this one. */
    @Override
    public Clock withZone(ZoneId z) {
        return new MutableClock(now, z);
    }
}
