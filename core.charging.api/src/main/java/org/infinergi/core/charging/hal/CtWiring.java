package org.infinergi.core.charging.hal;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the wired CTs of manual §4.6 and the phase voltages they are judged against reach the board's ADC, and how
 * the driver scales them: the CT front end's map, served by the one component that reads the CT driver's PID. For what
 * sits under the driver and must agree with it (the simulated board of the sim images); nothing above the drivers
 * needs it. The channels carry waveforms, not RMS values: {@code instantaneous value = counts · gain + offset}.
 *
 * @since 1.4.0
 */
@ProviderType
public interface CtWiring {

    /** The CT1, CT2, CT3 inputs (in that order), instantaneous amperes, positive into the arrow's direction. */
    List<AdcChannel> currents();

    /** The L1, L2, L3 voltage waveforms (in that order), instantaneous volts. */
    List<AdcChannel> voltages();
}
