package org.infinergi.core.charging.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One key of a configuration the charger refused (issue 15 "one place lists every rejected configuration"): the
 * whole PID is rejected and its previous valid configuration stays in force; {@link ChargerStatus} lists every one
 * of them, whichever bundle owns the PID ({@link ConfigurationOwner}).
 *
 * @param pid    the configuration PID, e.g. {@code org.infinergi.charging}
 * @param key    the property, e.g. {@code maxChargeRateA}
 * @param value  the value refused, as written ({@code ""} for an empty one)
 * @param reason why it was refused, e.g. {@code must be 6..32 A}
 * @since 1.5.0
 */
public record ConfigurationRejection(String pid, String key, String value, String reason) {

    /** The text every owner gives for an empty value: the rule is written once, here. */
    public static final String EMPTY_VALUE = "empty value; a value is required (remove the key for the default ";

    /**
     * An empty value ({@code maxChargeRateA =} in an etc file) of a key that has a value: refused like any invalid
     * value, never read as the default, so an emptied line cannot raise what the installer set.
     *
     * @param dflt the key's default (Metatype), named so the installer knows how to get it
     * @return the rejection, or null when the key has no default and may stay empty
     */
    public static ConfigurationRejection emptyValue(String pid, String key, String value, String dflt) {
        if (dflt == null || dflt.isEmpty()) {
            return null;
        }
        return new ConfigurationRejection(pid, key, "\"" + value + "\"", EMPTY_VALUE + dflt + ")");
    }

    /**
     * The rule above for a whole configuration of a component whose PID is described by a Metatype {@code Config}
     * annotation (a driver's, a feature's): every key present but empty whose annotation method has a non-empty
     * default. Keys are the method names as Declarative Services maps them ({@code _} → {@code .}, {@code $$} →
     * {@code $}). Call it before the values are used; a non-empty answer rejects the whole configuration.
     *
     * @return one rejection per empty key, sorted by key; empty when there is none
     */
    public static List<ConfigurationRejection> emptyValues(String pid, Map<String, ?> props,
            Class<? extends Annotation> config) {
        List<ConfigurationRejection> out = new ArrayList<>();
        for (Method m : config.getDeclaredMethods()) {
            String key = key(m);
            Object raw = props == null ? null : props.get(key);
            Object dflt = m.getDefaultValue();
            if (isEmpty(raw) && dflt != null && !dflt.getClass().isArray()) {
                ConfigurationRejection r = emptyValue(pid, key, raw.toString(), String.valueOf(dflt));
                if (r != null) {
                    out.add(r);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(ConfigurationRejection::key));
        return out;
    }

    /** The property of a {@code Config} annotation's method, as Declarative Services maps its name. */
    static String key(Method m) {
        return m.getName().replace("$$", "\u0000").replace("_", ".").replace('\u0000', '$');
    }

    /** True when {@code raw} (a value as Config Admin gives it) is present but empty or blank. */
    public static boolean isEmpty(Object raw) {
        return raw instanceof String s && s.isBlank();
    }

    /** {@code "org.infinergi.charging: maxChargeRateA=40 rejected: must be 6..32 A"}. */
    public String message() {
        return pid + ": " + key + "=" + value + " rejected: " + reason;
    }
}
