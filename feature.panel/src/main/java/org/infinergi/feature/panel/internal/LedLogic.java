package org.infinergi.feature.panel.internal;

import java.util.Locale;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;

/**
 * Manual §8 "Light signals" as a pure function: situation → colour and pattern. The manual's colour column
 * is lost in the text; the colours are ours (README "LED table"): yellow = installation/waiting for energy
 * (§4.10 says "blinking yellow" for configuration mode), blue = vehicle connected and not drawing, green =
 * charging and its neighbours, red = errors and refusals, white = startup, cyan = remote (OCPP,
 * authorisation request), magenta = software update.
 *
 * <p>Precedence, highest first: startup, error (§9.1: blinks until the error is resolved), software update,
 * installation incomplete (§4.10: the device is unusable), authentication indications, then the charge state.
 */
public final class LedLogic {

    static final LedSignal STARTUP = new LedSignal(LedColour.WHITE, LedPattern.singleBlink(600), "Infinergi startup.");
    static final LedSignal NOT_CONNECTED = LedSignal.DARK;
    static final LedSignal CURRENT_NOT_AVAILABLE = new LedSignal(LedColour.YELLOW, LedPattern.FIXED,
            "Vehicle connected but charging current not available.");
    /** The same row when DLM keeps the current below 6 A (manual §5.3), in B or pausing a charge in C. */
    static final LedSignal CURRENT_NOT_AVAILABLE_DLM = new LedSignal(LedColour.YELLOW, LedPattern.FIXED,
            "Vehicle connected but charging current not available: "
                    + ChargerStatus.DETAIL_CURRENT_NOT_AVAILABLE_DLM + ".");
    static final LedSignal INSTALLATION_INCOMPLETE = new LedSignal(LedColour.YELLOW, LedPattern.periodic(1000),
            "Incomplete installation.");
    static final LedSignal SUSPENDED = new LedSignal(LedColour.BLUE, LedPattern.periodic(2000),
            "Charging was suspended.");
    /** The suspension "Green energy not available" (Green mode without surplus, manual §5.1.2). */
    static final LedSignal SUSPENDED_GREEN = new LedSignal(LedColour.BLUE, LedPattern.periodic(2000),
            "Charging was suspended: green energy not available.");
    static final LedSignal WAITING_FOR_VEHICLE = new LedSignal(LedColour.BLUE, LedPattern.FIXED,
            "Vehicle connected, waiting for it to start charging.");
    static final LedSignal TEST_IN_PROGRESS = new LedSignal(LedColour.GREEN, LedPattern.periodic(200),
            "Test in progress before starting charge.");
    static final LedSignal CHARGING_COMPLETE = new LedSignal(LedColour.GREEN, LedPattern.FIXED,
            "Vehicle charging complete.");
    static final LedSignal CHARGING = new LedSignal(LedColour.GREEN, LedPattern.periodic(1000),
            "Charging in progress.");
    static final LedSignal AUTH_VALID = new LedSignal(LedColour.GREEN, LedPattern.doubleBlink(350),
            "Valid authentication.");
    static final LedSignal UPDATING = new LedSignal(LedColour.MAGENTA, LedPattern.periodic(2000),
            "Software update in progress: do not power off the device.");
    static final LedSignal OCPP_TRANSACTION_PENDING = new LedSignal(LedColour.CYAN, LedPattern.FIXED,
            "Waiting for transaction start confirmation (only in OCPP mode).");
    static final LedSignal AUTH_REQUEST = new LedSignal(LedColour.CYAN, LedPattern.singleBlink(500),
            "Charging authorization request in progress.");
    static final LedSignal AUTH_FAILED = new LedSignal(LedColour.RED, LedPattern.doubleBlink(350),
            "Failed authentication.");

    private LedLogic() {
    }

    /** The §8 row for {@code s}. */
    public static LedSignal signal(PanelSituation s) {
        ChargerStatus st = s.status();
        ChargerState state = st.state();
        if (s.startingUp() || state == ChargerState.INITIALISING) {
            return STARTUP;
        }
        if (state == ChargerState.ERROR || st.error() != null) {
            int category = category(st.error());
            return new LedSignal(LedColour.RED, LedPattern.errorCategory(category),
                    "The device has encountered an error (category " + category + ").");
        }
        if (state == ChargerState.UPDATING) {
            return UPDATING;
        }
        if (!s.installationComplete()) {
            return INSTALLATION_INCOMPLETE;
        }
        switch (s.authorisation()) {
            case VALID -> {
                return AUTH_VALID;
            }
            case FAILED -> {
                return AUTH_FAILED;
            }
            case REQUEST_IN_PROGRESS -> {
                return AUTH_REQUEST;
            }
            case NONE -> {
                // the charge state decides
            }
        }
        boolean connected = st.pilot() == PilotState.B || st.pilot() == PilotState.C || st.pilot() == PilotState.D;
        if (s.ocppTransactionPending() && connected) {
            return OCPP_TRANSACTION_PENDING;
        }
        return switch (state) {
            case VEHICLE_NOT_CONNECTED, OUT_OF_SERVICE -> NOT_CONNECTED;
            // §8 lists "Device not enabled for charging (only in OCPP mode)" among the suspensions.
            case NOT_ENABLED -> st.mode() == ChargingMode.OCPP && connected ? SUSPENDED : NOT_CONNECTED;
            case WAITING_FOR_AUTHENTICATION -> WAITING_FOR_VEHICLE;
            // The core runs its pre-charge test (RDC-DD, manual §4.3) with the offer on, or offers a current (PWM)
            // and waits for the EV to ask (B → C), or has none to offer.
            case WAITING_FOR_CURRENT -> ChargerStatus.DETAIL_PRE_CHARGE_TEST.equals(st.detail()) ? TEST_IN_PROGRESS
                    : st.offeredCurrentA() > 0 ? WAITING_FOR_VEHICLE
                            : begins(st, ChargerStatus.DETAIL_CURRENT_NOT_AVAILABLE_DLM) ? CURRENT_NOT_AVAILABLE_DLM
                                    : CURRENT_NOT_AVAILABLE;
            // The EV asked (C) and the core runs its pre-charge checks (RDC-DD self-test) before closing.
            case CHARGING -> st.contactorClosed() ? CHARGING : TEST_IN_PROGRESS;
            case PAUSED -> paused(st);
            case TERMINATED -> CHARGING_COMPLETE;
            case INITIALISING, ERROR, UPDATING -> throw new AssertionError("handled above: " + state);
        };
    }

    /**
     * A pause: DLM's (the core's detail begins "Current not available (DLM)") is the §8 row "charging current not
     * available" even when it stopped a charge in C, as the manual says of DLM; Green's lack of surplus is the
     * suspension "Green energy not available"; the OCPP mode's waits for the central system are "Waiting for
     * transaction start confirmation" and "Charging authorization request in progress"; any other (the OCPP mode's
     * "Device not enabled for charging" among them) is "Charging was suspended".
     */
    private static LedSignal paused(ChargerStatus st) {
        return begins(st, ChargerStatus.DETAIL_CURRENT_NOT_AVAILABLE_DLM) ? CURRENT_NOT_AVAILABLE_DLM
                : begins(st, ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE) ? SUSPENDED_GREEN
                        // the OCPP mode's pauses (feature.ocpp, manual §5.1.4) in the rows §8 gives them
                        : begins(st, ChargerStatus.DETAIL_OCPP_WAITING_FOR_TRANSACTION) ? OCPP_TRANSACTION_PENDING
                                : begins(st, ChargerStatus.DETAIL_OCPP_AUTHORIZATION_IN_PROGRESS) ? AUTH_REQUEST
                                        : SUSPENDED;
    }

    private static boolean begins(ChargerStatus st, String row) {
        return st.detail() != null && st.detail().startsWith(row);
    }

    /** The §9.1 category (blink count) of an error code; 3 (device) when the code is unknown or missing. */
    static int category(String error) {
        if (error != null) {
            try {
                return ErrorCode.valueOf(error.trim().toUpperCase(Locale.ROOT)).category().number();
            } catch (IllegalArgumentException unknown) {
                // fall through: an error we cannot classify is the device's
            }
        }
        return ErrorCode.Category.DEVICE.number();
    }
}
