package org.infinergi.core.charging.api;

/**
 * The Event Admin contract for "something happened" (ARCHITECTURE.md "Events"): topics under
 * {@value #TOPIC_ROOT} and their property keys, so that the panel, the web page and a central-system client listen
 * instead of polling, and need no other bundle than this API to do so. Every topic, when it fires and its properties
 * with their types are in {@code docs/events.md}. All events are posted asynchronously ({@code postEvent}): a
 * listener never holds up the charger, and must not expect them before the publisher's call returns.
 *
 * <p>Property values are strings, numbers and booleans only (no API types), so that any listener can read them;
 * an optional property is absent rather than null. Every event carries {@link #TIMESTAMP}.
 *
 * @since 1.4.0
 */
public final class ChargerEvents {

    /** Root of every infinergi topic. */
    public static final String TOPIC_ROOT = "org/infinergi/";

    // ---- the charging core ----

    /**
     * The display state changed (manual §6.1.1): {@link #STATE}, {@link #PREVIOUS_STATE}, {@link #DETAIL},
     * {@link #ERROR_CODE} if any.
     */
    public static final String STATE_CHANGED = "org/infinergi/charger/STATE_CHANGED";
    /**
     * What a display shows changed (manual §6.1.1 state, §8 logo row): any of the state, the error, the pilot
     * state, the mode, the offered current, the contactor or the detail differs from the previous status; a change
     * of the power or the energy alone is no such change. Carries the whole display: {@link #STATE},
     * {@link #PREVIOUS_STATE}, {@link #ERROR_CODE} and {@link #ERROR_CATEGORY} if any, {@link #DETAIL} if any,
     * {@link #PILOT_STATE} if read, {@link #OFFERED_CURRENT_A}, {@link #CONTACTOR_CLOSED}, {@link #MODE}.
     */
    public static final String STATUS_CHANGED = "org/infinergi/charger/STATUS_CHANGED";
    /** A vehicle was connected and a session began: {@link #SESSION_ID}, {@link #MODE}, {@link #ID_TAG} if any. */
    public static final String SESSION_STARTED = "org/infinergi/charger/session/STARTED";
    /**
     * The session ended: {@link #SESSION_ID}, {@link #ENERGY_WH}, {@link #PEAK_POWER_W}, {@link #END_REASON},
     * {@link #MODE}, {@link #ID_TAG} if any.
     */
    public static final String SESSION_STOPPED = "org/infinergi/charger/session/STOPPED";
    /**
     * An error of manual §9.1 was raised: {@link #ERROR_CODE}, {@link #ERROR_CATEGORY}, {@link #ERROR_TITLE},
     * {@link #DETAIL}.
     */
    public static final String ERROR_RAISED = "org/infinergi/charger/error/RAISED";
    /**
     * An error was cleared (by itself or by a recovery): {@link #ERROR_CODE}, {@link #ERROR_CATEGORY},
     * {@link #ERROR_TITLE}.
     */
    public static final String ERROR_CLEARED = "org/infinergi/charger/error/CLEARED";
    /** Every topic of the charging core. */
    public static final String CHARGER_ALL = "org/infinergi/charger/*";

    // ---- authentication (manual §5.7) ----

    /** A card was presented while authentication is required (its outcome follows): {@link #ID_TAG}. */
    public static final String CARD_PRESENTED = "org/infinergi/auth/card/PRESENTED";
    /** The card authorizes the charge: {@link #ID_TAG}, {@link #REASON}. */
    public static final String CARD_ACCEPTED = "org/infinergi/auth/card/ACCEPTED";
    /** The card was refused: {@link #ID_TAG}, {@link #REASON}. */
    public static final String CARD_REFUSED = "org/infinergi/auth/card/REFUSED";
    /** Every card topic. */
    public static final String CARD_ALL = "org/infinergi/auth/card/*";

    // ---- field update (manual §5.9) ----

    /**
     * A verified update waits for the end of the charging session (once per update): {@link #BUNDLE},
     * {@link #FROM_VERSION}, {@link #TO_VERSION}, {@link #REASON}.
     */
    public static final String UPDATE_STAGED = "org/infinergi/update/STAGED";
    /** The new version runs: {@link #BUNDLE}, {@link #FROM_VERSION}, {@link #TO_VERSION}. */
    public static final String UPDATE_APPLIED = "org/infinergi/update/APPLIED";
    /**
     * Applying failed, the charger is back to normal operation: {@link #BUNDLE}, {@link #FROM_VERSION},
     * {@link #TO_VERSION}, {@link #REASON}.
     */
    public static final String UPDATE_FAILED = "org/infinergi/update/FAILED";
    /** Every update topic. */
    public static final String UPDATE_ALL = "org/infinergi/update/*";

    // ---- property keys ----

    /** {@code Long}: when it happened, epoch milliseconds (the key of {@code EventConstants.TIMESTAMP}). */
    public static final String TIMESTAMP = "timestamp";
    /** {@code String}: a {@link ChargerState} name. */
    public static final String STATE = "state";
    /** {@code String}: the {@link ChargerState} name before the change. */
    public static final String PREVIOUS_STATE = "previousState";
    /** {@code String}: a sentence on why (the status detail, or what the error detector saw). */
    public static final String DETAIL = "detail";
    /** {@code String}: a manual §9.1 {@link ErrorCode} name (I1 … D9). */
    public static final String ERROR_CODE = "error";
    /** {@code Integer}: the error's §9.1 category (1 installation, 2 vehicle, 3 device; the LED's blink count). */
    public static final String ERROR_CATEGORY = "errorCategory";
    /** {@code String}: the manual's name of the error. */
    public static final String ERROR_TITLE = "errorTitle";
    /**
     * {@code String}: the IEC 61851-1 {@link PilotState} name read from the pilot line (absent when the voltage is
     * out of every band).
     */
    public static final String PILOT_STATE = "pilotState";
    /** {@code Double}: current per phase offered to the vehicle through the PWM, amperes; 0 when none. */
    public static final String OFFERED_CURRENT_A = "offeredCurrentA";
    /** {@code Boolean}: whether the contactor is commanded closed. */
    public static final String CONTACTOR_CLOSED = "contactorClosed";
    /**
     * {@code Long}: identifies a session from its start to its stop: the epoch milliseconds of the plug-in
     * (sessions of one charger never overlap). The durable history assigns its own id when the session is stored.
     */
    public static final String SESSION_ID = "sessionId";
    /** {@code String}: a {@link ChargingMode} name. */
    public static final String MODE = "mode";
    /** {@code Double}: energy delivered in the session, watt-hours. */
    public static final String ENERGY_WH = "energyWh";
    /** {@code Double}: highest active power of the session, watts. */
    public static final String PEAK_POWER_W = "peakPowerW";
    /** {@code String}: why the session ended (e.g. {@code VEHICLE_DISCONNECTED}). */
    public static final String END_REASON = "endReason";
    /** {@code String}: who authenticated: a card's UID (upper-case hexadecimal) or an OCPP id tag. */
    public static final String ID_TAG = "idTag";
    /** {@code String}: a sentence for the user or the technician. */
    public static final String REASON = "reason";
    /** {@code String}: the symbolic name of the updated bundle. */
    public static final String BUNDLE = "bundle";
    /** {@code String}: the version installed before the update. */
    public static final String FROM_VERSION = "fromVersion";
    /** {@code String}: the version the update brings. */
    public static final String TO_VERSION = "toVersion";

    private ChargerEvents() {
    }
}
