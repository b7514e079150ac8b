package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.infinergi.core.charging.testing.MutableClock;
import org.junit.jupiter.api.Test;

class LoginBackoffTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginBackoff backoff = new LoginBackoff(clock);

    @Test
    void threeMistakesAreFreeThenEachFailureDoublesTheWait() {
        assertEquals(Duration.ZERO, backoff.failed("192.0.2.1"));
        assertEquals(Duration.ZERO, backoff.failed("192.0.2.1"));
        assertEquals(Duration.ZERO, backoff.failed("192.0.2.1"));
        assertEquals(Duration.ZERO, backoff.waitFor("192.0.2.1"));
        assertEquals(Duration.ofSeconds(1), backoff.failed("192.0.2.1"));
        assertEquals(Duration.ofSeconds(1), backoff.waitFor("192.0.2.1"));
        clock.advanceMillis(400);
        assertEquals(Duration.ofMillis(600), backoff.waitFor("192.0.2.1"));
        clock.advanceMillis(600);
        assertEquals(Duration.ZERO, backoff.waitFor("192.0.2.1"));
        assertEquals(Duration.ofSeconds(2), backoff.failed("192.0.2.1"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(4), backoff.failed("192.0.2.1"));
    }

    @Test
    void theWaitStopsGrowingAtFiveMinutes() {
        assertEquals(Duration.ofSeconds(256), LoginBackoff.waitAfter(12));
        assertEquals(Duration.ofMinutes(5), LoginBackoff.waitAfter(13));
        assertEquals(Duration.ofMinutes(5), LoginBackoff.waitAfter(1000));
    }

    @Test
    void otherAddressesAreNotSlowedDown() {
        for (int i = 0; i < 6; i++) {
            backoff.failed("192.0.2.1");
        }
        assertEquals(Duration.ofSeconds(4), backoff.waitFor("192.0.2.1"));
        assertEquals(Duration.ZERO, backoff.waitFor("192.0.2.2"));
        assertEquals(Duration.ZERO, backoff.failed("192.0.2.2"));
    }

    @Test
    void aSuccessOrAnHourWithoutFailureForgetsTheFailures() {
        for (int i = 0; i < 5; i++) {
            backoff.failed("192.0.2.1");
            backoff.failed("192.0.2.3");
        }
        backoff.succeeded("192.0.2.1");
        assertEquals(Duration.ZERO, backoff.waitFor("192.0.2.1"));
        assertEquals(Duration.ZERO, backoff.failed("192.0.2.1"), "counting starts again");
        clock.advance(LoginBackoff.FORGET_AFTER);
        assertEquals(Duration.ZERO, backoff.failed("192.0.2.3"), "counting starts again");
    }

    @Test
    void aFloodOfAddressesIsRememberedInBoundedSpace() {
        for (int i = 0; i < LoginBackoff.CLIENTS + 500; i++) {
            backoff.failed("2001:db8::" + Integer.toHexString(i));
        }
        assertEquals(LoginBackoff.CLIENTS, backoff.remembered());
    }
}
