package org.infinergi.feature.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed logins slowed down per client address (issue 18): the first {@value #FREE_FAILURES} failures cost nothing (a
 * mistyped password), then each one closes the address for twice as long as the one before, from
 * {@link #FIRST_WAIT} up to {@link #LONGEST_WAIT}. A closed address is answered at once (429 with Retry-After), never by
 * holding a Jetty thread: there are 8 of them, and a guesser would otherwise take them all. A success, or
 * {@link #FORGET_AFTER} without a failure, clears the address. At most {@value #CLIENTS} addresses are remembered.
 */
final class LoginBackoff {

    static final int FREE_FAILURES = 3;
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final int CLIENTS = 1024;

    private record Failures(int count, Instant last, Instant closedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> clients = new HashMap<>();

    LoginBackoff(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code client} must still wait before its next login is checked; zero when it may try now. */
    synchronized Duration waitFor(String client) {
        Failures f = clients.get(client);
        Instant now = clock.instant();
        if (f == null || !now.isBefore(f.closedUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.closedUntil());
    }

    /** A wrong login from {@code client}: the wait before its next try. */
    synchronized Duration failed(String client) {
        Instant now = clock.instant();
        Failures before = clients.get(client);
        int count = before == null || forgotten(before, now) ? 1 : before.count() + 1;
        Duration wait = waitAfter(count);
        if (before == null && clients.size() >= CLIENTS) {
            makeRoom(now);
        }
        clients.put(client, new Failures(count, now, now.plus(wait)));
        return wait;
    }

    /** A right login from {@code client}: its failures are forgotten. */
    synchronized void succeeded(String client) {
        clients.remove(client);
    }

    /** The wait after the {@code count}-th failure in a row: 0, 0, 0, 1 s, 2 s, 4 s … 5 min. */
    static Duration waitAfter(int count) {
        if (count <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = count - FREE_FAILURES - 1;
        if (doublings >= 30) {
            return LONGEST_WAIT;
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static boolean forgotten(Failures f, Instant now) {
        return !now.isBefore(f.last().plus(FORGET_AFTER));
    }

    /** Forgets the addresses forgotten anyway; when none is, the one whose wait ends first. */
    private void makeRoom(Instant now) {
        clients.values().removeIf(f -> forgotten(f, now));
        if (clients.size() >= CLIENTS) {
            clients.entrySet().stream().min((a, b) -> a.getValue().closedUntil().compareTo(b.getValue().closedUntil()))
                    .ifPresent(e -> clients.remove(e.getKey()));
        }
    }

    synchronized int remembered() {
        return clients.size();
    }
}
