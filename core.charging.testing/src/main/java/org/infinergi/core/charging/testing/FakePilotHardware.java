package org.infinergi.core.charging.testing;

import java.util.ArrayList;
import java.util.List;

import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.hal.PilotHardware;
import org.infinergi.core.charging.hal.PilotReading;

/**
 * A pilot generator, pilot reader and contactor in memory. The test sets what the line reads ({@link #vehicle},
 * {@link #setPositiveVolts}); the contactor feedback follows the command unless forced ({@link #forceFeedback}).
 * While the PWM runs with a vehicle on the line the negative plateau reads −12 V (the vehicle's diode). Every
 * command is recorded. Thread-safe.
 */
public final class FakePilotHardware implements PilotHardware {

    private double positiveV = PilotState.A.nominalVolts();
    private double duty = 100.0;
    private boolean contactor;
    private Boolean forcedFeedback;
    private RuntimeException readFailure;
    private RuntimeException writeFailure;
    private boolean diodeMissing;
    private boolean oscillatorStuck;
    private final List<String> commands = new ArrayList<>();

    /** Puts the line in {@code state}'s nominal plateau (what a vehicle or fault would do). */
    public synchronized FakePilotHardware vehicle(PilotState state) {
        positiveV = state.nominalVolts();
        return this;
    }

    /** Puts an arbitrary positive plateau on the line, e.g. one outside every band. */
    public synchronized FakePilotHardware setPositiveVolts(double volts) {
        positiveV = volts;
        return this;
    }

    /** Makes {@link #contactorFeedback()} answer {@code value} whatever the command; null = follow the command. */
    public synchronized FakePilotHardware forceFeedback(Boolean value) {
        forcedFeedback = value;
        return this;
    }

    /**
     * Takes the vehicle's diode away (true): while the PWM runs the negative plateau then reads the mirror of the
     * positive one instead of −12 V (IEC 61851-1 pilot problem, manual §9.1 V4).
     */
    public synchronized FakePilotHardware missingDiode(boolean missing) {
        diodeMissing = missing;
        return this;
    }

    /**
     * Makes the pilot oscillator ignore a steady +12 V command (true): the line keeps showing a PWM, its negative
     * plateau at −12 V, as a stuck generator would (manual §9.1 D8, unexpected status).
     */
    public synchronized FakePilotHardware oscillatorStuck(boolean stuck) {
        oscillatorStuck = stuck;
        return this;
    }

    /** Makes {@link #setDutyCycle} and {@link #setContactor} throw {@code failure}; null = work normally. */
    public synchronized FakePilotHardware failWrites(RuntimeException failure) {
        writeFailure = failure;
        return this;
    }

    /** Makes {@link #readPilot()} throw {@code failure}; null = read normally. */
    public synchronized FakePilotHardware failReads(RuntimeException failure) {
        readFailure = failure;
        return this;
    }

    @Override
    public synchronized void setDutyCycle(double percent) {
        if (writeFailure != null) {
            throw writeFailure;
        }
        if (Double.isNaN(percent) || percent < 0 || percent > 100) {
            throw new IllegalArgumentException("duty cycle out of 0..100 %: " + percent);
        }
        duty = percent;
        commands.add("duty " + percent);
    }

    @Override
    public synchronized double dutyCycle() {
        return duty;
    }

    @Override
    public synchronized PilotReading readPilot() {
        if (readFailure != null) {
            throw readFailure;
        }
        boolean pwm = duty > 0 && (duty < 100 || oscillatorStuck);
        boolean diode = positiveV < 10.5 && positiveV > 1.0;
        double negative = pwm || duty == 0 ? -12.0 : 0.0;
        if (pwm && !diode) {
            negative = -12.0;
        }
        if (pwm && diode && diodeMissing) {
            negative = -positiveV;
        }
        return new PilotReading(duty == 0 ? -12.0 : positiveV, negative);
    }

    @Override
    public synchronized void setContactor(boolean closed) {
        if (writeFailure != null) {
            throw writeFailure;
        }
        contactor = closed;
        commands.add(closed ? "contactor closed" : "contactor open");
    }

    @Override
    public synchronized boolean contactorCommanded() {
        return contactor;
    }

    @Override
    public synchronized boolean contactorFeedback() {
        return forcedFeedback != null ? forcedFeedback : contactor;
    }

    /** Every command so far, in order: {@code "duty 26.66…"}, {@code "contactor closed"}, {@code "contactor open"}. */
    public synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    /** Forgets the recorded commands. */
    public synchronized void clearCommands() {
        commands.clear();
    }
}
