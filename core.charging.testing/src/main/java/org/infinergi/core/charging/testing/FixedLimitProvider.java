package org.infinergi.core.charging.testing;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;

/** A limit provider whose limit the test sets; {@link #fail} makes it throw. Thread-safe. */
public final class FixedLimitProvider implements LimitProvider {

    private volatile Limit limit;
    private volatile RuntimeException failure;

    public FixedLimitProvider(double amps, String source) {
        this.limit = Limit.of(amps, source);
    }

    public FixedLimitProvider set(double amps) {
        limit = new Limit(amps, limit.source(), limit.detail());
        return this;
    }

    public FixedLimitProvider fail(RuntimeException e) {
        failure = e;
        return this;
    }

    @Override
    public Limit currentLimit() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        return limit;
    }
}
