package org.infinergi.core.charging.api;

import java.util.concurrent.CompletionStage;

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

    /**
     * Take the charger out of service (true) or back into service (false). The choice is kept across a restart
     * (an OCPP central system's "Inoperative" survives a reboot, and so does the technician's).
     */
    Result setOutOfService(boolean outOfService);

    /**
     * A user authenticated (manual §5.7: a valid RFID card, or the central system's authorization) for the
     * vehicle connected now, or the next one plugged in within the authorization's validity. Accepted only when
     * an authorization is awaited; it holds until the vehicle is unplugged.
     *
     * @param idTag who authenticated (the card's UID or the OCPP id tag), kept with the session
     */
    Result authorize(String idTag);

    /**
     * A firmware update is about to change the running software (manual §5.9): the charger shows "Firmware update
     * in progress" and starts no charge until {@link #endUpdate()}. Refused while a vehicle is connected: the
     * manual postpones the update to the end of the charging session, so the updater asks again later.
     *
     * @param what what is being updated, shown to the user
     */
    Result beginUpdate(String what);

    /** The update is over (applied or abandoned); the charger returns to normal operation. */
    Result endUpdate();

    /**
     * End the charge of the session in progress for good (since 2.1.0; an OCPP central system's
     * RemoteStopTransaction or Reset): the energy stops as a pause would stop it, and the charger shows "Charging
     * terminated" (manual §6.1.1, {@link ChargerState#TERMINATED}) until the vehicle is unplugged. Unlike
     * {@link #pause()} no button press or {@link #resume()} starts it again; the next vehicle charges as usual.
     * Refused when no vehicle is connected.
     *
     * @param reason why, shown in the status detail ("charging terminated: …")
     */
    Result endCharge(String reason);

    /**
     * Release the socket lock of an untethered model (since 2.1.0; OCPP UnlockConnector, manual §2.6 the "U"
     * models): a charge in progress is ended first ({@link #endCharge}), the lock is released once the contactor is
     * open. The answer comes when the lock's position switch shows it released (accepted), or when it does not
     * release (refused: D5 "Error in locking/unlocking the connector", manual §9.1); refused at once on a tethered
     * model (no lock) or when no lock service is there.
     */
    CompletionStage<Result> unlockConnector();
}
