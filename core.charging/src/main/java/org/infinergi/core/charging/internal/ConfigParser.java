package org.infinergi.core.charging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.config.EmptyValues;

/**
 * Validates one PID at a time, all or nothing: when any property of a PID is invalid the whole PID is rejected
 * and the caller keeps the previous valid settings of that PID (issue 2 "Bad input"). Values arrive as Config
 * Admin gives them: typed ({@code Integer}, {@code Boolean}) or as strings from {@code etc/*.cfg}.
 */
final class ConfigParser {

    /** Settings of one PID and why the new values were rejected (empty when accepted). */
    record Result<T>(T value, List<ConfigurationRejection> rejections) {

        Result {
            rejections = List.copyOf(rejections);
        }

        boolean accepted() {
            return rejections.isEmpty();
        }

        /** One message per bad key: "PID: key=value rejected: why". */
        List<String> errors() {
            return rejections.stream().map(ConfigurationRejection::message).toList();
        }
    }

    /** The Metatype annotations: each PID's defaults and ranges, written once. */
    static final MetatypeSpec INSTALLATION = MetatypeSpec.of(InstallationConfig.class);
    static final MetatypeSpec CHARGING = MetatypeSpec.of(ChargingConfig.class);
    static final MetatypeSpec DEVICE = MetatypeSpec.of(DeviceConfig.class);
    static final MetatypeSpec CORE = MetatypeSpec.of(CoreConfig.class);
    static final MetatypeSpec THERMAL = MetatypeSpec.of(ThermalConfig.class);
    static final MetatypeSpec METERING = MetatypeSpec.of(MeteringConfig.class);
    static final MetatypeSpec AVAILABILITY = MetatypeSpec.of(AvailabilityConfig.class);
    static final MetatypeSpec HISTORY = MetatypeSpec.of(HistoryConfig.class);

    private ConfigParser() {
    }

    /**
     * @param previous the values kept when {@code props} is rejected (null only for an empty {@code props}: the
     *                 annotation's defaults, which are never rejected)
     */
    static Result<InstallationSettings> installation(Map<String, ?> props, InstallationSettings previous) {
        Reader r = new Reader(Pids.INSTALLATION, INSTALLATION, props);
        boolean enabled = r.bool("chargingEnabled");
        int wiring = r.integer("wiringLimitA");
        Earthing earthing = r.enumeration("earthing", Earthing.class);
        boolean complete = r.bool("installationComplete");
        return r.result(() -> new InstallationSettings(enabled, wiring, earthing, complete), previous);
    }

    static Result<ChargingSettings> charging(Map<String, ?> props, ChargingSettings previous) {
        Reader r = new Reader(Pids.CHARGING, CHARGING, props);
        ChargingMode mode = r.enumeration("activeMode", ChargingMode.class);
        int max = r.integer("maxChargeRateA");
        return r.result(() -> new ChargingSettings(mode, max), previous);
    }

    static Result<DeviceSettings> device(Map<String, ?> props, DeviceSettings previous) {
        Reader r = new Reader(Pids.DEVICE, DEVICE, props);
        String model = r.string("model");
        String serial = r.string("serial");
        String mac = r.string("mac");
        int phases = r.integer("phases");
        int rated = r.integer("ratedCurrentA");
        boolean tethered = r.bool("tethered");
        boolean midTerminal = r.bool("midMeterTerminal");
        boolean reader = r.bool("rfidReader");
        return r.result(() -> new DeviceSettings(model, serial, mac, phases, rated, tethered, midTerminal, reader),
                previous);
    }

    static Result<CoreSettings> core(Map<String, ?> props, CoreSettings previous) {
        Reader r = new Reader(Pids.CORE, CORE, props);
        int period = r.integer("loopPeriodMs");
        int grace = r.integer("stopGraceMs");
        int hold = r.integer("faultHoldMs");
        int under = r.integer("undervoltageV");
        int over = r.integer("overvoltageV");
        int vDebounce = r.integer("voltageDebounceMs");
        int overloadPct = r.integer("overloadPct");
        int overloadMs = r.integer("overloadMs");
        int relay = r.integer("relayTimeoutMs");
        int lock = r.integer("lockTimeoutMs");
        int rdc = r.integer("rdcTestTimeoutMs");
        int diode = r.integer("diodeCheckMs");
        int pilotFault = r.integer("pilotFaultMs");
        int stale = r.integer("meterStaleMs");
        int boot = r.integer("bootGraceMs");
        int stopA = r.integer("stopCurrentA");
        boolean rdcReq = r.bool("requireRdcDd");
        boolean sensorsReq = r.bool("requireBoardSensors");
        int authValidity = r.integer("authValidityMs");
        int updateTimeout = r.integer("updateTimeoutMs");
        int oscillator = r.integer("oscillatorCheckMs");
        int fresh = r.integer("meterFreshMs");
        return r.result(() -> new CoreSettings(period, grace, hold, under, over, vDebounce, overloadPct, overloadMs,
                relay, lock, rdc, diode, pilotFault, stale, boot, stopA, rdcReq, sensorsReq, authValidity,
                updateTimeout, oscillator, fresh), previous);
    }

    static Result<ThermalSettings> thermal(Map<String, ?> props, ThermalSettings previous) {
        Reader r = new Reader(Pids.THERMAL, THERMAL, props);
        int warning = r.integer("warningC");
        int critical = r.integer("criticalC");
        int recovery = r.integer("recoveryC");
        if (r.errors.isEmpty() && !(warning < critical)) {
            r.reject("warningC", warning, "must be below criticalC=" + critical);
        }
        if (r.errors.isEmpty() && !(recovery < critical)) {
            r.reject("recoveryC", recovery, "must be below criticalC=" + critical);
        }
        return r.result(() -> new ThermalSettings(warning, critical, recovery), previous);
    }

    /** Why an empty value is refused; the default follows in the message. */
    static final String EMPTY = EmptyValues.EMPTY_VALUE;

    /** Why {@code vehicleMeter=MID} is refused on a model without the MID meter's terminal block. */
    static final String NO_MID_TERMINAL =
            "this model has no RS485 terminal for a MID meter (manual §2.6, §5.2.1.2; -DR models only)";

    /**
     * @param midMeterTerminal the device's label ({@code org.infinergi.device midMeterTerminal}): a MID vehicle
     *                         meter is accepted only when the model has the RS485 terminal block for it
     */
    static Result<MeteringSettings> metering(Map<String, ?> props, MeteringSettings previous,
            boolean midMeterTerminal) {
        Reader r = new Reader(Pids.METERING, METERING, props);
        var vehicle = r.enumeration("vehicleMeter", MeteringSettings.VehicleMeter.class);
        var grid = r.enumeration("gridMeter", MeteringSettings.GridMeter.class);
        if (vehicle == MeteringSettings.VehicleMeter.MID && !midMeterTerminal) {
            r.reject("vehicleMeter", vehicle, NO_MID_TERMINAL);
        }
        return r.result(() -> new MeteringSettings(vehicle, grid), previous);
    }

    /** PID {@code org.infinergi.availability}: key {@code outOfService}, absent = in service. */
    static Result<Boolean> outOfService(Map<String, ?> props, boolean previous) {
        Reader r = new Reader(Pids.AVAILABILITY, AVAILABILITY, props);
        boolean out = r.bool("outOfService");
        return r.result(() -> out, previous);
    }

    static Result<String> databaseFile(Map<String, ?> props, String previous) {
        Reader r = new Reader(Pids.HISTORY, HISTORY, props);
        String file = r.string("databaseFile");
        if (file.isBlank()) {
            r.reject("databaseFile", file, "must name a file");
        }
        return r.result(() -> file, previous);
    }

    /**
     * Reads typed values of one PID, collecting one message per bad property; an absent property takes the
     * annotation's default, a present one must lie in the annotation's range or among its options.
     */
    private static final class Reader {
        private final String pid;
        private final MetatypeSpec spec;
        private final Map<String, ?> props;
        private final List<ConfigurationRejection> errors = new ArrayList<>();

        Reader(String pid, MetatypeSpec spec, Map<String, ?> props) {
            this.pid = pid;
            this.spec = spec;
            this.props = props == null ? Map.of() : props;
        }

        void reject(String key, Object value, String why) {
            errors.add(new ConfigurationRejection(pid, key, String.valueOf(value), why));
        }

        /** The parsed values, or {@code previous} when any property was rejected (the whole PID is). */
        <T> Result<T> result(java.util.function.Supplier<T> value, T previous) {
            return errors.isEmpty() ? new Result<>(value.get(), errors) : new Result<>(previous, errors);
        }

        /**
         * The value of {@code key}, null when the key is absent (the annotation's default applies). An empty value
         * ({@code maxChargeRateA =} in an etc file) of a key that has a value is rejected like any invalid value,
         * never read as "the default": an installer's line emptied by mistake must not raise the offer.
         */
        private Object raw(String key) {
            Object v = props.get(key);
            if (v instanceof String s) {
                String t = s.trim();
                if (t.isEmpty()) {
                    rejectEmpty(key, s);
                    return null;
                }
                return t;
            }
            return v;
        }

        private void rejectEmpty(String key, String value) {
            ConfigurationRejection r = EmptyValues.emptyValue(pid, key, value, spec.attribute(key).dflt());
            if (r != null) {
                errors.add(r);
            }
        }

        String string(String key) {
            Object v = props.get(key);
            if (v == null) {
                return spec.attribute(key).dflt();
            }
            String s = v.toString().trim();
            if (s.isEmpty()) {
                rejectEmpty(key, v.toString());
                return spec.attribute(key).dflt();
            }
            return s;
        }

        boolean bool(String key) {
            boolean dflt = Boolean.parseBoolean(spec.attribute(key).dflt());
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

        int integer(String key) {
            MetatypeSpec.Attribute a = spec.attribute(key);
            int dflt = Integer.parseInt(a.dflt());
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
            String range = rangeOf(a);
            if (Double.isNaN(d) || d != Math.rint(d)) {
                reject(key, v, "not a whole number; " + range);
                return dflt;
            }
            boolean allowed = a.options().isEmpty() ? (a.min() == null || d >= a.min())
                    && (a.max() == null || d <= a.max()) : a.options().contains(String.valueOf((long) d));
            if (!allowed) {
                reject(key, v, range);
                return dflt;
            }
            return (int) d;
        }

        private static String rangeOf(MetatypeSpec.Attribute a) {
            if (!a.options().isEmpty()) {
                return "must be " + String.join(" or ", a.options());
            }
            return "must be " + a.min() + ".." + a.max() + (a.unit().isEmpty() ? "" : " " + a.unit());
        }

        /** An enumeration: the annotation's options are the allowed values (every constant when it lists none). */
        <E extends Enum<E>> E enumeration(String key, Class<E> type) {
            MetatypeSpec.Attribute a = spec.attribute(key);
            E dflt = Enum.valueOf(type, a.dflt());
            Object v = raw(key);
            if (v == null) {
                return dflt;
            }
            List<String> allowed = a.options().isEmpty()
                    ? java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList() : a.options();
            if (!allowed.contains(v.toString())) {
                reject(key, v, "unknown value; allowed: " + String.join("|", allowed));
                return dflt;
            }
            return Enum.valueOf(type, v.toString());
        }
    }
}
