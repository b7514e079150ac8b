package org.infinergi.core.charging.testing;

import java.util.List;

import org.infinergi.core.charging.hal.AdcChannel;
import org.infinergi.core.charging.hal.AdcDivider;
import org.infinergi.core.charging.hal.BoardWiring;
import org.infinergi.core.charging.hal.GpioPin;

/**
 * The box board's wiring as the pilot driver's default map has it (driver.pilot's test checks that the two agree),
 * for tests of what sits under the drivers. Any pin can be set otherwise.
 */
public final class FakeBoardWiring implements BoardWiring {

    private static final double PILOT_GAIN = 0.0073260073;
    private static final double VOLTAGE_GAIN = 0.0732600733;
    private static final double CURRENT_GAIN = 0.0122100122;

    private volatile GpioPin contactorFeedback = new GpioPin(24, true);
    private volatile GpioPin lockFeedback = new GpioPin(8, true);
    private volatile GpioPin rcdTrip = new GpioPin(16, true);
    private volatile GpioPin earthMonitor = new GpioPin(20, true);
    private volatile GpioPin phaseReversal = new GpioPin(21, true);

    public FakeBoardWiring earthMonitor(GpioPin pin) {
        earthMonitor = pin;
        return this;
    }

    public FakeBoardWiring rcdTrip(GpioPin pin) {
        rcdTrip = pin;
        return this;
    }

    public FakeBoardWiring contactorFeedback(GpioPin pin) {
        contactorFeedback = pin;
        return this;
    }

    public FakeBoardWiring lockFeedback(GpioPin pin) {
        lockFeedback = pin;
        return this;
    }

    public FakeBoardWiring phaseReversal(GpioPin pin) {
        phaseReversal = pin;
        return this;
    }

    @Override
    public int pilotPwmAddress() {
        return 18;
    }

    @Override
    public GpioPin contactor() {
        return new GpioPin(23, true);
    }

    @Override
    public GpioPin contactorFeedback() {
        return contactorFeedback;
    }

    @Override
    public AdcChannel pilotPositive() {
        return new AdcChannel(0, 0, 0, PILOT_GAIN, -15.0);
    }

    @Override
    public AdcChannel pilotNegative() {
        return new AdcChannel(0, 0, 1, PILOT_GAIN, -15.0);
    }

    @Override
    public List<AdcChannel> mainsVoltages() {
        return List.of(new AdcChannel(0, 1, 0, VOLTAGE_GAIN, 0.0), new AdcChannel(0, 1, 1, VOLTAGE_GAIN, 0.0),
                new AdcChannel(0, 1, 2, VOLTAGE_GAIN, 0.0));
    }

    @Override
    public List<AdcChannel> phaseCurrents() {
        return List.of(new AdcChannel(0, 1, 3, CURRENT_GAIN, 0.0), new AdcChannel(0, 1, 4, CURRENT_GAIN, 0.0),
                new AdcChannel(0, 1, 5, CURRENT_GAIN, 0.0));
    }

    @Override
    public AdcDivider proximityPilot() {
        return new AdcDivider(0, 0, 2, 1000.0);
    }

    @Override
    public AdcDivider temperatureSensor() {
        return new AdcDivider(0, 0, 3, 10000.0);
    }

    @Override
    public double ntcR25Ohm() {
        return 10000.0;
    }

    @Override
    public double ntcBeta() {
        return 3950.0;
    }

    @Override
    public GpioPin lock() {
        return new GpioPin(25, true);
    }

    @Override
    public GpioPin lockFeedback() {
        return lockFeedback;
    }

    @Override
    public GpioPin rcdTest() {
        return new GpioPin(12, true);
    }

    @Override
    public GpioPin rcdTrip() {
        return rcdTrip;
    }

    @Override
    public GpioPin earthMonitor() {
        return earthMonitor;
    }

    @Override
    public GpioPin phaseReversal() {
        return phaseReversal;
    }
}
