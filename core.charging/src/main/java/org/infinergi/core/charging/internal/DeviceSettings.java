package org.infinergi.core.charging.internal;

/**
 * Validated values of PID {@code org.infinergi.device}: the label of manual §2.4 plus the model's electrical facts.
 *
 * @param model         model of the label, e.g. {@code INFINERGI-3T-DR}
 * @param serial        serial number of the label
 * @param mac           MAC address of the label
 * @param phases        1 or 3
 * @param ratedCurrentA rated current per phase, 6..32 A
 * @param tethered      whether the cable is fixed (T) or a socket (U)
 * @param midMeterTerminal whether the RS485 terminal block for a MID meter is fitted (-DR models, manual §2.6)
 * @param rfidReader    whether the RFID reader is fitted (-DR models, manual §2.6): authentication may be configured
 */
record DeviceSettings(String model, String serial, String mac, int phases, int ratedCurrentA, boolean tethered,
        boolean midMeterTerminal, boolean rfidReader) {

    /** A label of a model without the RFID reader. */
    DeviceSettings(String model, String serial, String mac, int phases, int ratedCurrentA, boolean tethered,
            boolean midMeterTerminal) {
        this(model, serial, mac, phases, ratedCurrentA, tethered, midMeterTerminal, false);
    }

    static final DeviceSettings DEFAULTS = ConfigParser.device(java.util.Map.of(), null).value();
}
