package org.infinergi.sim.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell command {@code sim:ev <action> [maxCurrentA] [phases]} for the service technician, as a
 * Gogo-style service (scope/function properties, no shell API import): Karaf 4.4's shell registers every
 * service carrying {@code osgi.command.scope} and {@code osgi.command.function} (its CommandTracker).
 * Without arguments it prints the world.
 */
@Component(service = SimEvCommand.class, property = {
        "osgi.command.scope=sim",
        "osgi.command.function=ev",
        "osgi.command.description=Move the simulated EV: sim:ev plug|charge|pause|ventilation|full|unplug [maxCurrentA] [phases]"})
public final class SimEvCommand {

    private final SimControl sim;

    @Activate
    public SimEvCommand(@Reference SimControl sim) {
        this.sim = sim;
    }

    /** Prints the world. */
    public String ev() {
        return format(sim.state());
    }

    /** Applies {@code action}. */
    public String ev(String action) {
        return run(action, null, null);
    }

    /** Applies {@code action} with the EV's maximum current. */
    public String ev(String action, double maxCurrentA) {
        return run(action, maxCurrentA, null);
    }

    /** Applies {@code action} with the EV's maximum current and phases. */
    public String ev(String action, double maxCurrentA, int phases) {
        return run(action, maxCurrentA, phases);
    }

    private String run(String action, Double maxCurrentA, Integer phases) {
        EvRequest.Parsed parsed = EvRequest.of(action, maxCurrentA, phases);
        if (parsed.error() != null) {
            return "Error: " + parsed.error().get("error") + "; allowed actions: "
                    + String.join(", ", EvAction.names());
        }
        EvRequest r = parsed.request();
        return format(sim.act(r.action(), r.maxCurrentA(), r.phases()));
    }

    static String format(WorldState s) {
        return String.format(java.util.Locale.ROOT,
                "EV %s (%s), pilot %+.1f/%+.1f V, duty %.1f %%, offer %.1f A, EV max %.1f A on %d phase(s),"
                        + " drawing %.2f A, %.0f W, EV energy %.3f Wh, contactor %s (commanded %s)",
                s.evState(), s.evIntent(), s.pilotPositiveV(), s.pilotNegativeV(), s.dutyCyclePct(),
                s.offeredCurrentA(), s.evMaxCurrentA(), s.evPhases(), s.evCurrentA(), s.evPowerW(),
                s.evEnergyWh(), s.contactor() ? "closed" : "open", s.contactorCommanded() ? "closed" : "open");
    }
}
