package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.Locale;
import java.util.Set;

import org.infinergi.driver.modbusmeters.bus.SerialDefaults;

/**
 * A checked {@link ModbusMeterConfig}: invalid configuration is refused as a whole with the key named.
 *
 * @param name the configuration's name for logs (its PID)
 */
record MeterSettings(String name, String model, String role, Endpoint endpoint, int slaveId, int pollMs, int timeoutMs,
        int attempts, int holdMs) {

    /** Checks {@code c} whatever models are installed (the model's name is only required). */
    static MeterSettings of(String name, ModbusMeterConfig c) {
        return of(name, c, null);
    }

    /**
     * Checks {@code c}; {@code installed}: the models the vendor bundles carry ({@link InstalledModels}), a model
     * outside them is refused at once with their names (rather than a meter that is never polled and a D9 a minute
     * later).
     */
    static MeterSettings of(String name, ModbusMeterConfig c, Set<String> installed) {
        String p = ModbusMeterConfig.PID + " " + name + ": ";
        String model = trim(c.model()).toUpperCase(Locale.ROOT);
        if (model.isEmpty()) {
            throw new IllegalArgumentException(p + "model is required (e.g. SDM72D)");
        }
        if (installed != null && !installed.contains(model)) {
            throw new IllegalArgumentException(p + "model must be one of the installed models: "
                    + (installed.isEmpty() ? "none (no meter vendor bundle installed)"
                            : String.join(", ", new java.util.TreeSet<>(installed))) + "; was '" + c.model() + "'");
        }
        String role = trim(c.role()).toUpperCase(Locale.ROOT);
        if (!Set.of("VEHICLE", "GRID").contains(role)) {
            throw new IllegalArgumentException(p + "role must be VEHICLE or GRID, was '" + c.role() + "'");
        }
        String port = trim(c.port());
        String host = trim(c.host());
        if (port.isEmpty() == host.isEmpty()) {
            throw new IllegalArgumentException(p + "set either port (serial device) or host (Modbus TCP), not "
                    + (port.isEmpty() ? "neither" : "both"));
        }
        Endpoint endpoint;
        if (!host.isEmpty()) {
            range(p, "tcpPort", c.tcpPort(), 1, 65535);
            String framing = trim(c.framing()).toUpperCase(Locale.ROOT);
            Endpoint.Kind kind = switch (framing) {
                case "TCP" -> Endpoint.Kind.TCP;
                case "RTU_OVER_TCP" -> Endpoint.Kind.RTU_OVER_TCP;
                default -> throw new IllegalArgumentException(p + "framing must be TCP or RTU_OVER_TCP, was '" + c.framing() + "'");
            };
            endpoint = Endpoint.tcp(kind, host, c.tcpPort());
        } else {
            if (!Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200).contains(c.baud())) {
                throw new IllegalArgumentException(p + "baud must be a standard rate 1200..115200, was " + c.baud());
            }
            String parity = trim(c.parity()).toUpperCase(Locale.ROOT);
            if (!Set.of("NONE", "EVEN", "ODD").contains(parity)) {
                throw new IllegalArgumentException(p + "parity must be NONE, EVEN or ODD, was '" + c.parity() + "'");
            }
            range(p, "stopBits", c.stopBits(), 1, 2);
            endpoint = Endpoint.serial(port, c.baud(), parity, c.stopBits());
        }
        range(p, "slaveId", c.slaveId(), 1, 247);
        range(p, "pollMs", c.pollMs(), 100, 60_000);
        range(p, "timeoutMs", c.timeoutMs(), 50, 10_000);
        range(p, "retries", c.retries(), 0, 5);
        range(p, "holdMs", c.holdMs(), 2 * c.pollMs(), 600_000); // two polls: one late answer is no silence
        return new MeterSettings(name, model, role, endpoint, c.slaveId(), c.pollMs(), c.timeoutMs(), c.retries() + 1,
                c.holdMs());
    }

    /**
     * These settings with the model's factory serial settings (manual §4.7) for each of {@code slaveId}, {@code baud},
     * {@code parity}, {@code stopBits} that the configuration does not set ({@code configured}: its keys).
     */
    MeterSettings withDefaults(SerialDefaults d, Set<String> configured) {
        int id = configured.contains("slaveId") ? slaveId : d.slaveId();
        Endpoint e = endpoint;
        if (e.kind() == Endpoint.Kind.SERIAL) {
            e = Endpoint.serial(e.serialPort(), configured.contains("baud") ? e.baud() : d.baud(),
                    configured.contains("parity") ? e.parity() : d.parity(),
                    configured.contains("stopBits") ? e.stopBits() : d.stopBits());
        }
        return new MeterSettings(name, model, role, e, id, pollMs, timeoutMs, attempts, holdMs);
    }

    private static void range(String p, String key, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(p + key + " must be " + min + ".." + max + ", was " + v);
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    /** "SDM72D VEHICLE @ rtu+tcp://127.0.0.1:15020 id 1" */
    String describe() {
        return model + " " + role + " @ " + endpoint + " id " + slaveId;
    }
}
