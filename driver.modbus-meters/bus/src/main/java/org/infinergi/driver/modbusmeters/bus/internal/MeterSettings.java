package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.infinergi.core.charging.api.ConfigurationRejection;

import org.infinergi.driver.modbusmeters.bus.SerialDefaults;

/**
 * A checked {@link ModbusMeterConfig}: invalid configuration is refused as a whole, every bad key named.
 *
 * @param name the configuration's name for logs (its PID)
 */
record MeterSettings(String name, String model, String role, Endpoint endpoint, int slaveId, int pollMs, int timeoutMs,
        int attempts, int holdMs) {

    /** Checks {@code c} whatever models are installed (the model's name is only required). */
    static MeterSettings of(String name, ModbusMeterConfig c) {
        return of(name, c, null);
    }

    /** A configuration refused: every bad key, as {@code /api/status} lists it. */
    static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient List<ConfigurationRejection> rejections;

        Refused(List<ConfigurationRejection> rejections) {
            super(String.join("; ", rejections.stream().map(ConfigurationRejection::message).toList()));
            this.rejections = List.copyOf(rejections);
        }

        List<ConfigurationRejection> rejections() {
            return rejections;
        }
    }

    /**
     * Checks {@code c}; {@code installed}: the models the vendor bundles carry ({@link InstalledModels}), a model
     * outside them is refused at once with their names (rather than a meter that is never polled and a D9 a minute
     * later). {@code name} is the configuration's PID, named by each rejection.
     *
     * @throws Refused naming every bad key
     */
    static MeterSettings of(String name, ModbusMeterConfig c, Set<String> installed) {
        List<ConfigurationRejection> bad = new ArrayList<>();
        String model = trim(c.model()).toUpperCase(Locale.ROOT);
        if (model.isEmpty()) {
            bad.add(rejection(name, "model", c.model(), "a model is required (e.g. SDM72D)"));
        } else if (installed != null && !installed.contains(model)) {
            bad.add(rejection(name, "model", c.model(), "must be one of the installed models: "
                    + (installed.isEmpty() ? "none (no meter vendor bundle installed)"
                            : String.join(", ", new TreeSet<>(installed)))));
        }
        String role = trim(c.role()).toUpperCase(Locale.ROOT);
        if (!Set.of("VEHICLE", "GRID").contains(role)) {
            bad.add(rejection(name, "role", c.role(), "must be VEHICLE or GRID"));
        }
        Endpoint endpoint = endpoint(name, c, bad);
        range(bad, name, "slaveId", c.slaveId(), 1, 247);
        range(bad, name, "pollMs", c.pollMs(), 100, 60_000);
        range(bad, name, "timeoutMs", c.timeoutMs(), 50, 10_000);
        range(bad, name, "retries", c.retries(), 0, 5);
        range(bad, name, "holdMs", c.holdMs(), 2 * c.pollMs(), 600_000); // two polls: one late answer is no silence
        if (!bad.isEmpty()) {
            throw new Refused(bad);
        }
        return new MeterSettings(name, model, role, endpoint, c.slaveId(), c.pollMs(), c.timeoutMs(), c.retries() + 1,
                c.holdMs());
    }

    private static Endpoint endpoint(String name, ModbusMeterConfig c, List<ConfigurationRejection> bad) {
        String port = trim(c.port());
        String host = trim(c.host());
        if (port.isEmpty() == host.isEmpty()) {
            bad.add(rejection(name, port.isEmpty() ? "port" : "host", port.isEmpty() ? "" : host,
                    "set either port (serial device) or host (Modbus TCP), not " + (port.isEmpty() ? "neither" : "both")));
            return null;
        }
        if (!host.isEmpty()) {
            range(bad, name, "tcpPort", c.tcpPort(), 1, 65535);
            Endpoint.Kind kind = switch (trim(c.framing()).toUpperCase(Locale.ROOT)) {
                case "TCP" -> Endpoint.Kind.TCP;
                case "RTU_OVER_TCP" -> Endpoint.Kind.RTU_OVER_TCP;
                default -> null;
            };
            if (kind == null) {
                bad.add(rejection(name, "framing", c.framing(), "must be TCP or RTU_OVER_TCP"));
                return null;
            }
            return Endpoint.tcp(kind, host, c.tcpPort());
        }
        if (!Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200).contains(c.baud())) {
            bad.add(rejection(name, "baud", String.valueOf(c.baud()), "must be a standard rate 1200..115200"));
        }
        String parity = trim(c.parity()).toUpperCase(Locale.ROOT);
        if (!Set.of("NONE", "EVEN", "ODD").contains(parity)) {
            bad.add(rejection(name, "parity", c.parity(), "must be NONE, EVEN or ODD"));
        }
        range(bad, name, "stopBits", c.stopBits(), 1, 2);
        return Endpoint.serial(port, c.baud(), parity, c.stopBits());
    }

    private static ConfigurationRejection rejection(String name, String key, String value, String reason) {
        return new ConfigurationRejection(name, key, value == null ? "" : value, reason);
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

    private static void range(List<ConfigurationRejection> bad, String name, String key, int v, int min, int max) {
        if (v < min || v > max) {
            bad.add(rejection(name, key, String.valueOf(v), "must be " + min + ".." + max));
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
