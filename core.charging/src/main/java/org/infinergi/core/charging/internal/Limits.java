package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;

/** A provider's answer; a provider that fails counts as 0 A (LimitProvider contract). */
final class Limits {

    private Limits() {
    }

    /** One provider's limit; one that fails or answers nothing counts as 0 A. */
    static Limit answer(LimitProvider p) {
        try {
            Limit l = p.currentLimit();
            return l != null ? l : new Limit(0, name(p), "the provider returned no limit; counted as 0 A");
        } catch (RuntimeException | LinkageError e) {
            return new Limit(0, name(p) + " (failed)", "the provider failed (" + e + "); counted as 0 A");
        }
    }

    private static String name(LimitProvider p) {
        return "limit provider " + p.getClass().getName();
    }
}
