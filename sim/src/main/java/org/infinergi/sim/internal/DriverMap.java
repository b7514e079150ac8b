package org.infinergi.sim.internal;

/**
 * The keys of the pilot driver's configuration (PID {@code org.infinergi.driver.pilot}) that the world
 * must know to sit under the driver: which pins it drives and reads, which ADC channels and with which
 * scaling. The world's component takes that PID as a second configuration PID, so one .cfg moves both;
 * the defaults here equal the driver's (a driver.pilot unit test compares them).
 */
public @interface DriverMap {

    int pwmAddress() default 18;

    int contactorAddress() default 23;

    int feedbackAddress() default 24;

    boolean feedbackActiveHigh() default true;

    int pilotAdcBus() default 0;

    int pilotAdcChipSelect() default 0;

    int pilotPositiveChannel() default 0;

    int pilotNegativeChannel() default 1;

    double pilotPositiveGain() default 0.0073260073;

    double pilotPositiveOffset() default -15.0;

    double pilotNegativeGain() default 0.0073260073;

    double pilotNegativeOffset() default -15.0;

    int meterAdcBus() default 0;

    int meterAdcChipSelect() default 1;

    int meterVoltageL1Channel() default 0;

    int meterVoltageL2Channel() default 1;

    int meterVoltageL3Channel() default 2;

    int meterCurrentL1Channel() default 3;

    int meterCurrentL2Channel() default 4;

    int meterCurrentL3Channel() default 5;

    double meterVoltageGain() default 0.0732600733;

    double meterVoltageOffset() default 0.0;

    double meterCurrentGain() default 0.0122100122;

    double meterCurrentOffset() default 0.0;

    // Proximity pilot and enclosure NTC: channels of the pilot MCP3208, both ratiometric dividers.
    int ppChannel() default 2;

    double ppPullUpOhm() default 1000.0;

    int ntcChannel() default 3;

    double ntcSeriesOhm() default 10000.0;

    double ntcR25Ohm() default 10000.0;

    double ntcBeta() default 3950.0;

    // Lock actuator, RDC-DD, mains supervision: GPIOs.
    int lockAddress() default 25;

    int lockFeedbackAddress() default 8;

    boolean lockFeedbackActiveHigh() default true;

    int rcdTestAddress() default 12;

    int rcdTripAddress() default 16;

    boolean rcdTripActiveHigh() default true;

    int earthMonitorAddress() default 20;

    boolean earthPresentActiveHigh() default true;

    int phaseReversalAddress() default 21;

    boolean phaseReversedActiveHigh() default true;
}
