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
    static final String METER_VALUE_SAMPLE_INTERVAL = "MeterValueSampleInterval";
    static final String METER_VALUES_SAMPLED_DATA = "MeterValuesSampledData";
    static final String TRANSACTION_MESSAGE_ATTEMPTS = "TransactionMessageAttempts";
    static final String TRANSACTION_MESSAGE_RETRY_INTERVAL = "TransactionMessageRetryInterval";
    static final String WEB_SOCKET_PING_INTERVAL = "WebSocketPingInterval";
    /** The measurands this charger samples (OCPP 1.6 §7.31): the energy register and the active power. */
    static final List<String> MEASURANDS = List.of("Energy.Active.Import.Register", "Power.Active.Import");
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
        // a transaction's meter values every minute until the central system says otherwise (0 = none)
        keys.put(METER_VALUE_SAMPLE_INTERVAL, new Key("60", seconds()));
        keys.put(METER_VALUES_SAMPLED_DATA, new Key(MEASURANDS.get(0), measurands()));
        // OCPP 1.6 §4.10: how often a transaction message the central system fails to process is tried, and the
        // wait before the next try (multiplied by the number of tries made)
        keys.put(TRANSACTION_MESSAGE_ATTEMPTS, new Key("3", positiveSeconds()));
        keys.put(TRANSACTION_MESSAGE_RETRY_INTERVAL, new Key("60", seconds()));
        // OCPP-J 1.6 §5: a ping this often (seconds, 0 = none); a link from which nothing (no pong, no
        // message) came in the period after a ping is taken as dead, dropped and made again
        keys.put(WEB_SOCKET_PING_INTERVAL, new Key("60", seconds()));
        keys.put("ClockAlignedDataInterval", new Key("0", seconds()));
        keys.put("ResetRetries", new Key("1", seconds()));
        keys.put("NumberOfConnectors", new Key("1", null));
        keys.put("SupportedFeatureProfiles", new Key("Core", null));
        keys.put(GET_CONFIGURATION_MAX_KEYS, new Key(Integer.toString(MAX_KEYS), null));
        // issue 17, ocppmgmt: Remote Trigger, Reservation (connector 1 only: a reservation of the charge point as a
        // whole, connector 0, is Rejected) and Firmware Management
        keys.put(RESERVE_CONNECTOR_ZERO_SUPPORTED, new Key("false", null));
        appendProfile("RemoteTrigger");
        appendProfile("Reservation");
        appendProfile("FirmwareManagement");
    }

    static final String RESERVE_CONNECTOR_ZERO_SUPPORTED = "ReserveConnectorZeroSupported";

    /** SupportedFeatureProfiles lists one more profile (each profile's block adds its own). */
    private void appendProfile(String profile) {
        Key k = keys.get("SupportedFeatureProfiles");
        keys.put("SupportedFeatureProfiles", new Key(k.value() + "," + profile, k.valid()));
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

    String value(String key) {
        return keys.get(key).value();
    }

    /** A comma-separated list of measurands, each one this charger samples. */
    private static Predicate<String> measurands() {
        return v -> v != null && !v.isBlank()
                && java.util.Arrays.stream(v.split(",")).map(String::trim).allMatch(MEASURANDS::contains);
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
