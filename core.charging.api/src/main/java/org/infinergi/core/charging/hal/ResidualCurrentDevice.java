package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The integrated 6 mA DC leakage device (RDC-DD, IEC 62955): a trip output and a test input that injects
 * a test current. A healthy device trips while the test current flows and releases when it stops.
 */
@ProviderType
public interface ResidualCurrentDevice {

    /** Switches the test current on or off. */
    void setTestCurrent(boolean on);

    /** True while the device detects DC residual current of 6 mA or more (or the test current). */
    boolean tripped();
}
