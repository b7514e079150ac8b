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
        boolean contactor = board.digitalOutput(map.contactorAddress()).map(DigitalOutput::isHigh).orElse(false);
        world.step(dtS, drive, contactor);
        publish();
    }

    private static PilotDrive driveOf(Pwm pwm) {
        try {
            return new PilotDrive(pwm.isOn(), pwm.dutyCycle(), pwm.frequency());
        } catch (IOException e) {
            return PilotDrive.OFF;
        }
    }

    private void publish() {
        board.setInput(map.feedbackAddress(), world.contactorFeedback());

        Mcp3208 pilotAdc = board.adc(map.pilotAdcBus(), map.pilotAdcChipSelect());
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
