package org.infinergi.feature.ocpp.internal;

/**
 * What BootNotification tells about the charger (OCPP 1.6 §6.2): the label of manual §2.4 and the firmware. Cut to
 * the lengths the schema allows (vendor and model 20, serial 25, firmware 50 characters).
 */
record BootInfo(String vendor, String model, String serial, String firmware) {

    BootInfo {
        vendor = cut(vendor, 20);
        model = cut(model, 20);
        serial = cut(serial, 25);
        firmware = cut(firmware, 50);
    }

    private static String cut(String s, int max) {
        return s == null || s.isEmpty() ? null : s.length() > max ? s.substring(0, max) : s;
    }
}
