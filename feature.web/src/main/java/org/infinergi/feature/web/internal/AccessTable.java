package org.infinergi.feature.web.internal;

import java.util.List;
import java.util.Set;

/**
 * The one place that says which login each {@code /api} endpoint needs (manual §6.1.2.1: the user sees everything but
 * the administrative settings of §7.1). Rules are tried in order; a path under {@code /api} that no rule names needs
 * the admin login, so an endpoint a new bundle adds is closed until it is listed here (deny by default). Paths
 * outside {@code /api} are not this table's business.
 */
final class AccessTable {

    static final String LOGIN_PATH = "/api/login";

    /** Any method. */
    static final Set<String> ANY = Set.of();
    private static final Set<String> READ = Set.of("GET", "HEAD");

    /**
     * A path, or with {@code /*} a path and everything under it; the methods it covers (all when empty); the level.
     * A user rule names its path exactly: what a bundle adds below it (a card list under {@code /api/auth}) stays
     * admin until it is listed.
     */
    record Rule(String pattern, Set<String> methods, Level level) {

        boolean matches(String path, String method) {
            boolean subtree = pattern.endsWith("/*");
            String base = subtree ? pattern.substring(0, pattern.length() - 2) : pattern;
            boolean pathMatches = path.equals(base) || (subtree && path.startsWith(base + "/"));
            return pathMatches && (methods.isEmpty() || methods.contains(method));
        }
    }

    /** The charger's endpoints, whichever bundle serves them. */
    static final AccessTable CHARGER = new AccessTable(List.of(
            // the simulated world of the sim images (ARCHITECTURE.md "Simulation below the drivers"): no charger has it
            new Rule("/api/sim/*", ANY, Level.OPEN),
            // the login of the pages: open, but slowed down per client like every login (Access.check)
            new Rule(LOGIN_PATH, Set.of("POST"), Level.OPEN),
            new Rule("/api/session", READ, Level.USER),
            new Rule("/api/logout", Set.of("POST"), Level.USER),
            // the description of this API: as much as the user may use
            new Rule("/api/openapi.json", READ, Level.USER),
            // Home, History and Info of manual §6.1.2; the multifunction button's requests and Boost (§6.2.1, §5.5)
            new Rule("/api/status", READ, Level.USER),
            new Rule("/api/sessions", READ, Level.USER),
            // History's chart: a session's power over time
            new Rule("/api/sessions/power", READ, Level.USER),
            new Rule("/api/errors", READ, Level.USER),
            new Rule("/api/readings", READ, Level.USER),
            new Rule("/api/info", READ, Level.USER),
            new Rule("/api/control", Set.of("POST"), Level.USER),
            // the authentication mode and the last card (§5.7) may be seen; managing the card list is §7.1.2, Admin
            new Rule("/api/auth", READ, Level.USER),
            // §7.2.3 "User web login": the user's own password
            new Rule("/api/settings/security", Set.of("GET", "HEAD", "PUT"), Level.USER),
            // §7.2.1 Charging and §7.2.2 System, and the list of the sections this model has (SettingsServlet)
            new Rule("/api/settings", READ, Level.USER),
            new Rule("/api/settings/charging", Set.of("GET", "HEAD", "PUT"), Level.USER),
            new Rule("/api/settings/system", Set.of("GET", "HEAD", "PUT"), Level.USER),
            // §7.1 administrative settings (installation, security) and the manual update of §5.9.2
            new Rule("/api/admin/*", ANY, Level.ADMIN),
            new Rule("/api/update/*", ANY, Level.ADMIN)));

    private final List<Rule> rules;

    AccessTable(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The level a request for {@code path} with {@code method} needs; OPEN outside {@code /api}. */
    Level required(String path, String method) {
        if (!underApi(path)) {
            return Level.OPEN;
        }
        for (Rule rule : rules) {
            if (rule.matches(path, method)) {
                return rule.level();
            }
        }
        return Level.ADMIN;
    }

    static boolean underApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    List<Rule> rules() {
        return rules;
    }
}
