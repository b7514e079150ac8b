package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.hal.ConnectorLock;
import org.infinergi.core.charging.hal.PilotHardware;
import org.infinergi.core.charging.hal.ResidualCurrentDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a cycle's decision to the hardware: pilot duty cycle, contactor, RDC-DD test current, connector lock; and
 * drives the safe side when a cycle fails or the core stops. The sole writer of {@link PilotHardware}; only the
 * control loop (or a test stepping it) calls it.
 */
final class Actuator {

    private final Logger log = LoggerFactory.getLogger(Actuator.class);
    private final PilotHardware pilot;
    /** Last command written to the RDC-DD test input / the lock, or null when not yet written to that service. */
    private Boolean rdcWritten;
    private Boolean lockWritten;
    private ResidualCurrentDevice rdcWrittenTo;
    private ConnectorLock lockWrittenTo;

    Actuator(PilotHardware pilot) {
        this.pilot = pilot;
    }

    /**
     * Drives one decision. Opening happens before the PWM changes, closing after it (the offer is on before the
     * contactor closes).
     *
     * @param lock the lock to drive, or null (tethered models have no socket lock: a lock service is left alone)
     */
    void drive(ControlDecision d, ResidualCurrentDevice rdc, ConnectorLock lock) {
        boolean contactor = d.contactorClosed();
        if (!contactor && pilot.contactorCommanded()) {
            pilot.setContactor(false);
        }
        if (Math.abs(pilot.dutyCycle() - d.dutyCyclePct()) > 1e-9) {
            pilot.setDutyCycle(d.dutyCyclePct());
        }
        if (contactor && !pilot.contactorCommanded()) {
            pilot.setContactor(true);
        }
        driveSupervision(rdc, d.rdcTestCurrent(), lock, d.lockCommand());
    }

    /** RDC-DD test input and connector lock: written when the command changes (or the service is a new one). */
    private void driveSupervision(ResidualCurrentDevice rdc, boolean testCurrent, ConnectorLock lock,
            boolean locked) {
        if (rdc != null && (rdc != rdcWrittenTo || rdcWritten == null || rdcWritten != testCurrent)) {
            rdc.setTestCurrent(testCurrent);
            rdcWrittenTo = rdc;
            rdcWritten = testCurrent;
        }
        if (lock != null && (lock != lockWrittenTo || lockWritten == null || lockWritten != locked)) {
            lock.setLocked(locked);
            lockWrittenTo = lock;
            lockWritten = locked;
        }
    }

    /**
     * The safe side after a failed cycle: contactor open, pilot in state F (the EV sees "EVSE not available"), the
     * RDC-DD test current off. Each command is tried on its own: one failing does not skip the others.
     */
    void fault(ResidualCurrentDevice rdc) {
        try {
            pilot.setContactor(false);
        } catch (RuntimeException e) {
            log.debug("Contactor could not be opened: {}", e.toString());
        }
        try {
            pilot.setDutyCycle(0);
        } catch (RuntimeException e) {
            log.debug("Pilot could not be driven to state F: {}", e.toString());
        }
        try {
            if (rdc != null) {
                rdc.setTestCurrent(false);
                rdcWritten = false;
                rdcWrittenTo = rdc;
            }
        } catch (RuntimeException e) {
            log.debug("RDC-DD test current could not be switched off: {}", e.toString());
        }
    }

    /**
     * When the core itself stops nothing controls the charge any more: the PWM offer is withdrawn and the contactor
     * opened (CONVENTIONS §10), the RDC-DD test current switched off.
     */
    void stop(ResidualCurrentDevice rdc) {
        try {
            pilot.setContactor(false);
        } finally {
            pilot.setDutyCycle(DutyCycle.NO_OFFER);
            if (rdc != null) {
                rdc.setTestCurrent(false);
            }
        }
    }
}
