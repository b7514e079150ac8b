package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The control pilot generator and reader and the contactor (IEC 61851-1), as the pilot driver exposes
 * them. Only the charging core uses this service; it is the single writer.
 */
@ProviderType
public interface PilotHardware {

    /**
     * Drives the pilot with a 1 kHz PWM of {@code percent} duty: 100 = steady +12 V (no current offered),
     * 0 = steady −12 V (state F), in between an offer per IEC 61851-1 (10 % = 6 A … ).
     */
    void setDutyCycle(double percent);

    /** The duty cycle last set, percent. */
    double dutyCycle();

    /** Reads the pilot line now. */
    PilotReading readPilot();

    /** Commands the contactor. */
    void setContactor(boolean closed);

    /** Whether the contactor is commanded closed. */
    boolean contactorCommanded();

    /** What the relay feedback contact says: true when the contactor is really closed. */
    boolean contactorFeedback();
}
