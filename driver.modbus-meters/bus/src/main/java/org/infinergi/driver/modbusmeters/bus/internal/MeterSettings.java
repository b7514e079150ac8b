package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.Locale;
import java.util.Set;

/**
 * A checked {@link ModbusMeterConfig}: invalid configuration is refused as a whole with the key named.
 *
 * @param name the configuration's name for logs (its PID)
 */
record MeterSettings(String name, String model, String role, Endpoint endpoint, int slaveId, int pollMs, int timeoutMs,
        int attempts, int holdMs) {

    static MeterSettings of(String name, ModbusMeterConfig c) {
        String p = ModbusMeterConfig.PID + " " + name + ": ";
        String model = trim(c.model()).toUpperCase(Locale.ROOT);
        if (model.isEmpty()) {
            throw new IllegalArgumentException(p + "model is required (e.g. SDM72D)");
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
