package org.infinergi.sim.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The physical causes the simulated world can inject, named by the manual §9.1 error code they should
 * make the firmware raise. The world only changes physics (a pin level, an ADC channel, a voltage, what
 * the EV does); the firmware has to detect the condition through its drivers — it is never told a code.
 *
 * <p>Some codes have variants (several physical causes of the same error); the first is the default.
 * Codes without a world cause here ({@link #simulated()} false) are answered with the reason.
 */
public enum SimFault {
    I1("earth wire lost: the earth monitor input reads 'no earth'"),
    I2("phase and neutral swapped: the mains monitor's reversal input is asserted"),
    I3("mains undervoltage: 180 V on every supply phase (meter voltage channels)"),
    I4("mains overvoltage: 270 V on every supply phase (meter voltage channels)"),
    V1("overload: the EV draws 140 % of the current the duty cycle offers"),
    V2("DC leakage during a charge: the RDC-DD trip input is asserted while current flows"),
    V3("non-compliant vehicle: ignores the PWM — closes S2 (state C) without waiting for an offer and "
            + "draws its maximum whenever the contactor is closed, also after the offer is withdrawn"),
    V4(new String[] {"diode", "short"}, new String[] {
        "missing EV diode: under PWM the negative plateau reads minus the positive one instead of -12 V",
        "pilot shorted to PE: both peak detectors read 0 V (state E)"}),
    V5("invalid cable: the proximity pilot shows 10 kOhm, outside every IEC 61851-1 range (untethered models)"),
    D1(null, "panel board silent: injected by the panel simulation when it is present"),
    D2(null, "CT remote device silent: the radio link is lost; injected by the simulated Modbus devices when present"),
    D3("internal hardware: the pilot MCP3208 (SPI bus 0, CS 0) stops answering (MISO floats high)"),
    D4(new String[] {"welded", "open"}, new String[] {
        "contactor welded: the relay feedback reads closed whatever the command (current can flow)",
        "contactor fails to close: the relay feedback stays open whatever the command (no current)"}),
    D5("lock actuator stuck: the lock feedback stays where it was (untethered models)"),
    D6("RDC-DD self-test fails: the device does not trip on its test current"),
    D7("enclosure overheating: the NTC sees 90 °C"),
    D8("pilot oscillator stuck: the 1 kHz PWM keeps running at its last duty cycle (50 % if it never ran) when "
            + "the board commands a steady +12 V, so the line offers a current the charger did not decide"),
    D9(null, "MID meter silent: injected by the simulated Modbus devices when present");

    private final List<String> variants;
    private final List<String> causes;
    private final String notSimulated;

    SimFault(String cause) {
        this(new String[] {"default"}, new String[] {cause});
    }

    SimFault(String[] variants, String[] causes) {
        this.variants = List.of(variants);
        this.causes = List.of(causes);
        this.notSimulated = null;
    }

    SimFault(Void none, String reason) {
        this.variants = List.of();
        this.causes = List.of();
        this.notSimulated = reason;
    }

    /** True when the world itself can inject this cause. */
    public boolean simulated() {
        return notSimulated == null;
    }

    /** Why the world does not inject it (null when it does). */
    public String notSimulatedReason() {
        return notSimulated;
    }

    /** The variant names, default first (empty when not simulated). */
    public List<String> variants() {
        return variants;
    }

    /** The physical cause of {@code variant}. */
    public String cause(String variant) {
        int i = variants.indexOf(variant);
        return i < 0 ? null : causes.get(i);
    }

    /** The default variant. */
    public String defaultVariant() {
        return variants.isEmpty() ? null : variants.get(0);
    }

    /** Every code, as the API accepts them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** The codes the world injects itself. */
    public static List<String> simulatedNames() {
        return Arrays.stream(values()).filter(SimFault::simulated).map(Enum::name).toList();
    }

    /** Parses a code exactly as manual §9.1 writes it ({@code V2}; case-sensitive, like every endpoint's names). */
    public static Optional<SimFault> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (SimFault f : values()) {
            if (f.name().equals(code)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
