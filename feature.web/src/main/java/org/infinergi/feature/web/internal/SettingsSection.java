package org.infinergi.feature.web.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One section of settings of manual §7 as the web shows it: which keys of which PID (ARCHITECTURE.md configuration
 * contract) make it, in the manual's order, grouped as the manual groups them. What each key is (its label, type,
 * default, range, options) is not written here: it is the owner's Metatype, asked of the runtime
 * ({@link SettingsForms}), so a group whose PID no installed bundle describes is not shown (no Green without
 * feature.green), and a key the owner does not declare (the display's items on a model without display) neither.
 *
 * @param name  the section's name in its path
 * @param path  where the API serves it
 * @param level who may read and change it
 * @param groups the manual's groups, in order
 */
record SettingsSection(String name, String path, Level level, List<Group> groups) {

    /**
     * @param id   the group's name (the pages' words are keyed by it)
     * @param pid  the configuration PID that holds its keys
     * @param keys its keys in the manual's order; empty: every key the PID's Metatype declares (the six programs)
     */
    record Group(String id, String pid, List<String> keys) {
    }

    static final String INSTALLATION_PATH = "/api/admin/installation";
    static final String SETTINGS_PATH = "/api/settings";

    /** Manual §7.1.1 "Installation", the first configuration of §4.10.2. */
    static final SettingsSection INSTALLATION = new SettingsSection("installation", INSTALLATION_PATH, Level.ADMIN,
            List.of(new Group("installation", "org.infinergi.installation",
                    List.of("chargingEnabled", "wiringLimitA", "earthing", "installationComplete"))));

    /** Manual §7.2.1 "Charging": every row of its table, in its order. */
    static final SettingsSection CHARGING = new SettingsSection("charging", SETTINGS_PATH + "/charging", Level.USER,
            List.of(new Group("charging", "org.infinergi.charging", List.of("activeMode", "maxChargeRateA")),
                    new Group("dlm", "org.infinergi.dlm", List.of("maxGridImportW")),
                    new Group("boost", "org.infinergi.green", List.of("boostEnergyWh")),
                    new Group("meters", "org.infinergi.metering", List.of("vehicleMeter", "gridMeter")),
                    new Group("green", "org.infinergi.green", List.of("minGreenLevelPct", "minExportedW")),
                    new Group("programmed", "org.infinergi.schedule", List.of()),
                    new Group("ocpp", "org.infinergi.ocpp",
                            List.of("url", "chargePointId", "authorizationMode", "staticIdTag"))));

    /**
     * Manual §7.2.2 "System": date and time (the internal clock, §5.4) and its time zone; the display's language,
     * brightness and switch-off, and the buttons' sound, once their owner declares them.
     */
    static final SettingsSection SYSTEM = new SettingsSection("system", SETTINGS_PATH + "/system", Level.USER,
            List.of(new Group("system", "org.infinergi.system", List.of("dateTime", "timeZone", "language",
                    "brightnessPct", "displayOffS")),
                    // the buttons' sound is the front panel's, which owns the buzzer (models without it: no group)
                    new Group("panel", "org.infinergi.panel", List.of("buttonsSound"))));

    /** Every section this bundle serves from the Metatype (§7.2.3's web login is {@link SecurityServlet}'s). */
    static final List<SettingsSection> ALL = List.of(INSTALLATION, CHARGING, SYSTEM);

    /**
     * A choice that is only offered when the bundle behind it is installed: the Active mode Green needs
     * feature.green, Programmed feature.schedule, OCPP feature.ocpp (manual §5.1) — asked of the runtime as whether
     * the PID is described, never a list of models.
     */
    static final Map<String, Map<String, String>> OPTION_NEEDS = Map.of("activeMode",
            Map.of("GREEN", "org.infinergi.green", "PROGRAMMED", "org.infinergi.schedule", "OCPP", "org.infinergi.ocpp"));

    /** The section served at {@code path}. */
    static Optional<SettingsSection> at(String path) {
        return ALL.stream().filter(s -> s.path.equals(path)).findFirst();
    }

    /** Every PID of this section. */
    List<String> pids() {
        return groups.stream().map(Group::pid).distinct().toList();
    }
}
