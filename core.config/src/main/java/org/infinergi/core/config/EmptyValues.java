package org.infinergi.core.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;

/**
 * The empty-value rule (issue 15), written once for every owner of a PID: an empty value ({@code maxChargeRateA =}
 * in an etc file) of a key that has a default is refused like any invalid value, never read as the default, so an
 * emptied line cannot raise what the installer set. The answer is a {@link ConfigurationRejection} of the charging
 * API, listed in the status with every other one. Kept out of the API bundle (issue 14 point 1: no implementation
 * class in an API bundle), so the rule can change without a new API version.
 */
public final class EmptyValues {

    /** The text every owner gives for an empty value: the rule is written once, here. */
    public static final String EMPTY_VALUE = "empty value; a value is required (remove the key for the default ";

    private EmptyValues() {
    }

    /**
     * An empty value of a key that has a default: refused like any invalid value.
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
        out.sort(Comparator.comparing(ConfigurationRejection::key));
        return out;
    }

    /** The property of a {@code Config} annotation's method, as Declarative Services maps its name. */
    public static String key(Method m) {
        return m.getName().replace("$$", "\u0000").replace("_", ".").replace('\u0000', '$');
    }

    /** True when {@code raw} (a value as Config Admin gives it) is present but empty or blank. */
    public static boolean isEmpty(Object raw) {
        return raw instanceof String s && s.isBlank();
    }
}
