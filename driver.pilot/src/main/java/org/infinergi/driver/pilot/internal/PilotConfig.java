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

    @AttributeDefinition(name = "Meter idle sample period", description = "Milliseconds between meter samples while no "
            + "phase carries current (no vehicle draws): the mains voltage is still judged (I3/I4 after 2 s), at a "
            + "fraction of the CPU. The first sample that sees current brings back the sample period above.",
            min = "10", max = "2000")
    int meterIdleSamplePeriodMs() default 500;

    @AttributeDefinition(name = "Meter stale after", description = "Milliseconds after which the last good sample no longer counts.", min = "100")
    int meterStaleAfterMs() default 2000;

    @AttributeDefinition(name = "Metered phases",
            description = "1 or 3; 0 = the model's phases from org.infinergi.device 'phases' (3 when unset).")
    int meterPhases() default 0;

    // --- Proximity pilot (untethered sockets, IEC 61851-1 annex B) on the pilot MCP3208 ---

    @AttributeDefinition(name = "PP channel", description = "Pilot-ADC channel of the proximity-pilot divider.", min = "0", max = "7")
    int ppChannel() default 2;

    @AttributeDefinition(name = "PP pull-up",
            description = "Ohms from the ADC reference to PP; the cable's resistor goes from PP to PE: counts = 4095 · R / (R + pull-up).")
    double ppPullUpOhm() default 1000.0;

    @AttributeDefinition(name = "Divider rail margin",
            description = "Counts this close to 0 or 4095 mean a short or an open circuit on the PP or NTC divider: no reading (NaN).", min = "1", max = "200")
    int dividerRailMarginCounts() default 8;

    // --- Enclosure temperature (manual §5.6): NTC thermistor on the pilot MCP3208 ---

    @AttributeDefinition(name = "NTC channel", description = "Pilot-ADC channel of the enclosure NTC divider.", min = "0", max = "7")
    int ntcChannel() default 3;

    @AttributeDefinition(name = "NTC series resistor",
            description = "Ohms from the ADC reference to the NTC, which goes to ground: counts = 4095 · Rntc / (Rntc + series).")
    double ntcSeriesOhm() default 10000.0;

    @AttributeDefinition(name = "NTC R25", description = "NTC resistance at 25 °C, ohms.")
    double ntcR25Ohm() default 10000.0;

    @AttributeDefinition(name = "NTC beta", description = "β of the NTC, kelvin: R = R25 · exp(β · (1/T − 1/298.15 K)).")
    double ntcBeta() default 3950.0;

    // --- Socket lock actuator (untethered models) ---

    @AttributeDefinition(name = "Lock pin", description = "BCM GPIO driving the socket's lock actuator (high = locked).")
    int lockAddress() default 25;

    @AttributeDefinition(name = "Lock feedback pin", description = "BCM GPIO of the lock's position switch.")
    int lockFeedbackAddress() default 8;

    @AttributeDefinition(name = "Lock feedback active high", description = "True when the input reads high with the plug locked.")
    boolean lockFeedbackActiveHigh() default true;

    // --- RDC-DD (IEC 62955, manual §4.3) ---

    @AttributeDefinition(name = "RDC-DD test pin", description = "BCM GPIO switching the RDC-DD's test current (high = on).")
    int rcdTestAddress() default 12;

    @AttributeDefinition(name = "RDC-DD trip pin", description = "BCM GPIO of the RDC-DD's trip output.")
    int rcdTripAddress() default 16;

    @AttributeDefinition(name = "RDC-DD trip active high", description = "True when the input reads high while the device trips.")
    boolean rcdTripActiveHigh() default true;

    // --- Mains supervision (manual §9.1 I1, I2) ---

    @AttributeDefinition(name = "Earth monitor pin", description = "BCM GPIO of the earth monitoring circuit.")
    int earthMonitorAddress() default 20;

    @AttributeDefinition(name = "Earth present active high", description = "True when the input reads high with the protective earth present.")
    boolean earthPresentActiveHigh() default true;

    @AttributeDefinition(name = "Phase reversal pin", description = "BCM GPIO of the mains monitor's phase/neutral reversal output.")
    int phaseReversalAddress() default 21;

    @AttributeDefinition(name = "Phase reversed active high", description = "True when the input reads high with phase and neutral swapped.")
    boolean phaseReversedActiveHigh() default true;
}
