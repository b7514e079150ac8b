package org.infinergi.core.charging.hal;

/**
 * A channel of an MCP3208 (12-bit) on SPI {@code bus} at {@code chipSelect}, read through a linear front end:
 * {@code value = counts · gain + offset}.
 */
public record AdcChannel(int bus, int chipSelect, int channel, double gain, double offset) {
}
