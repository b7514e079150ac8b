package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.infinergi.core.charging.api.ChargingMode;
import org.junit.jupiter.api.Test;

/**
 * A setting's default and range are written once, in its Metatype annotation: the parser validates against the
 * annotation, and the README's configuration table says the same. Fails when any of the three disagree.
 */
class ConfigurationContractTest {

    /** Each PID: its annotation as the parser reads it, and the parser (previous values: the defaults). */
    private record Pid(MetatypeSpec spec, Class<?> annotation,
            BiFunction<Map<String, Object>, Object, ConfigParser.Result<?>> parser, Object defaults) {
    }

    private static final Map<String, Pid> PIDS = new LinkedHashMap<>();

    static {
        PIDS.put(Pids.INSTALLATION, new Pid(ConfigParser.INSTALLATION, InstallationConfig.class,
                (m, p) -> ConfigParser.installation(m, (InstallationSettings) p), InstallationSettings.DEFAULTS));
        PIDS.put(Pids.CHARGING, new Pid(ConfigParser.CHARGING, ChargingConfig.class,
                (m, p) -> ConfigParser.charging(m, (ChargingSettings) p), ChargingSettings.DEFAULTS));
        PIDS.put(Pids.DEVICE, new Pid(ConfigParser.DEVICE, DeviceConfig.class,
                (m, p) -> ConfigParser.device(m, (DeviceSettings) p), DeviceSettings.DEFAULTS));
        PIDS.put(Pids.CORE, new Pid(ConfigParser.CORE, CoreConfig.class,
                (m, p) -> ConfigParser.core(m, (CoreSettings) p), CoreSettings.DEFAULTS));
        PIDS.put(Pids.THERMAL, new Pid(ConfigParser.THERMAL, ThermalConfig.class,
                (m, p) -> ConfigParser.thermal(m, (ThermalSettings) p), ThermalSettings.DEFAULTS));
        // On a -DR label (MID meter terminal fitted) every option is accepted; elsewhere MID is not (MidMeterTerminalTest).
        PIDS.put(Pids.METERING, new Pid(ConfigParser.METERING, MeteringConfig.class,
                (m, p) -> ConfigParser.metering(m, (MeteringSettings) p, true), MeteringSettings.DEFAULTS));
        PIDS.put(Pids.AVAILABILITY, new Pid(ConfigParser.AVAILABILITY, AvailabilityConfig.class,
                (m, p) -> ConfigParser.outOfService(m, p != null && (Boolean) p), false));
        PIDS.put(Pids.HISTORY, new Pid(ConfigParser.HISTORY, HistoryConfig.class,
                (m, p) -> ConfigParser.databaseFile(m, (String) p), SessionStoreComponent.DEFAULT_DATABASE_FILE));
    }

    @Test
    void theParserReadsEveryAttributeOfTheAnnotation_withTheAnnotationsDefault() throws Exception {
        for (Map.Entry<String, Pid> e : PIDS.entrySet()) {
            Pid pid = e.getValue();
            List<String> methods = Arrays.stream(pid.annotation().getDeclaredMethods()).map(Method::getName).sorted()
                    .toList();
            assertEquals(methods, pid.spec().attributes().keySet().stream().sorted().toList(), e.getKey());
            for (Method m : pid.annotation().getDeclaredMethods()) {
                assertEquals(String.valueOf(m.getDefaultValue()), pid.spec().attribute(m.getName()).dflt(),
                        e.getKey() + " " + m.getName());
            }
            assertEquals(pid.defaults(), pid.parser().apply(Map.of(), null).value(), e.getKey() + " defaults");
        }
    }

    @Test
    void theParserAcceptsTheAnnotationsRange_andRejectsTheWholePidJustOutsideIt() {
        for (Map.Entry<String, Pid> e : PIDS.entrySet()) {
            for (MetatypeSpec.Attribute a : e.getValue().spec().attributes().values()) {
                String where = e.getKey() + " " + a.id();
                for (String ok : accepted(a)) {
                    ConfigParser.Result<?> r = parse(e.getValue(), a.id(), ok);
                    // Thermal thresholds are also checked against each other (warning, recovery < critical).
                    assertTrue(r.errors().stream().allMatch(x -> x.contains("must be below criticalC")),
                            where + "=" + ok + ": " + r.errors());
                }
                for (String bad : rejected(a)) {
                    ConfigParser.Result<?> r = parse(e.getValue(), a.id(), bad);
                    assertFalse(r.accepted(), where + "=" + bad + " accepted");
                    assertEquals(e.getValue().defaults(), r.value(), where + ": the previous values stay");
                    assertTrue(r.errors().get(0).startsWith(e.getKey() + ": " + a.id() + "=" + bad + " rejected"),
                            r.errors().toString());
                }
            }
        }
    }

    /** The enumerations the annotations offer are exactly the values the charger knows. */
    @Test
    void everyOptionOfAnEnumerationIsAValueOfIt() {
        assertEquals(names(ChargingMode.values()), ConfigParser.CHARGING.attribute("activeMode").options());
        assertEquals(names(Earthing.values()), ConfigParser.INSTALLATION.attribute("earthing").options());
        assertEquals(names(MeteringSettings.VehicleMeter.values()),
                ConfigParser.METERING.attribute("vehicleMeter").options());
        assertEquals(names(MeteringSettings.GridMeter.values()),
                ConfigParser.METERING.attribute("gridMeter").options());
    }

    @Test
    void theReadmeDocumentsEveryAttribute_withTheAnnotationsDefaultAndRange() throws IOException {
        Map<String, Map<String, String[]>> readme = readmeTable();
        for (Map.Entry<String, Pid> e : PIDS.entrySet()) {
            Map<String, String[]> rows = readme.getOrDefault(e.getKey(), Map.of());
            assertEquals(e.getValue().spec().attributes().keySet().stream().sorted().toList(),
                    rows.keySet().stream().sorted().toList(), "README rows of " + e.getKey());
            for (MetatypeSpec.Attribute a : e.getValue().spec().attributes().values()) {
                String[] row = rows.get(a.id());
                assertEquals(a.dflt(), row[0], "README default of " + e.getKey() + " " + a.id());
                assertEquals(rangeOf(a), row[1], "README range of " + e.getKey() + " " + a.id());
            }
        }
    }

    private static ConfigParser.Result<?> parse(Pid pid, String key, String value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return pid.parser().apply(m, pid.defaults());
    }

    private static List<String> accepted(MetatypeSpec.Attribute a) {
        if (!a.options().isEmpty()) {
            return a.options();
        }
        return switch (a.type()) {
            case "Boolean" -> List.of("true", "false");
            case "Integer" -> List.of(String.valueOf(a.min()), String.valueOf(a.max()));
            default -> List.of("x");
        };
    }

    private static List<String> rejected(MetatypeSpec.Attribute a) {
        if (a.type().equals("Integer") && !a.options().isEmpty()) {
            return List.of("2".equals(a.options().get(0)) ? "4" : "2");
        }
        return switch (a.type()) {
            case "Boolean" -> List.of("yes");
            case "Integer" -> List.of(String.valueOf(a.min() - 1), String.valueOf(a.max() + 1), "1.5", "many");
            default -> a.options().isEmpty() ? List.of() : List.of("NOT_AN_OPTION");
        };
    }

    /** What the README writes in the range column. */
    private static String rangeOf(MetatypeSpec.Attribute a) {
        if (!a.options().isEmpty()) {
            return String.join("|", a.options());
        }
        return switch (a.type()) {
            case "Boolean" -> "boolean";
            case "Integer" -> a.min() + ".." + a.max();
            default -> "";
        };
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static final Pattern TICKED = Pattern.compile("`([^`]*)`");

    /**
     * README section "Configuration", its table: PID → key → {default, range}. A cell may hold several keys ({@code `a` /
     * `b`}) with their defaults and ranges in the same order; one range for several keys applies to each.
     */
    private static Map<String, Map<String, String[]>> readmeTable() throws IOException {
        Map<String, Map<String, String[]>> table = new HashMap<>();
        String pid = null;
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Configuration");
            }
            String[] cells = line.split("(?<!\\\\)\\|", -1);
            if (!inSection || cells.length != 6 || !cells[2].contains("`")) {
                continue;
            }
            List<String> pidCell = ticked(cells[1]);
            if (!pidCell.isEmpty()) {
                pid = pidCell.get(0);
            }
            List<String> keys = ticked(cells[2]);
            List<String> defaults = ticked(cells[3]);
            String[] ranges = cells[4].trim().split(" / ");
            for (int i = 0; i < keys.size(); i++) {
                String dflt = defaults.isEmpty() ? "" : defaults.get(Math.min(i, defaults.size() - 1));
                String range = ranges[ranges.length == keys.size() ? i : 0].replace("`", "").replace("\\|", "|");
                table.computeIfAbsent(pid, p -> new HashMap<>()).put(keys.get(i),
                        new String[] { dflt, range.equals("non-blank") ? "" : range });
            }
        }
        return table;
    }

    private static List<String> ticked(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = TICKED.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
