package org.infinergi.driver.rfid.pn532.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the ISO/IEC 14443 reader (NXP PN532, HSU) is and how it is polled (board factory settings). */
@ObjectClassDefinition(id = Pn532Config.PID, name = "infinergi RFID reader (ISO/IEC 14443, PN532)",
        description = "RFID reader of manual §2.3.1 (ISO/IEC 14443 cards, e.g. the accessory cards 09300001 of §2.7):"
                + " an NXP PN532 on a UART in HSU mode.")
public @interface Pn532Config {

    /** Configuration PID. */
    String PID = "org.infinergi.driver.rfid.pn532";

    @AttributeDefinition(name = "Serial device", description = "Device path of the UART the PN532 is wired to (/dev/serial0 = the primary UART of the board's header, GPIO14 TXD / GPIO15 RXD).")
    String device() default "/dev/serial0";

    @AttributeDefinition(name = "Baud rate", description = "The PN532's HSU runs at 115200 baud, 8N1, after power-up.", min = "9600", max = "921600")
    int baud() default 115200;

    @AttributeDefinition(name = "Poll period", description = "Milliseconds between two card detections (InListPassiveTarget).", min = "20", max = "5000")
    int pollMs() default 200;

    @AttributeDefinition(name = "Removal detections", description = "Card detections in a row that must not see a card before it counts as taken away, so that presenting it again is a new read (a held card is one read).", min = "1", max = "100")
    int removalPolls() default 2;

    @AttributeDefinition(name = "Answer timeout", description = "Milliseconds within which the PN532 must send its ACK, then its response, to one command.", min = "10", max = "5000")
    int answerTimeoutMs() default 200;

    @AttributeDefinition(name = "No-answer time", description = "Milliseconds without any answer (and at least three failed tries) after which the reader counts as not answering: manual §9.1 D3.", min = "1000", max = "600000")
    int noAnswerMs() default 5000;

    @AttributeDefinition(name = "Reopen period", description = "Milliseconds between attempts to open a missing or failed serial device.", min = "100", max = "600000")
    int reopenMs() default 1000;
}
