package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ProviderType;

/** The proximity pilot of an untethered socket (IEC 61851-1 / IEC 62196-2): the cable's coding resistor. */
@ProviderType
public interface ProximityPilot {

    /** Resistance between PP and PE, ohms; {@code Double.NaN} when it cannot be read. */
    double resistanceOhm();
}
