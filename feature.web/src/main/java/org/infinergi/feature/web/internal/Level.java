package org.infinergi.feature.web.internal;

/**
 * Who may use an endpoint (manual §6.1.2.1): anyone ({@code /api/sim/*} of the sim images), the user login
 * {@code infinergi} (everything but the administrative settings) or the admin login {@code admin}. Ordered: a level
 * covers the ones before it.
 */
enum Level {
    OPEN,
    USER,
    ADMIN;

    /** Whether a login of this level may use an endpoint that needs {@code needed}. */
    boolean covers(Level needed) {
        return compareTo(needed) >= 0;
    }
}
