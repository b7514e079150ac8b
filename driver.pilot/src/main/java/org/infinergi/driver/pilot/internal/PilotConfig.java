package org.infinergi.driver.pilot.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The board's pin and bus map and the analogue front end's scaling (factory settings of the board
 * revision, not user settings). Addresses are BCM GPIO numbers; SPI buses/chip selects as the kernel's
 * spidev numbers them. ADC scaling is linear: {@code value = counts · gain + offset}.
 */
@ObjectClassDefinition(id = PilotConfig.PID, name = "infinergi pilot driver",
        description = "Control pilot, contactor and internal meter: pins, ADC channels and scaling of the board.")
public @interface PilotConfig {

    /** Configuration PID. */
    String PID = "org.infinergi.driver.pilot";

    @AttributeDefinition(name = "Pilot PWM pin", description = "BCM GPIO of the hardware PWM driving the ±12 V pilot stage (18 = PWM0).")
    int pwmAddress() default 18;

    @AttributeDefinition(name = "Pilot PWM frequency", description = "Hz; IEC 61851-1 requires 1 kHz (980–1020 Hz).", min = "980", max = "1020")
    int pwmFrequencyHz() default 1000;

    @AttributeDefinition(name = "Contactor pin", description = "BCM GPIO driving the contactor coil relay (high = closed).")
    int contactorAddress() default 23;

    @AttributeDefinition(name = "Relay feedback pin", description = "BCM GPIO of the contactor's auxiliary contact.")
    int feedbackAddress() default 24;

    @AttributeDefinition(name = "Relay feedback active high", description = "True when the input reads high with the contactor closed.")
    boolean feedbackActiveHigh() default true;

    @AttributeDefinition(name = "Pilot ADC SPI bus")
    int pilotAdcBus() default 0;

    @AttributeDefinition(name = "Pilot ADC chip select", description = "MCP3208 of the pilot front end.")
    int pilotAdcChipSelect() default 0;

    @AttributeDefinition(name = "Positive peak detector channel")
    int pilotPositiveChannel() default 0;

    @AttributeDefinition(name = "Negative peak detector channel")
    int pilotNegativeChannel() default 1;

    @AttributeDefinition(name = "Positive peak gain", description = "Volts per count: the level shifter maps −15..+15 V onto 0..4095.")
    double pilotPositiveGain() default 0.0073260073;

    @AttributeDefinition(name = "Positive peak offset", description = "Volts at count 0.")
    double pilotPositiveOffset() default -15.0;

    @AttributeDefinition(name = "Negative peak gain", description = "Volts per count.")
    double pilotNegativeGain() default 0.0073260073;

    @AttributeDefinition(name = "Negative peak offset", description = "Volts at count 0.")
    double pilotNegativeOffset() default -15.0;

    @AttributeDefinition(name = "SPI clock", description = "Hz; the MCP3208 allows 1 MHz at 2.7 V, 2 MHz at 5 V.")
    int spiBaudHz() default 1_000_000;

    @AttributeDefinition(name = "Meter ADC SPI bus")
    int meterAdcBus() default 0;

    @AttributeDefinition(name = "Meter ADC chip select", description = "MCP3208 of the metering front end.")
    int meterAdcChipSelect() default 1;

    @AttributeDefinition(name = "Voltage L1 channel")
    int meterVoltageL1Channel() default 0;

    @AttributeDefinition(name = "Voltage L2 channel")
    int meterVoltageL2Channel() default 1;

    @AttributeDefinition(name = "Voltage L3 channel")
    int meterVoltageL3Channel() default 2;

    @AttributeDefinition(name = "Current L1 channel")
    int meterCurrentL1Channel() default 3;

    @AttributeDefinition(name = "Current L2 channel")
    int meterCurrentL2Channel() default 4;

    @AttributeDefinition(name = "Current L3 channel")
    int meterCurrentL3Channel() default 5;

    @AttributeDefinition(name = "Voltage gain", description = "RMS volts per count (RMS-to-DC converter, 300 V full scale).")
    double meterVoltageGain() default 0.0732600733;

    @AttributeDefinition(name = "Voltage offset", description = "RMS volts at count 0.")
    double meterVoltageOffset() default 0.0;

    @AttributeDefinition(name = "Current gain", description = "RMS amperes per count (current transformer + RMS-to-DC, 50 A full scale).")
    double meterCurrentGain() default 0.0122100122;

    @AttributeDefinition(name = "Current offset", description = "RMS amperes at count 0.")
    double meterCurrentOffset() default 0.0;

    @AttributeDefinition(name = "Meter sample period", description = "Milliseconds between meter samples.", min = "10", max = "1000")
    int meterSamplePeriodMs() default 100;

    @AttributeDefinition(name = "Meter stale after", description = "Milliseconds after which the last good sample no longer counts.", min = "100")
    int meterStaleAfterMs() default 2000;

    @AttributeDefinition(name = "Metered phases",
            description = "1 or 3; 0 = the model's phases from org.infinergi.device 'phases' (3 when unset).")
    int meterPhases() default 0;
}
