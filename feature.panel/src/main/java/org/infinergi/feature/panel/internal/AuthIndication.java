package org.infinergi.feature.panel.internal;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.feature.panel.internal.PanelSituation.Authorisation;

/**
 * The manual §8 authentication rows, driven by the card events of the authentication feature (docs/events.md):
 * "Charging authorization request in progress" from the card until its outcome, then "Valid authentication" or
 * "Failed authentication" for {@link #OUTCOME_MS}. Models without the feature post no card events: NONE.
 * Thread-safe: Event Admin calls {@link #on} on its thread, the panel loop reads {@link #at} on its own.
 */
final class AuthIndication {

    /** How long an outcome shows: the double blink (3 × 350 ms) and a dark pause after it. */
    static final long OUTCOME_MS = 3000;
    /** A request without an outcome (a central system that does not answer) stops showing after this. */
    static final long REQUEST_MS = 30_000;

    private Authorisation shown = Authorisation.NONE;
    private long since;

    /** A card event at {@code now} (the panel's clock); other topics change nothing. */
    synchronized void on(String topic, long now) {
        Authorisation next = switch (topic) {
            case ChargerEvents.CARD_PRESENTED -> Authorisation.REQUEST_IN_PROGRESS;
            case ChargerEvents.CARD_ACCEPTED -> Authorisation.VALID;
            case ChargerEvents.CARD_REFUSED -> Authorisation.FAILED;
            default -> null;
        };
        if (next != null) {
            shown = next;
            since = now;
        }
    }

    /** What the logo shows at {@code now}. */
    synchronized Authorisation at(long now) {
        long limit = shown == Authorisation.REQUEST_IN_PROGRESS ? REQUEST_MS : OUTCOME_MS;
        if (shown != Authorisation.NONE && now - since >= limit) {
            shown = Authorisation.NONE;
        }
        return shown;
    }
}
