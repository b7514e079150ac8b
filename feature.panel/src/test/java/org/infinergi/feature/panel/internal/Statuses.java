package org.infinergi.feature.panel.internal;

import java.time.Instant;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.PilotState;

/** Charger snapshots for tests. */
final class Statuses {

    private Statuses() {
    }

    static ChargerStatus of(ChargerState state, PilotState pilot, double offeredA, boolean contactor, String error,
            ChargingMode mode) {
        return new ChargerStatus("INFINERGI-3T", state, pilot, offeredA, 0, contactor, null, mode, 0, 0, error, "",
                Instant.EPOCH);
    }

    static ChargerStatus withDetail(ChargerState state, PilotState pilot, double offeredA, String detail) {
        return new ChargerStatus("INFINERGI-3T", state, pilot, offeredA, 0, false, null, ChargingMode.FAST, 0, 0,
                null, detail, Instant.EPOCH);
    }

    static ChargerStatus of(ChargerState state, PilotState pilot, double offeredA, boolean contactor) {
        return of(state, pilot, offeredA, contactor, null, ChargingMode.FAST);
    }

    static ChargerStatus of(ChargerState state) {
        return of(state, PilotState.A, 0, false);
    }

    static ChargerStatus error(String code) {
        return of(ChargerState.ERROR, PilotState.B, 0, false, code, ChargingMode.FAST);
    }
}
