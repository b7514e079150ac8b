package org.infinergi.driver.rfid.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the RFID reader module is and how its stream is read (board factory settings, not user settings). */
@ObjectClassDefinition(id = RfidConfig.PID, name = "infinergi RFID reader driver",
        description = "RFID reader module (manual §2.5, §5.7) on a UART: RDM6300-type ASCII frames.")
public @interface RfidConfig {

    /** Configuration PID. */
    String PID = "org.infinergi.driver.rfid";

    @AttributeDefinition(name = "Serial device", description = "Device path of the reader's UART (/dev/serial0 = the primary UART of the board's header).")
    String device() default "/dev/serial0";

    @AttributeDefinition(name = "Baud rate", description = "RDM6300-type modules send at 9600 baud, 8N1.", min = "1200", max = "115200")
    int baud() default 9600;

    @AttributeDefinition(name = "Poll period", description = "Milliseconds between reads of the UART.", min = "5", max = "1000")
    int pollMs() default 50;

    @AttributeDefinition(name = "Debounce", description = "Milliseconds without a frame of a card before the same card counts as presented again (a held card is one swipe).", min = "0", max = "60000")
    int debounceMs() default 2000;

    @AttributeDefinition(name = "Frame timeout", description = "Milliseconds from STX within which the frame's ETX must be read, else the partial frame is dropped.", min = "20", max = "5000")
    int frameTimeoutMs() default 500;

    @AttributeDefinition(name = "Reopen period", description = "Milliseconds between attempts to open a missing or failed serial device.", min = "100", max = "600000")
    int reopenMs() default 5000;
}
