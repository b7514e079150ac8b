package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.api.ChargingMode;

/**
 * Validated values of PID {@code org.infinergi.charging} (manual §5.1, §7.2.1).
 *
 * @param activeMode     "Active mode"
 * @param maxChargeRateA "Maximum charge rate": the user's limit, 6..32 A
 */
record ChargingSettings(ChargingMode activeMode, int maxChargeRateA) {

    static final ChargingSettings DEFAULTS = ConfigParser.charging(java.util.Map.of(), null).value();
}
