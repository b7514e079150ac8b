package org.infinergi.feature.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import org.infinergi.feature.web.internal.WebLogins.Login;

/** One login session of the web pages ({@link Sessions}): its login, its CSRF token and when it was last used. */
final class Session {

    final String token;
    final Login login;
    final String csrfToken;
    /** The login's {@link WebLogins#generation} when the session opened: a new password ends it. */
    final long generation;
    private volatile Instant lastUsed;

    Session(String token, Login login, String csrfToken, long generation, Instant opened) {
        this.token = token;
        this.login = login;
        this.csrfToken = csrfToken;
        this.generation = generation;
        this.lastUsed = opened;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void used(Instant at) {
        lastUsed = at;
    }

    /** Whether {@code header} is this session's CSRF token, compared in constant time. */
    boolean csrfMatches(String header) {
        return header != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                header.trim().getBytes(StandardCharsets.UTF_8));
    }
}
