package org.infinergi.feature.auth.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The authentication feature's state. A user interface that signals outcomes (the logo's double blink, manual §8)
 * listens to the card events instead ({@code ChargerEvents.CARD_ALL}, docs/events.md), which need no import of
 * this package.
 */
@ProviderType
public interface AuthenticationStatus {

    /** The mode in force. */
    AuthMode mode();

    /** Whether a vehicle waits for a card before it charges. */
    boolean required();

    /** The outcome of the last card presented while authentication was required; empty before the first. */
    Optional<AuthOutcome> lastOutcome();
}
