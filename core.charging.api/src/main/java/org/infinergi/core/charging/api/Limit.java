package org.infinergi.core.charging.api;

import java.util.Objects;

/**
 * One reason to charge at most {@code amps} per phase. {@code source} names the provider as the user
 * sees it ("wiring limit", "maximum charge rate", "cable capacity" …); {@code detail} says why, or is empty.
 *
 * @param amps   the highest current per phase allowed, in amperes; {@code 0} means "do not charge now"
 * @param source the provider's name, shown as {@code limitedBy} when this limit wins
 * @param detail a short explanation, never null
 */
public record Limit(double amps, String source, String detail) {

    public Limit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detail, "detail");
        if (Double.isNaN(amps) || amps < 0) {
            throw new IllegalArgumentException("Limit of " + source + " must be a current >= 0 A, was " + amps);
        }
    }

    public static Limit of(double amps, String source) {
        return new Limit(amps, source, "");
    }
}
