package org.infinergi.core.charging.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.internal.Timers.Watch;

/**
 * The debounce timers of one cycle: a condition counts once it has held for its time. A timer survives into the
 * next cycle only while its condition is seen (or it is {@linkplain #keep kept}); one cycle without it restarts it.
 */
final class Debounce {

    private final Timers previous;
    private final Instant now;
    private final Map<ErrorCode, Instant> byError = new EnumMap<>(ErrorCode.class);
    private final Map<Watch, Instant> other = new EnumMap<>(Watch.class);

    Debounce(Timers previous, Instant now) {
        this.previous = previous;
        this.now = now;
    }

    /** True once {@code condition}, which confirms {@code code}, has held for {@code ms}. */
    boolean held(ErrorCode code, boolean condition, long ms) {
        if (!condition) {
            return false;
        }
        Instant since = previous.byError().getOrDefault(code, now);
        byError.put(code, since);
        return ms(since, now) >= ms;
    }

    /** True once {@code condition} has held for {@code ms}. */
    boolean held(Watch watch, boolean condition, long ms) {
        if (!condition) {
            return false;
        }
        Instant since = previous.other().getOrDefault(watch, now);
        other.put(watch, since);
        return ms(since, now) >= ms;
    }

    /** Whether {@code watch} was set in the previous cycle. */
    boolean was(Watch watch) {
        return previous.other().containsKey(watch);
    }

    /** When {@code watch} was set, as carried into this cycle, or null. */
    Instant at(Watch watch) {
        return previous.other().get(watch);
    }

    /** Sets {@code watch} for the next cycle, from now. */
    void mark(Watch watch) {
        other.put(watch, now);
    }

    /** Sets {@code watch} for the next cycle to {@code at}. */
    void mark(Watch watch, Instant at) {
        other.put(watch, at);
    }

    /** When {@code watch} was set in the previous cycle, or null. */
    Instant since(Watch watch) {
        return previous.other().get(watch);
    }

    /** Carries {@code watch} into the next cycle unchanged. */
    void keep(Watch watch) {
        other.put(watch, previous.other().get(watch));
    }

    Timers timers() {
        return new Timers(byError, other);
    }

    static long ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
