package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;

class DepartedLimitsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final DepartedLimits limits = new DepartedLimits();

    @Test
    void aDepartedProvidersLimit_isHeldWithWhy() {
        FixedLimitProvider green = new FixedLimitProvider(8, "GREEN");
        FixedLimitProvider wiring = new FixedLimitProvider(32, "wiring");
        limits.evaluate(List.of(green, wiring), T0);
        List<Limit> out = limits.evaluate(List.of(wiring), T0.plusMillis(50));
        Limit held = out.stream().filter(l -> l.source().equals("GREEN")).findFirst().orElseThrow();
        assertEquals(8, held.amps());
        assertTrue(held.detail().startsWith("held since its provider went away"), held.detail());
    }

    @Test
    void theHeldLimitEnds_whenItsSourceAnswersAgain_evenHigher() {
        FixedLimitProvider dlm = new FixedLimitProvider(6, "DLM");
        limits.evaluate(List.of(dlm), T0);
        limits.evaluate(List.of(), T0.plusSeconds(1));
        List<Limit> out = limits.evaluate(List.of(new FixedLimitProvider(20, "DLM")), T0.plusSeconds(2));
        assertEquals(List.of(Limit.of(20, "DLM")), out);
    }

    @Test
    void theHeldLimitEnds_afterTheHold() {
        limits.evaluate(List.of(new FixedLimitProvider(6, "DLM")), T0);
        Instant departed = T0.plusSeconds(1);
        assertEquals(1, limits.evaluate(List.of(), departed).size());
        assertEquals(1, limits.evaluate(List.of(), departed.plus(DepartedLimits.HOLD).minusMillis(1)).size());
        assertEquals(List.of(), limits.evaluate(List.of(), departed.plus(DepartedLimits.HOLD)));
    }

    @Test
    void aFailingProvider_stillCountsAsZero() {
        List<Limit> out = limits.evaluate(List.of(new FixedLimitProvider(16, "thermal")
                .fail(new IllegalStateException("sensor"))), T0);
        assertEquals(0, out.get(0).amps());
    }
}
