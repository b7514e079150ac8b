package org.infinergi.core.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.infinergi.core.charging.api.ConfigurationRejection;

/**
 * The configuration of a PID described by a Metatype {@code Config} annotation (a driver's, a feature's), read by
 * its owner from the component's properties instead of by Declarative Services, which reads an empty number as an
 * error naming no key, an empty boolean as {@code false} and an empty text as {@code ""} (issue 15). An empty value
 * of a key that has a default ({@link EmptyValues#emptyValues}) or a value that is not of the key's type
 * rejects the whole configuration: {@link #config()} is then the previous one, or the annotation's defaults (the
 * factory values) for a first configuration. The owner logs {@link #describe()} at ERROR and answers
 * {@link #rejections()} as a {@link ConfigurationOwner}.
 *
 * @param <C>        the {@code Config} annotation
 * @param config     the values in force
 * @param rejections why the configuration given was refused; empty when it is in force
 * @param first      whether there was no previous configuration (the defaults apply on a rejection)
 * @since 1.0.0 (charging API 1.6.0 to 1.10.0)
 */
public record CheckedConfiguration<C extends Annotation>(C config, List<ConfigurationRejection> rejections,
        boolean first) {

    /**
     * Checks {@code props} (the component's properties) against {@code type}.
     *
     * @param previous the configuration in force, null for the first one
     * @param log      told {@code "Configuration rejected: "} and {@link #describe()} when it is (the owner's
     *                 ERROR log)
     */
    public static <C extends Annotation> CheckedConfiguration<C> check(String pid, Map<String, ?> props,
            Class<C> type, C previous, Consumer<String> log) {
        CheckedConfiguration<C> c = check(pid, props, type, previous);
        if (!c.accepted()) {
            log.accept("Configuration rejected: " + c.describe());
        }
        return c;
    }

    /**
     * Checks {@code props} (the component's properties) against {@code type}.
     *
     * @param previous the configuration in force, null for the first one
     */
    public static <C extends Annotation> CheckedConfiguration<C> check(String pid, Map<String, ?> props,
            Class<C> type, C previous) {
        List<ConfigurationRejection> rejections = new ArrayList<>(EmptyValues.emptyValues(pid, props,
                type));
        Map<String, Object> values = new HashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            String key = EmptyValues.key(m);
            Object raw = props == null ? null : props.get(key);
            if (raw == null || EmptyValues.isEmpty(raw) && !m.getReturnType().isArray()) {
                continue;
            }
            try {
                values.put(m.getName(), convert(raw, m.getReturnType()));
            } catch (IllegalArgumentException e) {
                rejections.add(new ConfigurationRejection(pid, key, String.valueOf(raw),
                        "not a valid " + m.getReturnType().getSimpleName()));
            }
        }
        if (rejections.isEmpty()) {
            return new CheckedConfiguration<>(of(type, values), List.of(), previous == null);
        }
        rejections.sort(Comparator.comparing(ConfigurationRejection::key));
        C kept = previous != null ? previous : of(type, Map.of());
        return new CheckedConfiguration<>(kept, List.copyOf(rejections), previous == null);
    }

    /** True when the configuration given is in force. */
    public boolean accepted() {
        return rejections.isEmpty();
    }

    /** What to log at ERROR for a rejected configuration: every bad key and which values stay in force. */
    public String describe() {
        return String.join("; ", rejections.stream().map(ConfigurationRejection::message).toList())
                + (first ? " — the safe defaults apply" : " — the previous valid configuration stays in force");
    }

    /** An instance of {@code type} answering {@code values} (by method name), else the defaults. */
    static <C extends Annotation> C of(Class<C> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (values.containsKey(m.getName())) {
                return values.get(m.getName());
            }
            if (m.getDefaultValue() != null) {
                return m.getDefaultValue();
            }
            return switch (m.getName()) {
                case "hashCode" -> System.identityHashCode(p);
                case "equals" -> p == args[0];
                case "toString" -> type.getSimpleName() + values;
                case "annotationType" -> type;
                default -> throw new IllegalStateException(type.getName() + "." + m.getName() + " has no value");
            };
        }));
    }

    /** Config Admin's value (a text from an etc file, or already typed) as {@code to}; IAE when it is not one. */
    static Object convert(Object raw, Class<?> to) {
        if (to.isArray()) {
            List<?> items = raw instanceof Collection<?> c ? List.copyOf(c)
                    : raw.getClass().isArray() ? arrayItems(raw) : List.of(raw);
            Object out = Array.newInstance(to.getComponentType(), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(out, i, convert(items.get(i), to.getComponentType()));
            }
            return out;
        }
        if (raw instanceof Collection<?> c && !c.isEmpty()) {
            return convert(c.iterator().next(), to);
        }
        String s = raw.toString().trim();
        if (to == String.class) {
            return raw.toString();
        }
        if (to == int.class) {
            return raw instanceof Number n ? n.intValue() : Integer.parseInt(s);
        }
        if (to == long.class) {
            return raw instanceof Number n ? n.longValue() : Long.parseLong(s);
        }
        if (to == double.class) {
            return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(s);
        }
        if (to == boolean.class) {
            return bool(raw, s);
        }
        if (to.isEnum()) {
            return enumValue(to, s);
        }
        throw new IllegalArgumentException(to.getName());
    }

    private static List<Object> arrayItems(Object array) {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            items.add(Array.get(array, i));
        }
        return items;
    }

    private static boolean bool(Object raw, String s) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String t = s.toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new IllegalArgumentException(s);
    }

    /** The constant named {@code s}, in any case (as DS's converter reads it). */
    private static Object enumValue(Class<?> to, String s) {
        for (Object constant : to.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(s)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(s);
    }
}
