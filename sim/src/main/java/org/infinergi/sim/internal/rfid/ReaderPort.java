package org.infinergi.sim.internal.rfid;

/**
 * The key of the RFID driver's PID {@code org.infinergi.driver.rfid} that says where the reader is: the simulated
 * reader attaches at the same device path the driver opens (same default as the driver's Metatype).
 */
public @interface ReaderPort {

    /** Device path of the reader's UART. */
    String device() default "/dev/serial0";
}
