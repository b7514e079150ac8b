package org.infinergi.sim.internal;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.pwm.Pwm;

import org.infinergi.sim.hw.Mcp3208;
import org.infinergi.sim.hw.SimBoard;

/**
 * Couples the {@link World} to the simulated board at pi4j level: reads the PWM and contactor output the
 * pilot driver drives, steps the world, then puts the world's answer where the driver reads it — relay
 * feedback on the GPIO input, pilot plateaus and mains voltages/currents as counts on the MCP3208 channels,
 * scaled exactly as the driver's configuration says it scales them back.
 */
public final class WorldBinding {

    private final SimBoard board;
    private final World world;
    private final DriverMap map;

    public WorldBinding(SimBoard board, World world, DriverMap map) {
        this.board = board;
        this.world = world;
        this.map = map;
        publish();
    }

    /** One world step of {@code dtS} seconds. */
    public void tick(double dtS) {
        PilotDrive drive = board.pwm(map.pwmAddress()).map(WorldBinding::driveOf).orElse(PilotDrive.OFF);
        boolean contactor = high(map.contactorAddress());
        boolean lock = high(map.lockAddress());
        boolean rcdTest = high(map.rcdTestAddress());
        world.step(dtS, drive, contactor, lock, rcdTest);
        publish();
    }

    private boolean high(int address) {
        return board.digitalOutput(address).map(DigitalOutput::isHigh).orElse(false);
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
        board.setInput(map.feedbackAddress(), world.contactorFeedback() == map.feedbackActiveHigh());
        board.setInput(map.lockFeedbackAddress(), world.lockFeedback() == map.lockFeedbackActiveHigh());
        board.setInput(map.rcdTripAddress(), world.rcdTripped() == map.rcdTripActiveHigh());
        board.setInput(map.earthMonitorAddress(), world.earthPresent() == map.earthPresentActiveHigh());
        board.setInput(map.phaseReversalAddress(), world.phaseNeutralReversed() == map.phaseReversedActiveHigh());

        Mcp3208 pilotAdc = board.adc(map.pilotAdcBus(), map.pilotAdcChipSelect());
        pilotAdc.setAbsent(!world.pilotAdcAnswering());
        pilotAdc.setCounts(map.ppChannel(), ppCounts(world.proximityResistanceOhm(), map.ppPullUpOhm()));
        pilotAdc.setCounts(map.ntcChannel(), ntcCounts(world.sensorTemperatureC(), map.ntcSeriesOhm(), map.ntcR25Ohm(),
                map.ntcBeta()));
        pilotAdc.setValue(map.pilotPositiveChannel(), world.pilotPositiveV(), map.pilotPositiveGain(),
                map.pilotPositiveOffset());
        pilotAdc.setValue(map.pilotNegativeChannel(), world.pilotNegativeV(), map.pilotNegativeGain(),
                map.pilotNegativeOffset());

        Mcp3208 meterAdc = board.adc(map.meterAdcBus(), map.meterAdcChipSelect());
        double[] v = world.mainsVoltagesV();
        double[] i = world.phaseCurrentsA();
        int[] vCh = {map.meterVoltageL1Channel(), map.meterVoltageL2Channel(), map.meterVoltageL3Channel()};
        int[] iCh = {map.meterCurrentL1Channel(), map.meterCurrentL2Channel(), map.meterCurrentL3Channel()};
        for (int p = 0; p < 3; p++) {
            meterAdc.setValue(vCh[p], v[p], map.meterVoltageGain(), map.meterVoltageOffset());
            meterAdc.setValue(iCh[p], i[p], map.meterCurrentGain(), map.meterCurrentOffset());
        }
    }
}
