/**
 * The simulated board below the drivers: a pi4j {@link com.pi4j.context.Context} on pi4j's mock GPIO/PWM
 * providers plus simulated ADC chips that speak their real SPI protocol, and simulated UART peripherals by device
 * path (since 1.2.0 a simulated NXP PN532 card reader, and peripherals wired where the driver opens). Exported so
 * that drivers' unit tests run their real code against the same simulated chips as the sim images.
 */
@Export
@Version("1.2.0")
package org.infinergi.sim.hw;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
