package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;

import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The world under pi4j: what a driver would drive and read, through the simulated board. */
class WorldBindingTest {

    private final SimBoard board = new SimBoard();
    private final DriverMap map = Defaults.of(DriverMap.class);
    private final World world = new World(new double[] {230, 231, 229}, 3, 0.05, 32, 3);
    private final WorldBinding binding = new WorldBinding(board, world, map);

    @AfterEach
    void tearDown() {
        board.close();
    }

    private double read(int chipSelect, int channel, double gain, double offset) {
        return board.adc(0, chipSelect).counts(channel) * gain + offset;
    }

    @Test
    void worldFollowsThePinsADriverDrivesAndFeedsThePinsItReads() {
        Context ctx = board.context();
        Pwm pwm = ctx.create(Pwm.newConfigBuilder(ctx).id("pwm").address(map.pwmAddress()).pwmType(PwmType.HARDWARE)
                .frequency(1000).dutyCycle(100).initial(100).shutdown(0));
        pwm.on(100, 1000);
        DigitalOutput contactor = ctx.create(DigitalOutput.newConfigBuilder(ctx).id("k").address(map.contactorAddress())
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        DigitalInput feedback = ctx.create(DigitalInput.newConfigBuilder(ctx).id("fb").address(map.feedbackAddress()));

        world.act(EvAction.CHARGE, 32.0, 3);
        binding.tick(0.02);
        assertEquals(9.0, read(0, 0, map.pilotPositiveGain(), map.pilotPositiveOffset()), 0.01);

        pwm.on(32 / 0.6, 1000);
        binding.tick(0.02);
        assertEquals(6.0, read(0, 0, map.pilotPositiveGain(), map.pilotPositiveOffset()), 0.01);
        assertEquals(-12.0, read(0, 1, map.pilotNegativeGain(), map.pilotNegativeOffset()), 0.01);

        contactor.high();
        for (int i = 0; i < 3; i++) {
            binding.tick(0.02);
        }
        assertTrue(feedback.isHigh(), "relay feedback follows the contactor");
        assertEquals(32.0, read(1, 3, map.meterCurrentGain(), 0), 0.01);
        assertEquals(32.0, read(1, 5, map.meterCurrentGain(), 0), 0.01);
        assertEquals(231.0, read(1, 1, map.meterVoltageGain(), 0), 0.05);

        pwm.off();
        binding.tick(0.02);
        assertEquals(-12.0, read(0, 0, map.pilotPositiveGain(), map.pilotPositiveOffset()), 0.01);
        assertEquals("F", world.state().evState());
    }
}
