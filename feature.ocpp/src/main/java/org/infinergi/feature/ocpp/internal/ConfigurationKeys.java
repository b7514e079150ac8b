package org.infinergi.feature.ocpp.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The configuration keys the central system reads with GetConfiguration and writes with ChangeConfiguration (OCPP
 * 1.6 §9.1, the Core profile's keys this charger has so far). Each key knows whether it may be written and which
 * values it accepts; unknown keys are reported as unknown, a read-only key or a value out of range is Rejected.
 * Not kept across restarts yet (README).
 */
final class ConfigurationKeys {

    static final String HEARTBEAT_INTERVAL = "HeartbeatInterval";
    static final String GET_CONFIGURATION_MAX_KEYS = "GetConfigurationMaxKeys";
    static final int MAX_KEYS = 50;

    /** One key: its value, and null as validator for a read-only key. */
    private record Key(String value, Predicate<String> valid) {
        boolean readonly() {
            return valid == null;
        }
    }

    /** ChangeConfiguration.conf's statuses. */
    enum Change { Accepted, Rejected, RebootRequired, NotSupported }

    /** A key as GetConfiguration.conf lists it. */
    record Entry(String key, boolean readonly, String value) {
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();

    ConfigurationKeys(int heartbeatIntervalS) {
        keys.put(HEARTBEAT_INTERVAL, new Key(Integer.toString(heartbeatIntervalS), positiveSeconds()));
        keys.put("ConnectionTimeOut", new Key("60", positiveSeconds()));
        keys.put("MeterValueSampleInterval", new Key("0", seconds()));
        keys.put("ClockAlignedDataInterval", new Key("0", seconds()));
        keys.put("ResetRetries", new Key("1", seconds()));
        keys.put("NumberOfConnectors", new Key("1", null));
        keys.put("SupportedFeatureProfiles", new Key("Core", null));
        keys.put(GET_CONFIGURATION_MAX_KEYS, new Key(Integer.toString(MAX_KEYS), null));
    }

    /** GetConfiguration: every key when {@code requested} is empty. */
    List<Entry> get(List<String> requested, List<String> unknown) {
        List<Entry> out = new ArrayList<>();
        if (requested.isEmpty()) {
            keys.forEach((k, v) -> out.add(new Entry(k, v.readonly(), v.value())));
            return out;
        }
        for (String k : requested) {
            Key v = keys.get(k);
            if (v == null) {
                unknown.add(k);
            } else {
                out.add(new Entry(k, v.readonly(), v.value()));
            }
        }
        return out;
    }

    Change change(String key, String value) {
        Key k = keys.get(key);
        if (k == null) {
            return Change.NotSupported;
        }
        if (k.readonly() || !k.valid().test(value)) {
            return Change.Rejected;
        }
        keys.put(key, new Key(value, k.valid()));
        return Change.Accepted;
    }

    /** Set by the charger itself (the interval BootNotification.conf gives). */
    void set(String key, int value) {
        Key k = keys.get(key);
        keys.put(key, new Key(Integer.toString(value), k == null ? null : k.valid()));
    }

    int intValue(String key) {
        return Integer.parseInt(keys.get(key).value());
    }

    private static Predicate<String> seconds() {
        return v -> parses(v) && Integer.parseInt(v) >= 0;
    }

    private static Predicate<String> positiveSeconds() {
        return v -> parses(v) && Integer.parseInt(v) > 0;
    }

    private static boolean parses(String v) {
        try {
            Integer.parseInt(v.trim());
            return v.equals(v.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}
