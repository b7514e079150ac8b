package org.infinergi.feature.auth.internal;

/**
 * Whether a card may authorize a charge under the given settings, and why (a pure function of the settings).
 *
 * @param valid      true when the charger should be asked to authorize
 * @param reason     why, in a sentence
 * @param askCentral true when the central system decides (manual §5.7 Centralized; Centralized with local list for a
 *                   card the local list does not hold); {@code valid} is then false until it answers
 */
record CardDecision(boolean valid, String reason, boolean askCentral) {

    CardDecision(boolean valid, String reason) {
        this(valid, reason, false);
    }

    static CardDecision of(AuthSettings settings, String configurationError, String uid) {
        switch (settings.mode()) {
            case FREE:
                return new CardDecision(false, "authentication is not required (mode FREE)");
            case CENTRALIZED:
                // Manual §5.7: "the list of valid cards is saved on a remote system"
                return new CardDecision(false, "the central system decides (mode CENTRALIZED)", true);
            default:
                break;
        }
        String list = settings.mode().name();
        if (settings.blockedCards().contains(uid)) {
            return new CardDecision(false, "card is blocked in the local list (mode " + list + ")");
        }
        if (!settings.cards().contains(uid) && settings.mode() == org.infinergi.feature.auth.api.AuthMode.CENTRALIZED_WITH_LOCAL_LIST) {
            // Manual §5.7: "both as a request to a remote system and by checking the local list"
            return new CardDecision(false, "card is not in the local list: the central system decides (mode "
                    + list + ")", true);
        }
        if (!settings.cards().contains(uid)) {
            String why = "card is not in the local list (mode " + list + ")";
            return new CardDecision(false, configurationError == null ? why
                    : why + "; the authentication configuration is invalid: " + configurationError);
        }
        return new CardDecision(true, settings.mode() == org.infinergi.feature.auth.api.AuthMode.CENTRALIZED_WITH_LOCAL_LIST
                ? "valid card in the local list (the local list decides)"
                : "valid card in the local list");
    }
}
