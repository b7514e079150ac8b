package org.infinergi.feature.auth.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.config.EmptyValues;
import org.infinergi.feature.auth.api.AuthMode;

/**
 * The settings of PID {@value #PID}, validated all or nothing: when any key is invalid the whole PID is rejected with
 * one message per bad key naming PID, key and value, and the previous settings stay in force.
 *
 * @param mode         the authentication mode
 * @param cards        the local list, upper-case UIDs in the order given
 * @param blockedCards the blocked ones
 */
record AuthSettings(AuthMode mode, Set<String> cards, Set<String> blockedCards) {

    static final String PID = "org.infinergi.auth";
    static final int MIN_UID_BYTES = 4;
    /** The key of a rejection of one card of a list: "cards entry". */
    static final String ENTRY = " entry";
    static final int MAX_UID_BYTES = 10;

    /** Manual §5.7: authentication is an option the administrator turns on. */
    static final AuthSettings DEFAULTS = new AuthSettings(AuthMode.FREE, Set.of(), Set.of());
    /**
     * When the very first configuration is invalid there is nothing previous to keep: authentication stays required
     * and no card is valid until the administrator fixes it (the safe side: no one charges on a typo).
     */
    static final AuthSettings LOCKED = new AuthSettings(AuthMode.LOCAL_LIST, Set.of(), Set.of());

    AuthSettings {
        cards = Set.copyOf(new LinkedHashSet<>(cards));
        blockedCards = Set.copyOf(new LinkedHashSet<>(blockedCards));
    }

    boolean required() {
        return mode != AuthMode.FREE;
    }

    /** The parsed settings, or why they were rejected (one entry per bad key). */
    record Parsed(AuthSettings settings, List<ConfigurationRejection> rejections) {

        /**
         * "org.infinergi.auth: mode=TURBO rejected: …", one per bad key; a bad card names the entry ("cards entry
         * 12XY rejected: …"): one key holds the whole list.
         */
        List<String> errors() {
            return rejections.stream().map(r -> r.key().endsWith(ENTRY)
                    ? r.pid() + ": " + r.key() + " " + r.value() + " rejected: " + r.reason() : r.message()).toList();
        }
    }

    static Parsed parse(Map<String, ?> props) {
        List<ConfigurationRejection> errors = new ArrayList<>();
        Map<String, ?> p = props == null ? Map.of() : props;
        AuthMode mode = DEFAULTS.mode();
        Object rawMode = p.get("mode");
        if (EmptyValues.isEmpty(rawMode)) {
            // "mode =" is no way to say FREE: an emptied line must not switch authentication off (issue 15).
            errors.add(EmptyValues.emptyValue(PID, "mode", rawMode.toString(), DEFAULTS.mode().name()));
        } else if (rawMode != null) {
            try {
                mode = AuthMode.valueOf(rawMode.toString().trim());
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigurationRejection(PID, "mode", rawMode.toString(), "unknown value; allowed: "
                        + String.join("|", Arrays.stream(AuthMode.values()).map(Enum::name).toList())));
            }
        }
        Set<String> cards = uids(p, "cards", errors);
        Set<String> blocked = uids(p, "blockedCards", errors);
        return errors.isEmpty() ? new Parsed(new AuthSettings(mode, cards, blocked), List.of())
                : new Parsed(null, List.copyOf(errors));
    }

    /**
     * UIDs of a list key: a String[] or collection from Config Admin, or one string separated by commas or blanks as
     * in {@code etc/org.infinergi.auth.cfg}.
     */
    private static Set<String> uids(Map<String, ?> p, String key, List<ConfigurationRejection> errors) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : items(p.get(key))) {
            for (String token : raw.split("[,\\s]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                String why = uidProblem(token);
                if (why != null) {
                    errors.add(new ConfigurationRejection(PID, key + ENTRY, token, why));
                } else {
                    out.add(token.toUpperCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static List<String> items(Object v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(String.valueOf(Array.get(v, i)));
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(o -> out.add(String.valueOf(o)));
        } else {
            out.add(v.toString());
        }
        return out;
    }

    /** Why {@code uid} is no card UID, or null when it is one. */
    static String uidProblem(String uid) {
        for (int i = 0; i < uid.length(); i++) {
            if (Character.digit(uid.charAt(i), 16) < 0) {
                return "not hexadecimal (character '" + uid.charAt(i) + "')";
            }
        }
        if (uid.length() % 2 != 0) {
            return "odd number of hex digits";
        }
        int bytes = uid.length() / 2;
        if (bytes < MIN_UID_BYTES || bytes > MAX_UID_BYTES) {
            return bytes + " bytes; a card UID has " + MIN_UID_BYTES + " to " + MAX_UID_BYTES;
        }
        return null;
    }
}
