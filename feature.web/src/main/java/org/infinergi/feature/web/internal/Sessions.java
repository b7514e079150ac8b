package org.infinergi.feature.web.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import org.infinergi.feature.web.internal.WebLogins.Login;

/**
 * The login sessions of the web pages (issue 18): a random token in an HttpOnly cookie, a CSRF token the page sends
 * back in {@code X-CSRF-Token} with every state-changing request, and an idle expiry. Kept in memory only: a restart
 * of the charger or an update of this bundle ends every session and the pages log in again (the passwords are what
 * is durable). A session also ends when the password of its login changes, or the factory reset restores the
 * defaults: it remembers the login's {@linkplain WebLogins#generation generation} it was opened with. At most
 * {@value #MAX_SESSIONS} are kept; one more ends the session idle longest.
 */
final class Sessions {

    static final String COOKIE = "infinergi_session";
    static final int MAX_SESSIONS = 32;
    private static final int TOKEN_BYTES = 32;

    private final Clock clock;
    private final ToLongFunction<Login> generation;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> open = new HashMap<>();
    private volatile Duration idleExpiry;

    Sessions(Clock clock, Duration idleExpiry, ToLongFunction<Login> generation) {
        this.clock = clock;
        this.idleExpiry = idleExpiry;
        this.generation = generation;
    }

    void idleExpiry(Duration expiry) {
        this.idleExpiry = expiry;
    }

    Duration idleExpiry() {
        return idleExpiry;
    }

    /** A new session for {@code login}. */
    synchronized Session open(Login login) {
        Instant now = clock.instant();
        open.values().removeIf(s -> !alive(s, now));
        if (open.size() >= MAX_SESSIONS) {
            open.values().stream().min(Comparator.comparing(Session::lastUsed)).ifPresent(s -> open.remove(s.token));
        }
        Session s = new Session(token(), login, token(), generation.applyAsLong(login), now);
        open.put(s.token, s);
        return s;
    }

    /** The live session of {@code token}, marked as used now; empty when unknown, idle too long or its password changed. */
    synchronized Optional<Session> use(String token) {
        Session s = token == null ? null : open.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!alive(s, now)) {
            open.remove(token);
            return Optional.empty();
        }
        s.used(now);
        return Optional.of(s);
    }

    /** Ends the session of {@code token}, if any. */
    synchronized void close(String token) {
        if (token != null) {
            open.remove(token);
        }
    }

    synchronized int count() {
        return open.size();
    }

    private boolean alive(Session s, Instant now) {
        return now.isBefore(s.lastUsed().plus(idleExpiry)) && s.generation == generation.applyAsLong(s.login);
    }

    private String token() {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
