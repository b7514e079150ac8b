package org.infinergi.core.charging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.infinergi.core.charging.api.ChargingMode;

/**
 * Validates one PID at a time, all or nothing: when any property of a PID is invalid the whole PID is rejected
 * and the caller keeps the previous valid settings of that PID (issue 2 "Bad input"). Values arrive as Config
 * Admin gives them: typed ({@code Integer}, {@code Boolean}) or as strings from {@code etc/*.cfg}.
 */
final class ConfigParser {

    /** Settings of one PID and why the new values were rejected (empty when accepted). */
    record Result<T>(T value, List<String> errors) {

        Result {
            errors = List.copyOf(errors);
        }

        boolean accepted() {
            return errors.isEmpty();
        }
    }

    private ConfigParser() {
    }

    static Result<InstallationSettings> installation(Map<String, ?> props, InstallationSettings previous) {
        Reader r = new Reader(Pids.INSTALLATION, props);
        InstallationSettings d = InstallationSettings.DEFAULTS;
        boolean enabled = r.bool("chargingEnabled", d.chargingEnabled());
        int wiring = r.integer("wiringLimitA", d.wiringLimitA(), 6, 32, "A");
        Earthing earthing = r.enumeration("earthing", Earthing.class, d.earthing());
        boolean complete = r.bool("installationComplete", d.installationComplete());
        return r.result(() -> new InstallationSettings(enabled, wiring, earthing, complete), previous);
    }

    static Result<ChargingSettings> charging(Map<String, ?> props, ChargingSettings previous) {
        Reader r = new Reader(Pids.CHARGING, props);
        ChargingSettings d = ChargingSettings.DEFAULTS;
        ChargingMode mode = r.enumeration("activeMode", ChargingMode.class, d.activeMode());
        int max = r.integer("maxChargeRateA", d.maxChargeRateA(), 6, 32, "A");
        return r.result(() -> new ChargingSettings(mode, max), previous);
    }

    static Result<DeviceSettings> device(Map<String, ?> props, DeviceSettings previous) {
        Reader r = new Reader(Pids.DEVICE, props);
        DeviceSettings d = DeviceSettings.DEFAULTS;
        String model = r.string("model", d.model());
        String serial = r.string("serial", d.serial());
        String mac = r.string("mac", d.mac());
        int phases = r.integer("phases", d.phases(), 1, 3, "");
        if (phases == 2) {
            r.reject("phases", "2", "must be 1 or 3");
        }
        int rated = r.integer("ratedCurrentA", d.ratedCurrentA(), 6, 32, "A");
        boolean tethered = r.bool("tethered", d.tethered());
        return r.result(() -> new DeviceSettings(model, serial, mac, phases, rated, tethered), previous);
    }

    static Result<CoreSettings> core(Map<String, ?> props, CoreSettings previous) {
        Reader r = new Reader(Pids.CORE, props);
        CoreSettings d = CoreSettings.DEFAULTS;
        int period = r.integer("loopPeriodMs", (int) d.loopPeriodMs(), 10, 1000, "ms");
        int grace = r.integer("stopGraceMs", (int) d.stopGraceMs(), 0, 6000, "ms");
        int hold = r.integer("faultHoldMs", (int) d.faultHoldMs(), 0, 5000, "ms");
        int under = r.integer("undervoltageV", d.undervoltageV(), 150, 230, "V");
        int over = r.integer("overvoltageV", d.overvoltageV(), 230, 300, "V");
        int vDebounce = r.integer("voltageDebounceMs", (int) d.voltageDebounceMs(), 0, 60_000, "ms");
        int overloadPct = r.integer("overloadPct", d.overloadPct(), 100, 200, "%");
        int overloadMs = r.integer("overloadMs", (int) d.overloadMs(), 0, 60_000, "ms");
        int relay = r.integer("relayTimeoutMs", (int) d.relayTimeoutMs(), 50, 5000, "ms");
        int lock = r.integer("lockTimeoutMs", (int) d.lockTimeoutMs(), 100, 10_000, "ms");
        int rdc = r.integer("rdcTestTimeoutMs", (int) d.rdcTestTimeoutMs(), 50, 10_000, "ms");
        int diode = r.integer("diodeCheckMs", (int) d.diodeCheckMs(), 0, 5000, "ms");
        int pilotFault = r.integer("pilotFaultMs", (int) d.pilotFaultMs(), 0, 1000, "ms");
        int stale = r.integer("meterStaleMs", (int) d.meterStaleMs(), 1000, 600_000, "ms");
        int boot = r.integer("bootGraceMs", (int) d.bootGraceMs(), 0, 120_000, "ms");
        int stopA = r.integer("stopCurrentA", d.stopCurrentA(), 0, 32, "A");
        boolean rdcReq = r.bool("requireRdcDd", d.requireRdcDd());
        boolean sensorsReq = r.bool("requireBoardSensors", d.requireBoardSensors());
        int authValidity = r.integer("authValidityMs", (int) d.authValidityMs(), 1000, 600_000, "ms");
        int updateTimeout = r.integer("updateTimeoutMs", (int) d.updateTimeoutMs(), 10_000, 3_600_000, "ms");
        int oscillator = r.integer("oscillatorCheckMs", (int) d.oscillatorCheckMs(), 0, 5000, "ms");
        int fresh = r.integer("meterFreshMs", (int) d.meterFreshMs(), 200, 60_000, "ms");
        return r.result(() -> new CoreSettings(period, grace, hold, under, over, vDebounce, overloadPct, overloadMs,
                relay, lock, rdc, diode, pilotFault, stale, boot, stopA, rdcReq, sensorsReq, authValidity,
                updateTimeout, oscillator, fresh), previous);
    }

    static Result<ThermalSettings> thermal(Map<String, ?> props, ThermalSettings previous) {
        Reader r = new Reader(Pids.THERMAL, props);
        ThermalSettings d = ThermalSettings.DEFAULTS;
        int warning = r.integer("warningC", d.warningC(), 0, 150, "°C");
        int critical = r.integer("criticalC", d.criticalC(), 0, 150, "°C");
        int recovery = r.integer("recoveryC", d.recoveryC(), 0, 150, "°C");
        if (r.errors.isEmpty() && !(warning < critical)) {
            r.reject("warningC", warning, "must be below criticalC=" + critical);
        }
        if (r.errors.isEmpty() && !(recovery < critical)) {
            r.reject("recoveryC", recovery, "must be below criticalC=" + critical);
        }
        return r.result(() -> new ThermalSettings(warning, critical, recovery), previous);
    }

    static Result<MeteringSettings> metering(Map<String, ?> props, MeteringSettings previous) {
        Reader r = new Reader(Pids.METERING, props);
        MeteringSettings d = MeteringSettings.DEFAULTS;
        var vehicle = r.enumeration("vehicleMeter", MeteringSettings.VehicleMeter.class, d.vehicleMeter());
        var grid = r.enumeration("gridMeter", MeteringSettings.GridMeter.class, d.gridMeter());
        return r.result(() -> new MeteringSettings(vehicle, grid), previous);
    }

    /** PID {@code org.infinergi.availability}: key {@code outOfService}, absent = in service. */
    static Result<Boolean> outOfService(Map<String, ?> props, boolean previous) {
        Reader r = new Reader(Pids.AVAILABILITY, props);
        boolean out = r.bool("outOfService", false);
        return r.result(() -> out, previous);
    }

    static Result<String> databaseFile(Map<String, ?> props, String previous) {
        Reader r = new Reader(Pids.HISTORY, props);
        String file = r.string("databaseFile", SessionStoreComponent.DEFAULT_DATABASE_FILE);
        if (file.isBlank()) {
            r.reject("databaseFile", file, "must name a file");
        }
        return r.result(() -> file, previous);
    }

    /** Reads typed values of one PID, collecting one message per bad property. */
    private static final class Reader {
        private final String pid;
        private final Map<String, ?> props;
        private final List<String> errors = new ArrayList<>();

        Reader(String pid, Map<String, ?> props) {
            this.pid = pid;
            this.props = props == null ? Map.of() : props;
        }

        void reject(String key, Object value, String why) {
            errors.add(pid + ": " + key + "=" + value + " rejected: " + why);
        }

        <T> Result<T> result(java.util.function.Supplier<T> value, T previous) {
            return errors.isEmpty() ? new Result<>(value.get(), errors) : new Result<>(previous, errors);
        }

        private Object raw(String key) {
            Object v = props.get(key);
            if (v instanceof String s) {
                String t = s.trim();
                return t.isEmpty() ? null : t;
            }
            return v;
        }

        String string(String key, String dflt) {
            Object v = props.get(key);
            return v == null ? dflt : v.toString().trim();
        }

        boolean bool(String key, boolean dflt) {
            Object v = raw(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            String s = v.toString().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.parseBoolean(s);
            }
            reject(key, v, "must be true or false");
            return dflt;
        }

        int integer(String key, int dflt, int min, int max, String unit) {
            Object v = raw(key);
            if (v == null) {
                return dflt;
            }
            double d;
            if (v instanceof Number n) {
                d = n.doubleValue();
            } else {
                try {
                    d = Double.parseDouble(v.toString());
                } catch (NumberFormatException e) {
                    reject(key, v, "not a number");
                    return dflt;
                }
            }
            String range = "must be " + min + ".." + max + (unit.isEmpty() ? "" : " " + unit);
            if (Double.isNaN(d) || d != Math.rint(d)) {
                reject(key, v, "not a whole number; " + range);
                return dflt;
            }
            if (d < min || d > max) {
                reject(key, v, range);
                return dflt;
            }
            return (int) d;
        }

        <E extends Enum<E>> E enumeration(String key, Class<E> type, E dflt) {
            Object v = raw(key);
            if (v == null) {
                return dflt;
            }
            Function<E[], String> names = values -> String.join("|",
                    java.util.Arrays.stream(values).map(Enum::name).toList());
            try {
                return Enum.valueOf(type, v.toString());
            } catch (IllegalArgumentException e) {
                reject(key, v, "unknown value; allowed: " + names.apply(type.getEnumConstants()));
                return dflt;
            }
        }
    }
}
