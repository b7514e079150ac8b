package org.infinergi.feature.dlm.internal;

import java.time.Clock;
import java.util.Map;

import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.LimitProvider;

/** The real DLM component on a clock the energy replay moves (its package-private constructor; no OSGi). */
public final class ReplayDlm {

    private ReplayDlm() {
    }

    /** @param properties PID {@code org.infinergi.dlm} as Config Admin would give it */
    public static LimitProvider create(ElectricalReadings readings, Clock clock, Map<String, Object> properties) {
        return new DlmComponent(readings, clock, properties);
    }
}
