package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;

import org.infinergi.core.charging.hal.AdcChannel;
import org.infinergi.core.charging.hal.BoardWiring;
import org.infinergi.core.charging.hal.GpioPin;
import org.infinergi.core.charging.testing.FakeBoardWiring;
import org.infinergi.sim.hw.SimBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The world under pi4j: what a driver would drive and read, through the simulated board. */
class WorldBindingTest {

    private final SimBoard board = new SimBoard();
    private final BoardWiring map = new FakeBoardWiring();
    private final World world = new World(new double[] {230, 231, 229}, 3, 0.05, 32, 3);
    private final WorldBinding binding = new WorldBinding(board, world, map);

    @AfterEach
    void tearDown() {
        board.close();
    }

    private double read(AdcChannel ch) {
        return board.adc(ch.bus(), ch.chipSelect()).counts(ch.channel()) * ch.gain() + ch.offset();
    }

    @Test
    void anInputCreatedAfterTheWorldWasPublished_readsTheWorldAtOnce() {
        binding.tick(0);
        Context ctx = board.context();
        DigitalInput earth = ctx.create(DigitalInput.newConfigBuilder(ctx).id("earth")
                .address(map.earthMonitor().address()));
        assertEquals(map.earthMonitor().activeHigh(), earth.isHigh(), "earth present from the driver's first read");
    }

    @Test
    void worldFollowsThePinsADriverDrivesAndFeedsThePinsItReads() {
        Context ctx = board.context();
        Pwm pwm = ctx.create(Pwm.newConfigBuilder(ctx).id("pwm").address(map.pilotPwmAddress()).pwmType(PwmType.HARDWARE)
                .frequency(1000).dutyCycle(100).initial(100).shutdown(0));
        pwm.on(100, 1000);
        DigitalOutput contactor = ctx.create(DigitalOutput.newConfigBuilder(ctx).id("k").address(map.contactor().address())
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        DigitalInput feedback = ctx.create(DigitalInput.newConfigBuilder(ctx).id("fb").address(map.contactorFeedback().address()));

        world.act(EvAction.CHARGE, 32.0, 3);
        binding.tick(0.02);
        assertEquals(9.0, read(map.pilotPositive()), 0.01);

        pwm.on(32 / 0.6, 1000);
        binding.tick(0.02);
        assertEquals(6.0, read(map.pilotPositive()), 0.01);
        assertEquals(-12.0, read(map.pilotNegative()), 0.01);

        contactor.high();
        for (int i = 0; i < 3; i++) {
            binding.tick(0.02);
        }
        assertTrue(feedback.isHigh(), "relay feedback follows the contactor");
        assertEquals(32.0, read(map.phaseCurrents().get(0)), 0.01);
        assertEquals(32.0, read(map.phaseCurrents().get(2)), 0.01);
        assertEquals(231.0, read(map.mainsVoltages().get(1)), 0.05);

        pwm.off();
        binding.tick(0.02);
        assertEquals(-12.0, read(map.pilotPositive()), 0.01);
        assertEquals("F", world.state().evState());
    }

    @Test
    void inputsFollowTheConfiguredPolarityAndTheDividersSitOnTheirChannels() {
        World u = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3, false, 0.2);
        SimBoard b = new SimBoard();
        try {
            BoardWiring activeLow = new FakeBoardWiring().earthMonitor(new GpioPin(20, false))
                    .rcdTrip(new GpioPin(16, false));
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
