package org.infinergi.feature.auth.internal;

/**
 * Whether a card may authorize a charge under the given settings, and why (a pure function of the settings).
 *
 * @param valid  true when the charger should be asked to authorize
 * @param reason why, in a sentence
 */
record CardDecision(boolean valid, String reason) {

    static CardDecision of(AuthSettings settings, String configurationError, String uid) {
        switch (settings.mode()) {
            case FREE:
                return new CardDecision(false, "authentication is not required (mode FREE)");
            case CENTRALIZED:
                // Manual §5.7: the list is on the remote system; the OCPP client that would ask it is not installed.
                return new CardDecision(false, "no central system available to validate the card (mode CENTRALIZED)");
            default:
                break;
        }
        String list = settings.mode().name();
        if (settings.blockedCards().contains(uid)) {
            return new CardDecision(false, "card is blocked in the local list (mode " + list + ")");
        }
        if (!settings.cards().contains(uid)) {
            String why = "card is not in the local list (mode " + list + ")";
            return new CardDecision(false, configurationError == null ? why
                    : why + "; the authentication configuration is invalid: " + configurationError);
        }
        return new CardDecision(true, settings.mode() == org.infinergi.feature.auth.api.AuthMode.CENTRALIZED_WITH_LOCAL_LIST
                ? "valid card in the local list (no central system available: the local list decides)"
                : "valid card in the local list");
    }
}
