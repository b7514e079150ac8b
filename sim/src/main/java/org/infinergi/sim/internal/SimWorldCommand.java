package org.infinergi.sim.internal;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell commands {@code sim:fault <code> <true|false> [variant]}, {@code sim:cable <ohm|none>} and
 * {@code sim:temperature <celsius>} (Gogo-style service, as {@link SimEvCommand}). {@code sim:fault}
 * without arguments lists the injected causes and every code's physical cause.
 */
@Component(service = SimWorldCommand.class, property = {
        "osgi.command.scope=sim",
        "osgi.command.function=fault",
        "osgi.command.function=cable",
        "osgi.command.function=temperature",
        "osgi.command.description=Physical causes of faults, cable and enclosure temperature of the simulated world"})
public final class SimWorldCommand {

    private final SimControl sim;

    @Activate
    public SimWorldCommand(@Reference SimControl sim) {
        this.sim = sim;
    }

    /** Lists the active causes and every code. */
    public String fault() {
        StringBuilder out = new StringBuilder("Active: ");
        var active = sim.state().faults();
        out.append(active.isEmpty() ? "none" : active.stream().map(f -> f.fault() + " (" + f.variant() + ")")
                .collect(Collectors.joining(", ")));
        out.append(System.lineSeparator()).append("Usage: sim:fault <code> <true|false> [variant]");
        for (SimFault f : SimFault.values()) {
            out.append(System.lineSeparator()).append(f.name()).append(": ");
            if (f.simulated()) {
                out.append(f.variants().stream().map(v -> (f.variants().size() > 1 ? v + " = " : "") + f.cause(v))
                        .collect(Collectors.joining("; ")));
            } else {
                out.append(f.notSimulatedReason());
            }
        }
        return out.toString();
    }

    /** Injects or removes the default cause of {@code code}. */
    public String fault(String code, String active) {
        return fault(code, active, null);
    }

    /** Injects or removes the {@code variant} cause of {@code code}. */
    public String fault(String code, String active, String variant) {
        var parsed = SimRequests.fault(code, active, variant);
        if (parsed.error() != null) {
            return error(parsed.error());
        }
        var r = parsed.value();
        try {
            return SimEvCommand.format(sim.fault(r.fault(), r.variant(), r.active())) + System.lineSeparator()
                    + "faults: " + sim.state().faults().stream().map(f -> f.fault()).toList();
        } catch (SimRejected e) {
            return "Error: " + e.getMessage();
        }
    }

    /** Puts a cable of {@code ohm} in the socket; "none" removes it. */
    public String cable(String ohm) {
        SimRequests.Parsed<SimRequests.CableRequest> parsed;
        if ("none".equalsIgnoreCase(ohm.trim())) {
            parsed = new SimRequests.Parsed<>(new SimRequests.CableRequest(null), null);
        } else {
            parsed = SimRequests.cable(number(ohm), ohm);
        }
        if (parsed.error() != null) {
            return error(parsed.error());
        }
        try {
            WorldState s = sim.cable(parsed.value().resistanceOhm());
            return "cable " + (s.cableResistanceOhm() == null ? "none" : s.cableResistanceOhm() + " Ω")
                    + ", PP sees " + (s.ppResistanceOhm() == null ? "open" : s.ppResistanceOhm() + " Ω");
        } catch (SimRejected e) {
            return "Error: " + e.getMessage();
        }
    }

    /** Sets the enclosure temperature. */
    public String temperature(String celsius) {
        var parsed = SimRequests.temperature(number(celsius), celsius);
        if (parsed.error() != null) {
            return error(parsed.error());
        }
        WorldState s = sim.temperature(parsed.value());
        return String.format(Locale.ROOT, "enclosure %.1f °C, NTC sees %.1f °C", s.temperatureSetC(), s.temperatureC());
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String error(Map<String, Object> body) {
        StringBuilder out = new StringBuilder("Error: ").append(body.get("error"));
        if (body.containsKey("allowedFaults")) {
            out.append("; allowed faults: ").append(String.join(", ", SimFault.names()));
        }
        if (body.containsKey("allowedVariants")) {
            out.append("; allowed variants: ").append(body.get("allowedVariants"));
        }
        return out.toString();
    }
}
