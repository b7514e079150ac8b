package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(5));

    @Test
    void theWaitDoublesWithEachFailure_upToTheMaximum() {
        assertEquals(Duration.ofSeconds(5), backoff.delay(0, () -> 0));
        assertEquals(Duration.ofSeconds(10), backoff.delay(1, () -> 0));
        assertEquals(Duration.ofSeconds(20), backoff.delay(2, () -> 0));
        assertEquals(Duration.ofSeconds(160), backoff.delay(5, () -> 0));
        assertEquals(Duration.ofMinutes(5), backoff.delay(6, () -> 0));
        assertEquals(Duration.ofMinutes(5), backoff.delay(10_000, () -> 0));
    }

    @Test
    void theJitterAddsUpToItsRange() {
        assertEquals(Duration.ofMillis(5_000 + 2_500), backoff.delay(0, () -> 0.5));
        assertEquals(Duration.ofMillis(300_000 + 4_999), backoff.delay(9, () -> 0.9999));
    }
}
