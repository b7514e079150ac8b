package org.infinergi.core.charging.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Instances of component property types (Metatype {@code Config} annotations) with their defaults, optionally
 * overridden, as DS builds them: lets a test construct a component without a framework.
 */
public final class Defaults {

    private Defaults() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (overrides.containsKey(m.getName())) {
                return overrides.get(m.getName());
            }
            if (m.getDefaultValue() != null) {
                return m.getDefaultValue();
            }
            return switch (m.getName()) {
                case "hashCode" -> 0;
                case "equals" -> p == args[0];
                case "toString" -> type.getSimpleName();
                case "annotationType" -> type;
                default -> throw new IllegalStateException(m.getName());
            };
        }));
    }

    public static <A> A of(Class<A> type) {
        return of(type, Map.of());
    }
}
