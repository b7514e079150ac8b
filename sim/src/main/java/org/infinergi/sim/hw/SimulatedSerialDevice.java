package org.infinergi.sim.hw;

/**
 * A device at the far end of a simulated UART (an RFID reader, later a GPRS modem …), attached to a device path
 * of {@link SimulatedSerialProvider}. The driver's {@link com.pi4j.io.serial.Serial} reads what the device sends
 * and writes what the device receives; nothing else passes between them, as on the board's UART.
 */
public interface SimulatedSerialDevice {

    /** Bytes the device has sent that the driver has not read yet. */
    int available();

    /** Moves up to {@code length} sent bytes into {@code buffer}; answers how many (0 when none). */
    int read(byte[] buffer, int offset, int length);

    /** Bytes the driver wrote to the device. */
    void received(byte[] data, int offset, int length);

    /** A driver opened the port (the device's output now reaches someone). */
    default void opened() {
    }

    /** The driver closed the port. */
    default void closed() {
    }
}
