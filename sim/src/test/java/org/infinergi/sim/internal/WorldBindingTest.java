package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;

import org.infinergi.core.charging.testing.Defaults;
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
    void anInputCreatedAfterTheWorldWasPublished_readsTheWorldAtOnce() {
        binding.tick(0);
        Context ctx = board.context();
        DigitalInput earth = ctx.create(DigitalInput.newConfigBuilder(ctx).id("earth")
                .address(map.earthMonitorAddress()));
        assertEquals(map.earthPresentActiveHigh(), earth.isHigh(), "earth present from the driver's first read");
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

    @Test
    void inputsFollowTheConfiguredPolarityAndTheDividersSitOnTheirChannels() {
        World u = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3, false, 0.2);
        SimBoard b = new SimBoard();
        try {
            DriverMap activeLow = Defaults.of(DriverMap.class, java.util.Map.of("earthPresentActiveHigh", false,
                    "rcdTripActiveHigh", false));
            Context ctx = b.context();
            DigitalInput earth = ctx.create(DigitalInput.newConfigBuilder(ctx).id("e").address(20));
            DigitalInput trip = ctx.create(DigitalInput.newConfigBuilder(ctx).id("t").address(16));
            WorldBinding wb = new WorldBinding(b, u, activeLow);
            wb.tick(0.02);
            assertTrue(earth.isLow(), "earth present, active low");
            assertTrue(trip.isHigh(), "not tripped, active low");
            assertEquals(Math.round(4095 * 220 / 1220.0), b.adc(0, 0).counts(2), "PP 220 Ω under 1 kΩ");
            assertEquals(2048, b.adc(0, 0).counts(3), 1, "NTC at 25 °C = its series resistor: mid-scale");
            u.setFault(SimFault.D3, null, true);
            wb.tick(0.02);
            assertEquals((byte) 0xFF, b.adc(0, 0).exchange(new byte[] {6, (byte) 0x80, 0})[1],
                    "D3: the pilot ADC's MISO floats high (no null bit)");
            u.setFault(SimFault.D3, null, false);
            wb.tick(0.02);
            assertEquals(0, b.adc(0, 0).exchange(new byte[] {6, (byte) 0x80, 0})[1] & 0x10, "answers again");
        } finally {
            b.close();
        }
    }
}
