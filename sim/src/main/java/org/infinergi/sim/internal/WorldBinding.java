package org.infinergi.sim.internal;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.pwm.Pwm;

import java.util.List;

import org.infinergi.core.charging.hal.AdcChannel;
import org.infinergi.core.charging.hal.AdcDivider;
import org.infinergi.core.charging.hal.BoardWiring;
import org.infinergi.core.charging.hal.GpioPin;
import org.infinergi.sim.hw.Mcp3208;
import org.infinergi.sim.hw.SimBoard;

/**
 * Couples the {@link World} to the simulated board at pi4j level: reads the PWM and contactor output the
 * pilot driver drives, steps the world, then puts the world's answer where the driver reads it — relay
 * feedback on the GPIO input, pilot plateaus and mains voltages/currents as counts on the MCP3208 channels,
 * scaled exactly as the driver's configuration says it scales them back ({@link BoardWiring}, the pilot driver's).
 */
public final class WorldBinding {

    private final SimBoard board;
    private final World world;
    private final BoardWiring map;

    public WorldBinding(SimBoard board, World world, BoardWiring map) {
        this.board = board;
        this.world = world;
        this.map = map;
        publish();
    }

    /** The wiring this binding follows. */
    public BoardWiring wiring() {
        return map;
    }

    /** One world step of {@code dtS} seconds. */
    public void tick(double dtS) {
        PilotDrive drive = board.pwm(map.pilotPwmAddress()).map(WorldBinding::driveOf).orElse(PilotDrive.OFF);
        boolean contactor = on(map.contactor());
        boolean lock = on(map.lock());
        boolean rcdTest = on(map.rcdTest());
        world.step(dtS, drive, contactor, lock, rcdTest);
        publish();
    }

    private boolean on(GpioPin output) {
        return board.digitalOutput(output.address()).map(o -> o.isHigh() == output.activeHigh()).orElse(false);
    }

    private static PilotDrive driveOf(Pwm pwm) {
        try {
            return new PilotDrive(pwm.isOn(), pwm.dutyCycle(), pwm.frequency());
        } catch (IOException e) {
            return PilotDrive.OFF;
        }
    }

    /**
     * The PP input: the cable's resistor (PP–PE) below a pull-up to the ADC's reference, so
     * {@code counts = 4095 · R / (R + Rpull-up)}; no resistor (open) reads full scale.
     */
    static int ppCounts(Double ohm, double pullUpOhm) {
        if (ohm == null) {
            return Mcp3208.MAX_COUNTS;
        }
        return (int) Math.round(Mcp3208.MAX_COUNTS * ohm / (ohm + pullUpOhm));
    }

    /**
     * The enclosure NTC (to ground) below a series resistor to the ADC's reference:
     * {@code counts = 4095 · Rntc / (Rntc + Rseries)} with the β model
     * {@code Rntc = R25 · exp(β · (1/T − 1/298.15 K))}.
     */
    static int ntcCounts(double celsius, double seriesOhm, double r25Ohm, double beta) {
        double r = r25Ohm * Math.exp(beta * (1.0 / (celsius + 273.15) - 1.0 / 298.15));
        return (int) Math.round(Mcp3208.MAX_COUNTS * r / (r + seriesOhm));
    }

    private void publish() {
        input(map.contactorFeedback(), world.contactorFeedback());
        input(map.lockFeedback(), world.lockFeedback());
        input(map.rcdTrip(), world.rcdTripped());
        input(map.earthMonitor(), world.earthPresent());
        input(map.phaseReversal(), world.phaseNeutralReversed());

        AdcChannel positive = map.pilotPositive();
        Mcp3208 pilotAdc = board.adc(positive.bus(), positive.chipSelect());
        pilotAdc.setAbsent(!world.pilotAdcAnswering());
        AdcDivider pp = map.proximityPilot();
        board.adc(pp.bus(), pp.chipSelect()).setCounts(pp.channel(), ppCounts(world.proximityResistanceOhm(), pp.seriesOhm()));
        AdcDivider ntc = map.temperatureSensor();
        board.adc(ntc.bus(), ntc.chipSelect()).setCounts(ntc.channel(),
                ntcCounts(world.sensorTemperatureC(), ntc.seriesOhm(), map.ntcR25Ohm(), map.ntcBeta()));
        analog(positive, world.pilotPositiveV());
        analog(map.pilotNegative(), world.pilotNegativeV());

        double[] v = world.mainsVoltagesV();
        double[] i = world.phaseCurrentsA();
        List<AdcChannel> vCh = map.mainsVoltages();
        List<AdcChannel> iCh = map.phaseCurrents();
        for (int p = 0; p < 3; p++) {
            analog(vCh.get(p), v[p]);
            analog(iCh.get(p), i[p]);
        }
    }

    private void input(GpioPin pin, boolean asserted) {
        board.setInput(pin.address(), asserted == pin.activeHigh());
    }

    private void analog(AdcChannel ch, double value) {
        board.adc(ch.bus(), ch.chipSelect()).setValue(ch.channel(), value, ch.gain(), ch.offset());
    }
}
