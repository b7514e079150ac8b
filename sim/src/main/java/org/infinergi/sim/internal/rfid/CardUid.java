package org.infinergi.sim.internal.rfid;

import java.util.Locale;

/**
 * A card UID as a user types it for the simulation: hexadecimal, 4 to 10 bytes (ISO/IEC 14443 single, double and
 * triple size UIDs are 4, 7 and 10 bytes; EM4100 tags 5), upper-cased.
 */
final class CardUid {

    static final int MIN_BYTES = 4;
    static final int MAX_BYTES = 10;

    private CardUid() {
    }

    /**
     * The UID in upper case.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code uid}
     */
    static String parse(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("uid is missing: give the card's UID in hexadecimal, e.g. 04A2B3C4");
        }
        for (int i = 0; i < uid.length(); i++) {
            if (Character.digit(uid.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("uid \"" + uid + "\" is not hexadecimal: character '"
                        + uid.charAt(i) + "' at position " + i);
            }
        }
        if (uid.length() % 2 != 0) {
            throw new IllegalArgumentException("uid \"" + uid + "\" has an odd number of hex digits ("
                    + uid.length() + "): a UID is whole bytes");
        }
        int bytes = uid.length() / 2;
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("uid \"" + uid + "\" is " + bytes + " bytes: must be "
                    + MIN_BYTES + " to " + MAX_BYTES + " bytes (" + 2 * MIN_BYTES + " to " + 2 * MAX_BYTES + " hex digits)");
        }
        return uid.toUpperCase(Locale.ROOT);
    }
}
