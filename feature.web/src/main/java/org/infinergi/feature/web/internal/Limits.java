package org.infinergi.feature.web.internal;

/** Query-parameter rules of the sessions API. */
final class Limits {

    static final int DEFAULT = 100;
    static final int MAX = 1000;

    private Limits() {
    }

    /** The {@code limit} parameter: absent → {@value #DEFAULT}; otherwise a whole number 1..{@value #MAX}. */
    static int parseLimit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX + ", was '" + raw + "'");
    }
}
