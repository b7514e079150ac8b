package org.infinergi.feature.auth.api;

import java.time.Instant;

/**
 * What became of a presented card.
 *
 * @param accepted true when the card was valid and the charger took the authorization
 * @param uid      the card's UID, upper-case hexadecimal
 * @param reason   a sentence for the user or the technician (why it was refused, or what it authorized)
 * @param at       when the card was presented
 */
public record AuthOutcome(boolean accepted, String uid, String reason, Instant at) {
}
