package org.infinergi.feature.update.internal;

import java.util.Collection;
import java.util.stream.Collectors;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.hal.PilotHardware;

/**
 * Manual §5.9 asks that an update during a charge waits for the end of the session. That matters only for a bundle
 * the running session depends on; any other bundle is swapped at once, the car charging on (issue 14: a meter vendor
 * bundle, the web, authentication). Decided from the framework's wiring ({@link BundleRole}), in this order:
 * <ol>
 * <li>it registers {@link ChargerControl}: the charging core (its loop drives the contactor);</li>
 * <li>it registers {@link PilotHardware}: the pilot driver (pilot PWM and contactor);</li>
 * <li>it exports a package another bundle is wired to: an API, whose update refreshes every importer;</li>
 * <li>the pilot driver uses one of its services (e.g. the board's I/O context): the driver would stop with it;</li>
 * <li>the core uses one of its hardware contracts ({@code core.charging.hal}: a meter, the panel board, a sensor):
 *     while it is replaced the core misses that hardware and may raise its error (D1, D9, …) and stop the charge.</li>
 * </ol>
 * Services of the API package the core can do without for a moment (the authorization, a limit provider) keep a
 * bundle off the charging path: without them the session goes on with the last answer or the safe limit.
 */
final class ChargingPath {

    private static final String HAL = PilotHardware.class.getPackageName();

    /**
     * @param waits whether the update waits for the end of the charging session
     * @param reason the sentence the status shows: why it waits, or why it does not
     */
    record Verdict(boolean waits, String reason) {
    }

    private ChargingPath() {
    }

    static Verdict of(BundleRole b) {
        String name = b.symbolicName();
        if (b.provides().contains(ChargerControl.class.getName())) {
            return waits(name + " is the charging core");
        }
        if (b.provides().contains(PilotHardware.class.getName())) {
            return waits(name + " is the pilot driver");
        }
        if (!b.exportsInUse().isEmpty()) {
            return waits(name + " exports an API (" + sorted(b.exportsInUse())
                    + ") that other bundles import: updating it refreshes them");
        }
        if (!b.usedByPilotDriver().isEmpty()) {
            return waits(name + " provides " + simple(b.usedByPilotDriver()) + " to the pilot driver");
        }
        var hardware = b.usedByCore().stream().filter(c -> c.startsWith(HAL + ".")).collect(Collectors.toList());
        if (!hardware.isEmpty()) {
            return waits(name + " provides the hardware contract " + simple(hardware) + " to the charging core");
        }
        return new Verdict(false, name + " is not on the charging path");
    }

    private static Verdict waits(String reason) {
        return new Verdict(true, reason);
    }

    private static String sorted(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }

    private static String simple(Collection<String> classes) {
        return classes.stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).sorted()
                .collect(Collectors.joining(", "));
    }
}
