package org.infinergi.core.charging.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a user, the service technician or a central system may ask of the charging core. Every request
 * is answered at once with what happened; the core applies it on its next control cycle.
 */
@ProviderType
public interface ChargerControl {

    /** Outcome of a request, with a sentence a user can read. */
    record Result(boolean accepted, String message) {
    }

    /** Suspend the charge in progress (manual §6.2.1 short press while charging). */
    Result pause();

    /** Resume a charge paused by the user (manual §6.2.1 short press while paused). */
    Result resume();

    /**
     * Recovery attempt (manual §9.1 "press the multifunction button to reset the device", the web or
     * OCPP reset): clears the latched errors whose cause is gone; errors whose cause persists stay.
     */
    Result attemptRecovery();

    /** Take the charger out of service (true) or back into service (false). */
    Result setOutOfService(boolean outOfService);
}
