package org.infinergi.core.charging.internal;

import java.time.Instant;

/**
 * A session in progress as the store keeps it between starts of the core: what was measured until {@code savedAt}.
 *
 * @param session the session in progress (start, mode, meter baseline, energy, peak, id tag)
 * @param savedAt when it was kept: the last persist before a power loss, or the moment the core stopped
 * @param stopped the core stopped cleanly (a bundle update, a restart); false: the last periodic persist, so a
 *                session found so at the next start was cut by a power loss ({@code kill -9})
 */
record RunningSession(Session session, Instant savedAt, boolean stopped) {

    /** End reason of a session the charger lost power during (OCPP's StopTransaction reason PowerLoss). */
    static final String END_POWER_LOSS = "POWER_LOSS";

    /** The session as the history keeps it when the vehicle is not there any more at the next start. */
    org.infinergi.core.charging.api.SessionRecord ended() {
        return session.ended(savedAt, stopped ? ChargingCore.END_CHARGER_STOPPED : END_POWER_LOSS);
    }
}
