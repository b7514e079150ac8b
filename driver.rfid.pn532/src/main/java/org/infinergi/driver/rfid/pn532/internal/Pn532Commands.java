package org.infinergi.driver.rfid.pn532.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * The PN532 commands this reader uses (UM0701-02 §7) and what their answers mean. A card is an ISO/IEC 14443-A
 * target at 106 kbps; its UID (NFCID1) is 4, 7 or 10 bytes (single, double, triple size, ISO/IEC 14443-3 §6.4.4).
 */
final class Pn532Commands {

    static final byte GET_FIRMWARE_VERSION = 0x02;
    static final byte SAM_CONFIGURATION = 0x14;
    static final byte RF_CONFIGURATION = 0x32;
    static final byte IN_LIST_PASSIVE_TARGET = 0x4A;

    /** The IC byte of GetFirmwareVersion's answer for a PN532 (UM0701-02 §7.2.2). */
    static final int IC_PN532 = 0x32;

    /** SAMConfiguration: normal mode (no SAM), virtual card timeout 1 s, P70_IRQ used. */
    static final byte[] SAM_NORMAL_MODE = {SAM_CONFIGURATION, 0x01, 0x14, 0x01};

    /**
     * RFConfiguration item 5 (MaxRetries): MxRtyATR FF, MxRtyPSL 01, MxRtyPassiveActivation 02. The factory
     * value FF makes InListPassiveTarget wait for a card for ever; two tries answer "no card" in milliseconds, so
     * the reader keeps being polled and a silent one is noticed.
     */
    static final byte[] MAX_RETRIES = {RF_CONFIGURATION, 0x05, (byte) 0xFF, 0x01, 0x02};

    /** InListPassiveTarget: at most one target (the chip's own anti-collision picks one), 106 kbps type A. */
    static final byte[] LIST_ONE_TYPE_A = {IN_LIST_PASSIVE_TARGET, 0x01, 0x00};

    private Pn532Commands() {
    }

    /** GetFirmwareVersion's answer (IC, Ver, Rev, Support), or null when it is no PN532's. */
    static String firmware(byte[] data) {
        if (data.length < 4 || (data[0] & 0xFF) != IC_PN532) {
            return null;
        }
        return String.format(Locale.ROOT, "PN532 firmware %d.%d", data[1] & 0xFF, data[2] & 0xFF);
    }

    /** What one InListPassiveTarget found. */
    record Target(String uid, String failure) {

        static final Target NONE = new Target(null, null);
    }

    /**
     * The card in InListPassiveTarget's answer {@code NbTg [Tg SENS_RES(2) SEL_RES NFCIDLength NFCID1 [ATS]]}:
     * none, its UID in upper-case hex, or why the answer is not one card of ISO/IEC 14443-A.
     */
    static Target target(byte[] data) {
        if (data.length == 0) {
            return new Target(null, "InListPassiveTarget answer without NbTg");
        }
        int count = data[0] & 0xFF;
        if (count == 0) {
            return Target.NONE;
        }
        if (count != 1) {
            return new Target(null, count + " targets where one was asked for (MaxTg = 1)");
        }
        if (data.length < 6) {
            return new Target(null, "target data cut short: " + Pn532Frames.hex(data));
        }
        int length = data[5] & 0xFF;
        if (length != 4 && length != 7 && length != 10) {
            return new Target(null, "UID of " + length + " bytes: ISO/IEC 14443-A has 4, 7 or 10");
        }
        if (data.length < 6 + length) {
            return new Target(null, "UID cut short: " + Pn532Frames.hex(data));
        }
        return new Target(Pn532Frames.hex(Arrays.copyOfRange(data, 6, 6 + length)), null);
    }
}
