package org.infinergi.core.charging.internal;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of one configuration PID: validates each configuration as a whole ({@link ConfigParser}); a rejected
 * one is logged at ERROR and named by {@link #rejection()}, and the previous valid values stay in force (the
 * annotation's defaults, the safe side, when the first configuration is rejected).
 *
 * @param <T> the PID's settings record
 */
abstract class PidOwner<T> implements Owned<T> {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final BiFunction<Map<String, ?>, T, ConfigParser.Result<T>> parser;
    private volatile T settings;
    private volatile String rejection;
    private volatile List<ConfigurationRejection> rejections = List.of();

    PidOwner(BiFunction<Map<String, ?>, T, ConfigParser.Result<T>> parser, T defaults, Map<String, ?> config) {
        this.parser = parser;
        this.settings = defaults;
        update(config, true);
    }

    /** A new configuration of the PID (Config Admin's {@code modified}). */
    final void update(Map<String, ?> config) {
        update(config, false);
    }

    private synchronized void update(Map<String, ?> config, boolean first) {
        ConfigParser.Result<T> r = parser.apply(config, settings);
        rejections = r.rejections();
        if (r.accepted()) {
            rejection = null;
        } else {
            rejection = String.join("; ", r.errors()) + (first ? " — the safe defaults apply"
                    : " — the previous valid configuration stays in force");
            log.error("Configuration rejected: {}", rejection);
        }
        settings = r.value();
    }

    @Override
    public final T settings() {
        return settings;
    }

    @Override
    public final String rejection() {
        return rejection;
    }

    @Override
    public final List<ConfigurationRejection> rejections() {
        return rejections;
    }
}
