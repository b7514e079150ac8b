package org.infinergi.driver.pilot.internal;

/**
 * The board's I/O for a pin, bus or chip could not be opened: the kernel does not expose it (a PC running a plain
 * image: no gpiochip, no /sys/class/pwm, no /dev/spidev) or refuses it. The message starts with {@link #PREFIX}
 * and names the I/O and the kernel's answer, for the installer (manual §9.1 D3).
 */
final class BoardIoUnavailable extends IllegalStateException {

    static final String PREFIX = "board I/O not available: ";

    private static final long serialVersionUID = 1L;

    BoardIoUnavailable(String what, RuntimeException cause) {
        super(PREFIX + what + ": " + reason(cause), cause);
    }

    /** pi4j wraps the kernel's answer ("Failed to initialize IO x"): the innermost message says what is missing. */
    private static String reason(Throwable e) {
        String reason = e.toString();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        return reason;
    }
}
