package org.infinergi.core.charging.internal;

import java.util.ArrayList;
import java.util.List;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;

/** Asks every provider for its limit; a provider that fails counts as 0 A (LimitProvider contract). */
final class Limits {

    private Limits() {
    }

    static List<Limit> evaluate(List<LimitProvider> providers) {
        List<Limit> out = new ArrayList<>(providers.size());
        for (LimitProvider p : providers) {
            Limit l;
            try {
                l = p.currentLimit();
                if (l == null) {
                    l = new Limit(0, name(p), "the provider returned no limit; counted as 0 A");
                }
            } catch (RuntimeException | LinkageError e) {
                l = new Limit(0, name(p) + " (failed)", "the provider failed (" + e + "); counted as 0 A");
            }
            out.add(l);
        }
        return out;
    }

    private static String name(LimitProvider p) {
        return "limit provider " + p.getClass().getName();
    }
}
