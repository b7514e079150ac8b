package org.infinergi.platform.internal;

/** The kernel interface for the board's digital inputs and outputs ({@link PlatformConfig#digitalIo()}). */
public enum DigitalIo {
    /** The GPIO character device (/dev/gpiochipN) through libgpiod: current kernels. */
    GPIOD,
    /** The legacy sysfs interface under {@code gpioPath}: older kernels. */
    SYSFS
}
