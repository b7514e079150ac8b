package org.infinergi.feature.panel.internal;

import org.infinergi.core.charging.api.ChargerStatus;

/**
 * Everything the logo depends on (manual §8): the charger's status plus what the status does not carry.
 *
 * @param status                 the charging core's snapshot
 * @param startingUp             the firmware is starting (the panel's first second, or state INITIALISING)
 * @param installationComplete   {@code org.infinergi.installation installationComplete} (manual §4.10)
 * @param authorisation          the authorisation indication (manual §5.7); NONE until an auth feature exists
 * @param ocppTransactionPending waiting for the central system to confirm the transaction start (OCPP only);
 *                               false until the OCPP feature exists
 */
public record PanelSituation(ChargerStatus status, boolean startingUp, boolean installationComplete,
        Authorisation authorisation, boolean ocppTransactionPending) {

    /** Manual §8 authentication rows. */
    public enum Authorisation { NONE, REQUEST_IN_PROGRESS, VALID, FAILED }

    /** The usual case: no authentication and no OCPP indication. */
    public static PanelSituation of(ChargerStatus status, boolean startingUp, boolean installationComplete) {
        return new PanelSituation(status, startingUp, installationComplete, Authorisation.NONE, false);
    }
}
