package org.infinergi.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.io.serial.Serial;
import com.pi4j.io.spi.Spi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board's context: pi4j's Linux providers and our UART provider, and I/O the kernel does not expose fails naming
 * the device.
 */
class BoardContextTest {

    @TempDir
    Path noKernel;

    private Context context;

    @AfterEach
    void shutdown() {
        if (context != null) {
            context.shutdown();
        }
    }

    @Test
    void carriesTheLinuxProvidersForEveryKindOfBoardIo() {
        context = BoardContext.build(Configs.platform(Map.of()));

        assertEquals(Set.of("gpiod-digital-input", "gpiod-digital-output", "linuxfs-pwm", "linuxfs-spi", "linuxfs-i2c",
                UartProvider.ID), context.providers().all().keySet());
    }

    @Test
    void sysfsDigitalIoIsAChoiceOfConfiguration() {
        context = BoardContext.build(Configs.platform(Map.of("digitalIo", DigitalIo.SYSFS)));

        assertEquals(Set.of("linuxfs-digital-input", "linuxfs-digital-output", "linuxfs-pwm", "linuxfs-spi",
                "linuxfs-i2c", UartProvider.ID), context.providers().all().keySet());
    }

    @Test
    void aGpioTheKernelDoesNotExposeFailsNamingItsPath() {
        context = BoardContext.build(Configs.platform(Map.of("digitalIo", DigitalIo.SYSFS,
                "gpioPath", noKernel.toString())));

        RuntimeException e = assertThrows(RuntimeException.class, () -> context.create(
                DigitalOutput.newConfigBuilder(context).id("contactor").address(23).initial(DigitalState.LOW)));
        assertTrue(causes(e).contains(noKernel.toString()), causes(e));
    }

    @Test
    void aPwmChipTheKernelDoesNotExposeFailsNamingItsPath() {
        context = BoardContext.build(Configs.platform(Map.of("pwmPath", noKernel.toString(), "pwmChip", 2)));

        RuntimeException e = assertThrows(RuntimeException.class, () -> context.create(Pwm.newConfigBuilder(context)
                .id("pilot").address(0).pwmType(PwmType.HARDWARE).frequency(1000).initial(0).shutdown(0)));
        assertTrue(causes(e).contains(noKernel.resolve("pwmchip2").toString()), causes(e));
    }

    @Test
    void anSpiDeviceTheKernelDoesNotExposeFailsNamingIt() {
        context = BoardContext.build(Configs.platform(Map.of()));

        RuntimeException e = assertThrows(RuntimeException.class,
                () -> context.create(Spi.newConfigBuilder(context).id("adc").bus(5).address(1).baud(1_000_000)));
        assertTrue(causes(e).contains("/dev/spidev5.1"), causes(e));
    }

    @Test
    void aSerialDeviceTheKernelDoesNotExposeFailsNamingIt() {
        context = BoardContext.build(Configs.platform(Map.of()));
        String missing = noKernel.resolve("ttyS0").toString();

        RuntimeException e = assertThrows(RuntimeException.class, () -> context.create(Serial.newConfigBuilder(context)
                .id("rfid").device(missing).baud(115200).dataBits_8().parityNone().stopBits_1().flowNone()));
        assertTrue(causes(e).contains("cannot open serial device " + missing + ": no such device"), causes(e));
        assertFalse(context.registry().exists("rfid"), "nothing left registered: the driver retries with the same id");
    }

    private static String causes(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" / ");
        }
        return b.toString();
    }
}
