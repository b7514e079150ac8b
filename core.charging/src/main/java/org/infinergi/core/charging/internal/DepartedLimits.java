package org.infinergi.core.charging.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;

/**
 * A limit provider that goes away keeps its last limit in force for a while. Features can only lower the current:
 * a DLM or Green bundle swapped during a charge (manual §5.9, a signed update applied at once) must not let the
 * current rise to the wiring limit for the second it is gone, over a site's contractual power. The held limit ends
 * when a provider of the same source answers again, or after {@link #HOLD}, so a feature removed for good stops
 * limiting.
 */
final class DepartedLimits {

    /** Longer than any bundle update or restart of a feature takes; short enough not to outlive a removal. */
    static final Duration HOLD = Duration.ofSeconds(60);

    private Map<LimitProvider, Limit> lastAnswers = new IdentityHashMap<>();
    private final Map<String, Held> held = new HashMap<>();

    private record Held(Limit limit, Instant departed) {
    }

    /** Every provider's answer ({@link Limits}), plus the limits held for providers that went away. */
    List<Limit> evaluate(List<LimitProvider> providers, Instant now) {
        Map<LimitProvider, Limit> answers = new IdentityHashMap<>();
        for (LimitProvider p : providers) {
            answers.put(p, Limits.answer(p));
        }
        holdDeparted(answers, now);
        lastAnswers = answers;
        List<Limit> out = new ArrayList<>(answers.values());
        releaseHeld(answers, now);
        held.values().forEach(h -> out.add(heldLimit(h)));
        return out;
    }

    /** A provider that answered last cycle and is gone now leaves its last answer, by source. */
    private void holdDeparted(Map<LimitProvider, Limit> answers, Instant now) {
        lastAnswers.forEach((provider, last) -> {
            if (!answers.containsKey(provider)) {
                held.put(last.source(), new Held(last, now));
            }
        });
    }

    /** A held limit ends when its source answers again or once {@link #HOLD} has passed. */
    private void releaseHeld(Map<LimitProvider, Limit> answers, Instant now) {
        Set<String> answering = new HashSet<>();
        answers.values().forEach(l -> answering.add(l.source()));
        held.values().removeIf(h -> answering.contains(h.limit().source())
                || !now.isBefore(h.departed().plus(HOLD)));
    }

    private static Limit heldLimit(Held h) {
        return new Limit(h.limit().amps(), h.limit().source(), "held since its provider went away at "
                + h.departed() + " (a feature being updated), at most " + HOLD.toSeconds() + " s: "
                + h.limit().detail());
    }
}
