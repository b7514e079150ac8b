package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard of the RFID reader (manual §5.7): the reader driver calls every registered listener when a card is
 * presented. The driver knows nothing of what a card means; the authentication feature decides.
 */
@ConsumerType
public interface CardListener {

    /**
     * A card was read.
     *
     * @param uid the card's UID, upper-case hexadecimal without separators (e.g. {@code 04A2B3C4D5E680})
     */
    void cardPresented(String uid);
}
