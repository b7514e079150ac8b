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
 *
 * <p>Kept across restarts: every value the central system (or the charger, the HeartbeatInterval of BootNotification)
 * changed is written to a {@link KeyFile} in the bundle's data area; at the start a kept value is in force for each
 * writable key that still accepts it (a key since made read-only, unknown or stricter falls back to its default).
 * To add a key: one {@code keys.put(NAME, new Key(default, validator))} line in the constructor (null validator =
 * read-only); nothing else is needed for it to be kept.
 */
final class ConfigurationKeys {

    static final String HEARTBEAT_INTERVAL = "HeartbeatInterval";
    static final String GET_CONFIGURATION_MAX_KEYS = "GetConfigurationMaxKeys";
    static final String METER_VALUE_SAMPLE_INTERVAL = "MeterValueSampleInterval";
    static final String METER_VALUES_SAMPLED_DATA = "MeterValuesSampledData";
    static final String TRANSACTION_MESSAGE_ATTEMPTS = "TransactionMessageAttempts";
    static final String TRANSACTION_MESSAGE_RETRY_INTERVAL = "TransactionMessageRetryInterval";
    static final String WEB_SOCKET_PING_INTERVAL = "WebSocketPingInterval";
    static final String CLOCK_ALIGNED_DATA_INTERVAL = "ClockAlignedDataInterval";
    static final String METER_VALUES_ALIGNED_DATA = "MeterValuesAlignedData";
    static final String STOP_TXN_SAMPLED_DATA = "StopTxnSampledData";
    static final String STOP_TXN_ALIGNED_DATA = "StopTxnAlignedData";
    static final String RESET_RETRIES = "ResetRetries";
    /** The measurands this charger samples (OCPP 1.6 §7.31): the energy register and the active power. */
    static final List<String> MEASURANDS = List.of("Energy.Active.Import.Register", "Power.Active.Import");
    static final int MAX_KEYS = 50;
    // ---- Smart Charging (OCPP 1.6 §9.4), read-only: what SmartCharging accepts ----
    static final String CHARGE_PROFILE_MAX_STACK_LEVEL = "ChargeProfileMaxStackLevel";
    static final String CHARGING_SCHEDULE_ALLOWED_CHARGING_RATE_UNIT = "ChargingScheduleAllowedChargingRateUnit";
    static final String CHARGING_SCHEDULE_MAX_PERIODS = "ChargingScheduleMaxPeriods";
    static final String MAX_CHARGING_PROFILES_INSTALLED = "MaxChargingProfilesInstalled";
    // ---- end Smart Charging ----

    // ---- Local Auth List Management and the authorization cache (OCPP 1.6 §3.5, §9.1, §9.2; issue 17, ocppauth) ----
    static final String AUTHORIZATION_CACHE_ENABLED = "AuthorizationCacheEnabled";
    static final String LOCAL_AUTH_LIST_ENABLED = "LocalAuthListEnabled";
    static final String LOCAL_AUTH_LIST_MAX_LENGTH = "LocalAuthListMaxLength";
    static final String SEND_LOCAL_LIST_MAX_LENGTH = "SendLocalListMaxLength";
    static final String LOCAL_AUTHORIZE_OFFLINE = "LocalAuthorizeOffline";
    static final String LOCAL_PRE_AUTHORIZE = "LocalPreAuthorize";
    static final String ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID = "AllowOfflineTxForUnknownId";
    static final String STOP_TRANSACTION_ON_INVALID_ID = "StopTransactionOnInvalidId";
    static final String AUTHORIZE_REMOTE_TX_REQUESTS = "AuthorizeRemoteTxRequests";
    /** How many id tags the local list holds at most (a few KB of the data area). */
    static final int LOCAL_LIST_MAX = 1000;
    /** How many id tags one SendLocalList may carry. */
    static final int SEND_LOCAL_LIST_MAX = 250;

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
    /** Where changed values are kept; the values kept there when this started. */
    private final KeyFile file;
    private final Map<String, String> kept;
    private final List<java.util.function.Consumer<String>> listeners = new ArrayList<>();

    /** Keys kept in memory only (tests of the protocol). */
    ConfigurationKeys(int heartbeatIntervalS) {
        this(heartbeatIntervalS, KeyFile.none());
    }

    /** Keys whose changed values are kept in {@code file} (and were read from it when this starts). */
    ConfigurationKeys(int heartbeatIntervalS, KeyFile file) {
        this.file = file;
        this.kept = new LinkedHashMap<>(file.read());
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
        // OCPP 1.6 §9.1: clock-aligned meter values every so many seconds from midnight (0 = none), their
        // measurands, and the measurands StopTransaction's transactionData carries (empty = none)
        keys.put(CLOCK_ALIGNED_DATA_INTERVAL, new Key("0", seconds()));
        keys.put(METER_VALUES_ALIGNED_DATA, new Key(MEASURANDS.get(0), measurands()));
        keys.put(STOP_TXN_SAMPLED_DATA, new Key("", measurandsOrNone()));
        keys.put(STOP_TXN_ALIGNED_DATA, new Key("", measurandsOrNone()));
        // how often a restart that failed is tried again after a Reset
        keys.put(RESET_RETRIES, new Key("1", seconds()));
        keys.put("NumberOfConnectors", new Key("1", null));
        keys.put("SupportedFeatureProfiles", new Key("Core,LocalAuthListManagement,SmartCharging", null));
        keys.put(GET_CONFIGURATION_MAX_KEYS, new Key(Integer.toString(MAX_KEYS), null));
        authorizationKeys();
        smartChargingKeys();
        // issue 17, ocppmgmt: Remote Trigger, Reservation (connector 1 only: a reservation of the charge point as a
        // whole, connector 0, is Rejected) and Firmware Management
        keys.put(RESERVE_CONNECTOR_ZERO_SUPPORTED, new Key("false", null));
        appendProfile("RemoteTrigger");
        appendProfile("Reservation");
        appendProfile("FirmwareManagement");
    }

    /**
     * OCPP 1.6 §3.5 (issue 17, ocppauth): the cache and the local list on, both used offline; an unknown id tag is
     * not let charge offline; a transaction the central system refuses at its start is ended; a remote start is
     * not asked again (the central system sent it).
     */
    private void authorizationKeys() {
        keys.put(AUTHORIZATION_CACHE_ENABLED, new Key("true", bool()));
        keys.put(LOCAL_AUTH_LIST_ENABLED, new Key("true", bool()));
        keys.put(LOCAL_AUTH_LIST_MAX_LENGTH, new Key(Integer.toString(LOCAL_LIST_MAX), null));
        keys.put(SEND_LOCAL_LIST_MAX_LENGTH, new Key(Integer.toString(SEND_LOCAL_LIST_MAX), null));
        keys.put(LOCAL_AUTHORIZE_OFFLINE, new Key("true", bool()));
        keys.put(LOCAL_PRE_AUTHORIZE, new Key("false", bool()));
        keys.put(ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID, new Key("false", bool()));
        keys.put(STOP_TRANSACTION_ON_INVALID_ID, new Key("true", bool()));
        keys.put(AUTHORIZE_REMOTE_TX_REQUESTS, new Key("false", bool()));
    }

    /** OCPP 1.6 §9.4 (issue 17, ocppsmart): read-only limits of SetChargingProfile, what SmartCharging accepts. */
    private void smartChargingKeys() {
        keys.put(CHARGE_PROFILE_MAX_STACK_LEVEL, new Key("8", null));
        keys.put(CHARGING_SCHEDULE_ALLOWED_CHARGING_RATE_UNIT, new Key("Current,Power", null));
        keys.put(CHARGING_SCHEDULE_MAX_PERIODS, new Key("24", null));
        keys.put(MAX_CHARGING_PROFILES_INSTALLED, new Key("10", null));
    }

    /** A boolean key (OCPP 1.6 §9: "true" / "false", any case). */
    boolean flag(String key) {
        return Boolean.parseBoolean(value(key));
    }

    private static Predicate<String> bool() {
        return v -> "true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v);
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
            keys.forEach((k, v) -> out.add(new Entry(k, v.readonly(), valueOf(k, v))));
            return out;
        }
        for (String k : requested) {
            Key v = keys.get(k);
            if (v == null) {
                unknown.add(k);
            } else {
                out.add(new Entry(k, v.readonly(), valueOf(k, v)));
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
        keep(key, value);
        return Change.Accepted;
    }

    /** Set by the charger itself (the interval BootNotification.conf gives). */
    void set(String key, int value) {
        Key k = keys.get(key);
        if (k == null || k.readonly()) {
            keys.put(key, new Key(Integer.toString(value), null));
            return;
        }
        keep(key, Integer.toString(value));
    }

    int intValue(String key) {
        return Integer.parseInt(value(key));
    }

    String value(String key) {
        return valueOf(key, keys.get(key));
    }

    /**
     * The value in force: the kept one when the key is writable and still accepts it, else its default. Read at
     * each use, so a key declared anywhere in the constructor gets its kept value.
     */
    private String valueOf(String name, Key k) {
        String v = kept.get(name);
        return v != null && !k.readonly() && k.valid().test(v) ? v : k.value();
    }

    /** A changed value is in force at once and kept in the file (a failed write is logged by the file). */
    private void keep(String key, String value) {
        if (value.equals(kept.get(key))) {
            return;
        }
        kept.put(key, value);
        file.write(kept);
        listeners.forEach(l -> l.accept(key));
    }

    /** {@code listener} is told the name of each key whose value changed (ChangeConfiguration, or the charger's). */
    void whenChanged(java.util.function.Consumer<String> listener) {
        listeners.add(listener);
    }

    /** As {@link #measurands()}, or empty: nothing. */
    private static Predicate<String> measurandsOrNone() {
        return v -> v != null && (v.isEmpty() || measurands().test(v));
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
