package org.infinergi.core.charging.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device label (manual §2.4) and the model's electrical facts (manual §2.6), as PID {@code org.infinergi.device}
 * holds them after validation. The charging core owns that PID; every other bundle reads these values here instead
 * of reading the PID (one owner per setting).
 */
@ProviderType
public interface Device {

    /** Model of the label, e.g. {@code INFINERGI-3T-DR}. */
    String model();

    /** Serial number of the label, empty when not set. */
    String serial();

    /** MAC address of the label, empty when not set. */
    String mac();

    /** 1 (7.4 kW models) or 3 (22 kW models). */
    int phases();

    /** Rated current per phase, 6..32 A: the device never offers more. */
    int ratedCurrentA();

    /** A fixed cable (T models) rather than a socket (U models). */
    boolean tethered();

    /**
     * The RS485 terminal block for a MID-certified Modbus RTU meter is fitted (-DR models, manual §2.6): only then
     * can the vehicle meter be a MID meter (manual §5.2.1.2).
     */
    boolean midMeterTerminal();
}
