package org.infinergi.platform.internal;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.context.ContextBuilder;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProviderImpl;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProviderImpl;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProviderImpl;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProviderImpl;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProviderImpl;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProviderImpl;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProviderImpl;

/**
 * Builds the board's pi4j {@link Context} explicitly from pi4j's Linux providers and our {@link UartProvider} (the
 * UARTs, through jSerialComm: pi4j has no serial provider we can use on the board): never
 * {@code Pi4J.newAutoContext()}, whose ServiceLoader sees no plugin inside OSGi (toolchain.md). The context
 * opens nothing by itself: a driver that creates an I/O the kernel does not expose (on a PC: no gpiochip, no
 * /sys/class/pwm, no /dev/spidev, no /dev/serial0) gets pi4j's exception, naming the device, from {@code create}.
 */
final class BoardContext {

    private BoardContext() {
    }

    static Context build(PlatformConfig config) {
        ContextBuilder builder = Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook();
        if (config.digitalIo() == DigitalIo.SYSFS) {
            builder.add(new LinuxFsDigitalInputProviderImpl(config.gpioPath()),
                    new LinuxFsDigitalOutputProviderImpl(config.gpioPath()));
        } else {
            builder.add(new GpioDDigitalInputProviderImpl(), new GpioDDigitalOutputProviderImpl());
        }
        return builder.add(new LinuxFsPwmProviderImpl(config.pwmPath(), config.pwmChip()),
                new LinuxFsSpiProviderImpl(), new LinuxFsI2CProviderImpl(), new UartProvider()).build();
    }
}
