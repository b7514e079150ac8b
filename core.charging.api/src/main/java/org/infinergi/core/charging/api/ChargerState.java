package org.infinergi.core.charging.api;

/** The device states of the display's home screen, manual §6.1.1 (A), in the manual's order. */
public enum ChargerState {
    /** Device initialization in progress. */
    INITIALISING("Device initialization in progress"),
    /** Charging not enabled (manual §7.1.1 "Charging enabled" off, or installation not complete). */
    NOT_ENABLED("Charging not enabled"),
    /** Device out of service. */
    OUT_OF_SERVICE("Device out of service"),
    /** Vehicle not connected. */
    VEHICLE_NOT_CONNECTED("Vehicle not connected"),
    /** Vehicle connected but user not yet authenticated. */
    WAITING_FOR_AUTHENTICATION("Vehicle connected but user not yet authenticated"),
    /** Vehicle connected but charge current not yet available. */
    WAITING_FOR_CURRENT("Vehicle connected but charge current not yet available"),
    /** Charging in progress. */
    CHARGING("Charging in progress"),
    /** Charging paused. */
    PAUSED("Charging paused"),
    /** Charging terminated. */
    TERMINATED("Charging terminated"),
    /** Error encountered (manual §9.1). */
    ERROR("Error encountered"),
    /** Firmware update in progress. */
    UPDATING("Firmware update in progress");

    private final String text;

    ChargerState(String text) {
        this.text = text;
    }

    /** The manual's wording of this state, as the display and the web page show it. */
    public String text() {
        return text;
    }
}
