package org.infinergi.core.charging.hal;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the pilot driver finds each signal of the box board and how it scales it: the board map of PID
 * {@code org.infinergi.driver.pilot}, served by the one component that reads that PID. For what sits under the
 * drivers and must agree with them (the simulated board of the sim images, a bench); nothing above the drivers
 * needs it.
 */
@ProviderType
public interface BoardWiring {

    /** The hardware PWM feeding the ±12 V control pilot stage. */
    int pilotPwmAddress();

    /** Output to the contactor's coil relay (active high = closed). */
    GpioPin contactor();

    /** Input from the contactor's auxiliary contact (asserted = closed). */
    GpioPin contactorFeedback();

    /** Positive peak detector of the pilot line, volts. */
    AdcChannel pilotPositive();

    /** Negative peak detector of the pilot line, volts. */
    AdcChannel pilotNegative();

    /** RMS line-to-neutral voltage of L1, L2, L3 (in that order), volts. */
    List<AdcChannel> mainsVoltages();

    /** RMS current of L1, L2, L3 (in that order), amperes. */
    List<AdcChannel> phaseCurrents();

    /** The proximity pilot (IEC 61851-1 annex B): the cable's PP–PE resistor under a pull-up. */
    AdcDivider proximityPilot();

    /** The enclosure NTC (manual §5.6) under its series resistor. */
    AdcDivider temperatureSensor();

    /** NTC resistance at 25 °C, ohms. */
    double ntcR25Ohm();

    /** β of the NTC, kelvin: {@code R = R25 · exp(β · (1/T − 1/298.15 K))}. */
    double ntcBeta();

    /** Output to the socket's lock actuator (active high = locked). */
    GpioPin lock();

    /** Input from the lock's position switch (asserted = locked). */
    GpioPin lockFeedback();

    /** Output switching the RDC-DD's test current (active high = on). */
    GpioPin rcdTest();

    /** Input from the RDC-DD's trip output (asserted = tripped). */
    GpioPin rcdTrip();

    /** Input from the earth monitor (asserted = protective earth present, manual §9.1 I1). */
    GpioPin earthMonitor();

    /** Input from the mains monitor (asserted = phase and neutral swapped, manual §9.1 I2). */
    GpioPin phaseReversal();
}
