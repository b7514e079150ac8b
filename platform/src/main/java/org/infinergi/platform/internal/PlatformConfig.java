package org.infinergi.platform.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Which of the Linux kernel's interfaces carry the board's I/O (plain images only; sim images have no board).
 * Bus numbers, chip selects and pin numbers belong to the drivers that use them ({@code org.infinergi.driver.pilot},
 * {@code org.infinergi.driver.rfid}, {@code org.infinergi.panel}); this PID only says where the kernel exposes them.
 */
@ObjectClassDefinition(name = "infinergi board platform",
        description = "The board's pi4j I/O providers: GPIO, PWM, SPI and I2C through the Linux kernel (plain images).")
public @interface PlatformConfig {

    /** Configuration PID. */
    String PID = "org.infinergi.platform";

    @AttributeDefinition(name = "Digital I/O", description = "GPIOD: the GPIO character device through libgpiod "
            + "(current kernels); SYSFS: /sys/class/gpio (older kernels).")
    DigitalIo digitalIo() default DigitalIo.GPIOD;

    @AttributeDefinition(name = "sysfs GPIO path", description = "Where the kernel exposes sysfs GPIO (digitalIo = SYSFS).")
    String gpioPath() default "/sys/class/gpio";

    @AttributeDefinition(name = "PWM path", description = "Where the kernel exposes the PWM chips (sysfs).")
    String pwmPath() default "/sys/class/pwm";

    @AttributeDefinition(name = "PWM chip", description = "The PWM chip whose channels carry the hardware PWM "
            + "(pwmchipN under the PWM path); the channel is the pilot driver's pwmAddress.", min = "0")
    int pwmChip() default 0;
}
