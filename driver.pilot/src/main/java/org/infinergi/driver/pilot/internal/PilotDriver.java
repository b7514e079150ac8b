package org.infinergi.driver.pilot.internal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;

import org.infinergi.core.charging.hal.PilotHardware;
import org.infinergi.core.charging.hal.PilotReading;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control pilot generator and reader and the contactor, on pi4j I/O only — so this is the code that
 * runs on the board, whichever platform registered the {@link Context} (the board's, or the sim's).
 *
 * <p>Pilot generator: a hardware PWM at 1 kHz feeds the board's ±12 V output stage (GPIO high → +12 V,
 * low → −12 V, 1 kΩ source resistor). Duty 100 % = steady +12 V (no offer); 0 % = output off = steady −12 V
 * (state F, EVSE not available); in between, the IEC 61851-1 offer. Pilot reader: the board's positive
 * and negative peak detectors on two channels of an MCP3208. Contactor: a GPIO output driving the coil
 * relay; its auxiliary contact comes back on a GPIO input.
 *
 * <p>Safe state (activation and deactivation alike): contactor open, pilot at state F.
 *
 * <p>Board I/O that cannot be opened (a plain image on a PC) does not make the pilot vanish: the driver
 * registers anyway, drives nothing, refuses any current offer and any contactor close, and every pilot read
 * throws naming what failed ("board I/O not available: …"), which the core shows as D3 (manual §9.1).
 */
@Component(service = PilotHardware.class)
public final class PilotDriver implements PilotHardware {

    private static final Logger LOG = LoggerFactory.getLogger(PilotDriver.class);

    private final PilotConfig config;
    private final Pi4jIo io;
    private final Pins pins;
    private final PilotAdc adc;
    /** Why the pins could not be opened; null when they were. */
    private final String unavailable;

    private double duty;
    private boolean contactorClosed;
    private boolean adcFailing;

    /** The pilot's and the contactor's pins, opened together. */
    private record Pins(Pwm pwm, DigitalOutput contactor, DigitalInput feedback) {
    }


    /** @param board the board map, from the one owner of {@value PilotConfig#PID} (a test passes {@code () -> config}) */
    @Activate
    public PilotDriver(@Reference Context pi4j, @Reference PilotAdc adc, @Reference BoardMap board) {
        PilotConfig config = board.config();
        if (config.pwmFrequencyHz() < 980 || config.pwmFrequencyHz() > 1020) {
            throw new IllegalArgumentException("org.infinergi.driver.pilot pwmFrequencyHz must be 980..1020 Hz"
                    + " (IEC 61851-1), was " + config.pwmFrequencyHz());
        }
        this.config = config;
        this.adc = adc;
        this.io = new Pi4jIo(pi4j);
        Pins opened = null;
        String reason = null;
        try {
            opened = open(io, config);
        } catch (BoardIoUnavailable e) {
            io.close(); // whatever did open goes back to its shutdown state (contactor low, PWM off)
            reason = e.getMessage();
            LOG.warn("Pilot and contactor not driven: {}", reason);
        }
        pins = opened;
        unavailable = reason;
        if (pins != null) {
            setContactor(false);
            setDutyCycle(0.0);
            LOG.info("Pilot driver on PWM {} ({} Hz), contactor {}, feedback {}, ADC bus {} CS {}",
                    config.pwmAddress(), config.pwmFrequencyHz(), config.contactorAddress(),
                    config.feedbackAddress(), config.pilotAdcBus(), config.pilotAdcChipSelect());
        }
    }

    private static Pins open(Pi4jIo io, PilotConfig config) {
        DigitalOutput contactor = io.output("infinergi-contactor", "Contactor", config.contactorAddress(),
                DigitalState.LOW, DigitalState.LOW);
        DigitalInput feedback = io.input("infinergi-contactor-feedback", "Contactor feedback", config.feedbackAddress());
        Pwm pwm = io.pwm("infinergi-pilot-pwm", "Control pilot", config.pwmAddress(), config.pwmFrequencyHz());
        return new Pins(pwm, contactor, feedback);
    }

    @Override
    public synchronized void setDutyCycle(double percent) {
        double d = Double.isNaN(percent) ? 0.0 : Math.max(0.0, Math.min(100.0, percent));
        if (pins == null) {
            if (d > 0.0 && d < 100.0) {
                throw new IllegalStateException(unavailable + " (no current offer possible)");
            }
            duty = d; // nothing to drive: the pilot output was never opened
            return;
        }
        if (d <= 0.0) {
            pins.pwm().off(); // output low: the ±12 V stage holds −12 V (state F)
        } else {
            pins.pwm().on(d, config.pwmFrequencyHz()); // 100 % = steady +12 V
        }
        duty = d;
    }

    @Override
    public synchronized double dutyCycle() {
        return duty;
    }

    @Override
    public synchronized PilotReading readPilot() {
        String why = unavailable != null ? unavailable : adc.unavailable().orElse(null);
        if (why != null) {
            throw new IllegalStateException(why);
        }
        try {
            double pos = adc.read(config.pilotPositiveChannel()) * config.pilotPositiveGain() + config.pilotPositiveOffset();
            double neg = adc.read(config.pilotNegativeChannel()) * config.pilotNegativeGain() + config.pilotNegativeOffset();
            if (adcFailing) {
                LOG.info("Pilot ADC answers again");
                adcFailing = false;
            }
            return new PilotReading(pos, neg);
        } catch (Mcp3208Adc.AdcException e) {
            // No reading is no state: the core treats NaN as a pilot fault and goes to the safe side.
            if (!adcFailing) {
                LOG.warn("Pilot ADC failed: {}", e.getMessage());
                adcFailing = true;
            }
            return new PilotReading(Double.NaN, Double.NaN);
        }
    }

    @Override
    public synchronized void setContactor(boolean closed) {
        if (pins == null) {
            if (closed) {
                throw new IllegalStateException(unavailable + " (the contactor cannot be closed)");
            }
            contactorClosed = false; // never opened, never energised: the coil stays off
            return;
        }
        pins.contactor().state(closed ? DigitalState.HIGH : DigitalState.LOW);
        contactorClosed = closed;
    }

    @Override
    public synchronized boolean contactorCommanded() {
        return contactorClosed;
    }

    @Override
    public boolean contactorFeedback() {
        if (pins == null) {
            return false; // the coil output was never opened: nothing of ours can have closed the contactor
        }
        boolean high = pins.feedback().isHigh();
        return config.feedbackActiveHigh() == high;
    }

    @Deactivate
    public synchronized void deactivate() {
        // Safe side whatever the lifecycle does: open the contactor, pilot to F, then free the pins.
        try {
            setContactor(false);
            setDutyCycle(0.0);
        } catch (RuntimeException e) {
            LOG.warn("Could not drive the pilot to the safe state on deactivation", e);
        }
        io.close();
    }
}
