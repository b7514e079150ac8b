package org.infinergi.core.charging.hal;

/**
 * A ratiometric divider on an MCP3208 channel: the sensor between the channel and ground, {@code seriesOhm} between
 * the channel and the ADC's reference, so {@code counts = 4095 · R / (R + seriesOhm)}.
 */
public record AdcDivider(int bus, int chipSelect, int channel, double seriesOhm) {
}
