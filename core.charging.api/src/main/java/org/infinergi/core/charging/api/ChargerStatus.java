package org.infinergi.core.charging.api;

import java.time.Instant;
import java.util.List;

/**
 * A consistent snapshot of the charger, as {@code GET /api/status} and {@code charger:status} show it.
 *
 * @param model           device model of the label, manual §2.4 (e.g. {@code INFINERGI-3T-DR})
 * @param state           display state, manual §6.1.1
 * @param pilot           IEC 61851-1 pilot state read from the pilot line, or null when out of every band
 * @param offeredCurrentA current per phase offered to the vehicle through the PWM; 0 when none
 * @param dutyCyclePct    PWM duty cycle on the pilot, percent; 100 = steady +12 V, 0 = steady −12 V (state F)
 * @param contactorClosed whether the contactor is commanded closed
 * @param limitedBy       the limit provider that set the offered current, or null when no limit applies
 * @param mode            the active charging mode, manual §5.1
 * @param powerW          active power drawn by the vehicle now, watts
 * @param sessionEnergyWh energy delivered in the current (or last) session, watt-hours
 * @param error           manual §9.1 error code (I1 … D9) or null
 * @param detail          a sentence on why the state is what it is (pause reason, configuration error …)
 * @param at              when this snapshot was taken
 * @param configurationError why the last configuration change was rejected (PID, property, bad value), or
 *                        null when the configuration in force is the one last written; since 1.1.0
 * @param errorCategory   manual §9.1 category of {@code error} (1 installation, 2 vehicle, 3 device; the LED's
 *                        blink count), 0 when there is no error; since 1.2.0
 * @param activeErrors    every active error code, most relevant first ({@code error} is the first); never null;
 *                        since 1.2.0
 * @param rejectedConfigurations every rejected configuration in force now, of every PID and bundle (PID, key,
 *                        value, why), the same as {@code configurationError} says in words; never null; since 1.5.0
 * @param activeProgram   the program the active mode runs now ({@link ModeDecision#program()}: {@code P1}…{@code P6}
 *                        or {@code DEFAULT} in the Programmed mode, manual §5.1.3), or null when there is none;
 *                        since 1.8.0
 */
public record ChargerStatus(
        String model,
        ChargerState state,
        PilotState pilot,
        double offeredCurrentA,
        double dutyCyclePct,
        boolean contactorClosed,
        String limitedBy,
        ChargingMode mode,
        double powerW,
        double sessionEnergyWh,
        String error,
        String detail,
        Instant at,
        String configurationError,
        int errorCategory,
        List<String> activeErrors,
        List<ConfigurationRejection> rejectedConfigurations,
        String activeProgram) {

    /**
     * The {@code detail} while the core runs its tests before the charge (the RDC-DD self-test, manual §4.3): the
     * state stays WAITING_FOR_CURRENT, and the logo shows "Test in progress before starting charge" (manual §8).
     *
     * @since 1.4.0
     */
    public static final String DETAIL_PRE_CHARGE_TEST = "RDC-DD test before the charge (manual §4.3)";

    /**
     * How the {@code detail} begins while DLM's limit is the lowest and below the 6 A minimum (manual §5.3), so the
     * charge does not start or pauses: the logo shows "Vehicle connected but charging current not available" (manual
     * §8), whether the vehicle waits in B or had been charging in C. The rest of the detail says DLM's reason.
     *
     * @since 1.9.0
     */
    public static final String DETAIL_CURRENT_NOT_AVAILABLE_DLM = "Current not available (DLM)";

    /**
     * How the {@code detail} begins while the Green mode pauses the charge for lack of surplus (manual §5.1.2): the
     * manual §8 suspension "Green energy not available"; the logo shows "Charging was suspended". The rest of the
     * detail says Green's reason.
     *
     * @since 1.9.0
     */
    public static final String DETAIL_GREEN_ENERGY_NOT_AVAILABLE = "Suspended: green energy not available";

    /**
     * How the {@code detail} begins while the OCPP mode (manual §5.1.4) waits for the central system to confirm the
     * transaction it was sent (StartTransaction): the manual §8 row "Waiting for transaction start confirmation (only in
     * OCPP mode)". The rest of the detail says why.
     *
     * @since 2.1.0
     */
    public static final String DETAIL_OCPP_WAITING_FOR_TRANSACTION = "Waiting for transaction start confirmation";

    /**
     * How the {@code detail} begins while the OCPP mode waits for the central system's answer to an authorization
     * (Authorize): the manual §8 row "Charging authorization request in progress".
     *
     * @since 2.1.0
     */
    public static final String DETAIL_OCPP_AUTHORIZATION_IN_PROGRESS = "Charging authorization request in progress";

    /**
     * How the {@code detail} begins while the OCPP mode has no transaction the central system confirmed (none started,
     * refused, stopped by it, or no central system set): the manual §8 suspension "Device not enabled for charging
     * (only in OCPP mode)"; the logo shows "Charging was suspended".
     *
     * @since 2.1.0
     */
    public static final String DETAIL_OCPP_NOT_ENABLED = "Suspended: device not enabled for charging (OCPP)";

    public ChargerStatus {
        activeErrors = activeErrors == null ? List.of() : List.copyOf(activeErrors);
        rejectedConfigurations = rejectedConfigurations == null ? List.of() : List.copyOf(rejectedConfigurations);
    }

    /** The 1.5.0 shape, without {@code activeProgram} (null). */
    public ChargerStatus(String model, ChargerState state, PilotState pilot, double offeredCurrentA,
            double dutyCyclePct, boolean contactorClosed, String limitedBy, ChargingMode mode, double powerW,
            double sessionEnergyWh, String error, String detail, Instant at, String configurationError,
            int errorCategory, List<String> activeErrors, List<ConfigurationRejection> rejectedConfigurations) {
        this(model, state, pilot, offeredCurrentA, dutyCyclePct, contactorClosed, limitedBy, mode, powerW,
                sessionEnergyWh, error, detail, at, configurationError, errorCategory, activeErrors,
                rejectedConfigurations, null);
    }

    /** The 1.2.0 shape, without the structured list ({@code rejectedConfigurations} empty). */
    public ChargerStatus(String model, ChargerState state, PilotState pilot, double offeredCurrentA,
            double dutyCyclePct, boolean contactorClosed, String limitedBy, ChargingMode mode, double powerW,
            double sessionEnergyWh, String error, String detail, Instant at, String configurationError,
            int errorCategory, List<String> activeErrors) {
        this(model, state, pilot, offeredCurrentA, dutyCyclePct, contactorClosed, limitedBy, mode, powerW,
                sessionEnergyWh, error, detail, at, configurationError, errorCategory, activeErrors, List.of());
    }

    /** The 1.1.0 shape: {@code errorCategory} and {@code activeErrors} derived from {@code error} alone. */
    public ChargerStatus(String model, ChargerState state, PilotState pilot, double offeredCurrentA,
            double dutyCyclePct, boolean contactorClosed, String limitedBy, ChargingMode mode, double powerW,
            double sessionEnergyWh, String error, String detail, Instant at, String configurationError) {
        this(model, state, pilot, offeredCurrentA, dutyCyclePct, contactorClosed, limitedBy, mode, powerW,
                sessionEnergyWh, error, detail, at, configurationError, categoryOf(error),
                error == null ? List.of() : List.of(error));
    }

    private static int categoryOf(String error) {
        if (error == null) {
            return 0;
        }
        try {
            return ErrorCode.valueOf(error).category().number();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** The 1.0.0 shape, without {@code configurationError} (null). */
    public ChargerStatus(String model, ChargerState state, PilotState pilot, double offeredCurrentA,
            double dutyCyclePct, boolean contactorClosed, String limitedBy, ChargingMode mode, double powerW,
            double sessionEnergyWh, String error, String detail, Instant at) {
        this(model, state, pilot, offeredCurrentA, dutyCyclePct, contactorClosed, limitedBy, mode, powerW,
                sessionEnergyWh, error, detail, at, null);
    }
}
