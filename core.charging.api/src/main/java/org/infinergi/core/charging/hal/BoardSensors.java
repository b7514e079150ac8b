package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The board's supervision inputs: enclosure temperature and the mains monitoring circuit. Each value is
 * read fresh on every call.
 */
@ProviderType
public interface BoardSensors {

    /** Temperature inside the enclosure, °C; {@code Double.NaN} when the sensor cannot be read. */
    double temperatureC();

    /** True when the earth monitoring circuit sees the protective earth (manual §9.1 I1 otherwise). */
    boolean earthPresent();

    /** True when the mains monitoring circuit sees phase and neutral swapped (manual §9.1 I2). */
    boolean phaseNeutralReversed();
}
