package org.infinergi.feature.ocpp.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnection back-off: the wait doubles with each failed attempt from {@code min} up to {@code max}, and a random
 * part of up to {@code jitter} is added so that many chargers cut off together (a central system restart, a mains
 * outage of a car park) do not all knock again in the same second (the RetryBackoff* keys of OCPP 2.0.1 describe
 * the same scheme).
 */
record Backoff(Duration min, Duration max, Duration jitter) {

    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(5));

    /** The wait before attempt {@code failures + 1}, {@code random} in [0, 1). */
    Duration delay(int failures, DoubleSupplier random) {
        long base = min.toMillis();
        long cap = max.toMillis();
        long grown = base;
        for (int i = 0; i < failures && grown < cap; i++) {
            grown *= 2;
        }
        long jitterMs = (long) (random.getAsDouble() * jitter.toMillis());
        return Duration.ofMillis(Math.min(grown, cap) + jitterMs);
    }
}
