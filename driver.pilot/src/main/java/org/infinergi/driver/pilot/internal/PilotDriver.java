package org.infinergi.driver.pilot.internal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;

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
 */
@Component(service = PilotHardware.class)
public final class PilotDriver implements PilotHardware {

    private static final Logger LOG = LoggerFactory.getLogger(PilotDriver.class);

    private final PilotConfig config;
    private final Pi4jIo io;
    private final Pwm pwm;
    private final DigitalOutput contactor;
    private final DigitalInput feedback;
    private final PilotAdc adc;

    private double duty;
    private boolean contactorClosed;
    private boolean adcFailing;

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
        try {
            contactor = io.track(pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("infinergi-contactor")
                    .name("Contactor").address(config.contactorAddress())
                    .initial(DigitalState.LOW).shutdown(DigitalState.LOW)));
            feedback = io.track(pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("infinergi-contactor-feedback")
                    .name("Contactor feedback").address(config.feedbackAddress()).pull(PullResistance.OFF)));
            pwm = io.track(pi4j.create(Pwm.newConfigBuilder(pi4j).id("infinergi-pilot-pwm").name("Control pilot")
                    .address(config.pwmAddress()).pwmType(PwmType.HARDWARE).frequency(config.pwmFrequencyHz())
                    .initial(0).shutdown(0)));
            setContactor(false);
            setDutyCycle(0.0);
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
        LOG.info("Pilot driver on PWM {} ({} Hz), contactor {}, feedback {}, ADC bus {} CS {}",
                config.pwmAddress(), config.pwmFrequencyHz(), config.contactorAddress(), config.feedbackAddress(),
                config.pilotAdcBus(), config.pilotAdcChipSelect());
    }

    @Override
    public synchronized void setDutyCycle(double percent) {
        double d = Double.isNaN(percent) ? 0.0 : Math.max(0.0, Math.min(100.0, percent));
        if (d <= 0.0) {
            pwm.off(); // output low: the ±12 V stage holds −12 V (state F)
        } else {
            pwm.on(d, config.pwmFrequencyHz()); // 100 % = steady +12 V
        }
        duty = d;
    }

    @Override
    public synchronized double dutyCycle() {
        return duty;
    }

    @Override
    public synchronized PilotReading readPilot() {
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
        contactor.state(closed ? DigitalState.HIGH : DigitalState.LOW);
        contactorClosed = closed;
    }

    @Override
    public synchronized boolean contactorCommanded() {
        return contactorClosed;
    }

    @Override
    public boolean contactorFeedback() {
        boolean high = feedback.isHigh();
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
