package org.infinergi.driver.ct.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The wired CTs of manual §4.6: where their front end reaches the board's ADC, how it is scaled (factory settings of
 * the board revision) and which way each CT's arrow points (the installer's). The CT inputs and the phase voltages
 * they are judged against are sampled as waveforms (AC, biased at mid-scale), not as RMS values:
 * {@code instantaneous value = counts · gain + offset}.
 */
@ObjectClassDefinition(id = CtConfig.PID, name = "infinergi wired CTs (manual §4.6)",
        description = "CT1 (single-phase models) or CT1–CT3 (three-phase, one per phase) downstream of the energy "
                + "meter: ADC channels, scaling and the direction of each CT's arrow.")
public @interface CtConfig {

    /** Configuration PID. */
    String PID = "org.infinergi.driver.ct";

    @AttributeDefinition(name = "CT ADC SPI bus", description = "MCP3208 of the CT front end.")
    int adcBus() default 1;

    @AttributeDefinition(name = "CT ADC chip select",
            description = "pi4j reserves each number once per board: no GPIO may use it (2 = /dev/spidev1.2).")
    int adcChipSelect() default 2;

    @AttributeDefinition(name = "SPI clock", description = "Hz; the MCP3208 allows 1 MHz at 2.7 V, 2 MHz at 5 V.")
    int spiBaudHz() default 1_000_000;

    @AttributeDefinition(name = "CT1 channel", description = "ADC channel of the CT1 input (L1).", min = "0", max = "7")
    int ct1Channel() default 0;

    @AttributeDefinition(name = "CT2 channel", description = "ADC channel of the CT2 input (L2).", min = "0", max = "7")
    int ct2Channel() default 1;

    @AttributeDefinition(name = "CT3 channel", description = "ADC channel of the CT3 input (L3).", min = "0", max = "7")
    int ct3Channel() default 2;

    @AttributeDefinition(name = "L1 voltage channel",
            description = "ADC channel of the L1 voltage waveform the CT1 current is judged against.", min = "0", max = "7")
    int voltageL1Channel() default 3;

    @AttributeDefinition(name = "L2 voltage channel", min = "0", max = "7")
    int voltageL2Channel() default 4;

    @AttributeDefinition(name = "L3 voltage channel", min = "0", max = "7")
    int voltageL3Channel() default 5;

    @AttributeDefinition(name = "CT gain",
            description = "Amperes per count: the burden maps −150..+150 A onto 0..4095, so a CT's 100 A RMS "
                    + "(141 A peak, manual §4.6) stays inside the range.")
    double ctGain() default 0.0732600733;

    @AttributeDefinition(name = "CT offset", description = "Amperes at count 0 (mid-scale bias).")
    double ctOffset() default -150.0;

    @AttributeDefinition(name = "Voltage gain", description = "Volts per count: −500..+500 V onto 0..4095.")
    double voltageGain() default 0.2442002442;

    @AttributeDefinition(name = "Voltage offset", description = "Volts at count 0 (mid-scale bias).")
    double voltageOffset() default -500.0;

    @AttributeDefinition(name = "CT1 arrow inverted",
            description = "True when CT1's arrow points against the direction of manual §4.6 (towards the grid), "
                    + "e.g. a CT clamped on the neutral instead of the line, which the manual allows with the arrow "
                    + "inverted. Import then still reads positive.")
    boolean ct1Inverted() default false;

    @AttributeDefinition(name = "CT2 arrow inverted", description = "As CT1, for CT2.")
    boolean ct2Inverted() default false;

    @AttributeDefinition(name = "CT3 arrow inverted", description = "As CT1, for CT3.")
    boolean ct3Inverted() default false;

    @AttributeDefinition(name = "Mains frequency", description = "Hz: a measurement spans whole cycles of it.",
            min = "45", max = "65")
    int mainsFrequencyHz() default 50;

    @AttributeDefinition(name = "Cycles per measurement", min = "1", max = "50")
    int windowCycles() default 2;

    @AttributeDefinition(name = "Samples per cycle",
            description = "Of each CT and voltage; 20 resolves harmonics up to the 9th.", min = "8", max = "200")
    int samplesPerCycle() default 20;

    @AttributeDefinition(name = "Measurement period", description = "Milliseconds between two measurements.",
            min = "100", max = "10000")
    int pollMs() default 1000;

    @AttributeDefinition(name = "Stale after",
            description = "Milliseconds after which the last measurement no longer counts (no reading).", min = "200")
    int staleAfterMs() default 3000;

    @AttributeDefinition(name = "Phases",
            description = "1 (CT1) or 3 (CT1–CT3); 0 = the model's phases from org.infinergi.device.")
    int phases() default 0;
}
