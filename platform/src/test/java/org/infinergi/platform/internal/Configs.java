package org.infinergi.platform.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link PlatformConfig} with its defaults, some overridden, as DS builds it. */
final class Configs {

    private Configs() {
    }

    static PlatformConfig platform(Map<String, Object> overrides) {
        return (PlatformConfig) Proxy.newProxyInstance(PlatformConfig.class.getClassLoader(),
                new Class<?>[] {PlatformConfig.class}, (p, m, args) -> {
                    if (overrides.containsKey(m.getName())) {
                        return overrides.get(m.getName());
                    }
                    if (m.getDefaultValue() != null) {
                        return m.getDefaultValue();
                    }
                    throw new IllegalStateException(m.getName());
                });
    }
}
