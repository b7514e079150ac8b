package org.infinergi.feature.auth.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell command {@code auth:cards} (the technician's console): the mode, the local list with each card's state
 * (valid / blocked) and the last outcome. The list is edited through Config Admin ({@code config:edit org.infinergi.auth}).
 */
@Component(service = AuthCardsCommand.class, property = {
        "osgi.command.scope=auth",
        "osgi.command.function=cards",
        "osgi.command.description=Authentication mode, local card list and the last card's outcome"})
public final class AuthCardsCommand {

    private final AuthView auth;

    @Activate
    public AuthCardsCommand(@Reference AuthView auth) {
        this.auth = auth;
    }

    public String cards() {
        AuthSettings s = auth.settings();
        StringBuilder out = new StringBuilder();
        out.append("mode: ").append(s.mode()).append(s.required() ? " (authentication required)" : " (free charging)")
                .append('\n');
        if (auth.configurationError() != null) {
            out.append("configuration rejected: ").append(auth.configurationError()).append('\n');
        }
        for (String uid : s.cards().stream().sorted().toList()) {
            out.append("  ").append(uid).append(s.blockedCards().contains(uid) ? "  BLOCKED" : "  valid").append('\n');
        }
        for (String uid : s.blockedCards().stream().filter(u -> !s.cards().contains(u)).sorted().toList()) {
            out.append("  ").append(uid).append("  BLOCKED (not in the list)").append('\n');
        }
        if (s.cards().isEmpty() && s.blockedCards().isEmpty()) {
            out.append("  (no cards)\n");
        }
        auth.lastOutcome().ifPresent(o -> out.append("last card: ").append(o.uid()).append(' ')
                .append(o.accepted() ? "accepted" : "refused").append(" at ").append(o.at()).append(": ")
                .append(o.reason()).append('\n'));
        return out.toString();
    }
}
