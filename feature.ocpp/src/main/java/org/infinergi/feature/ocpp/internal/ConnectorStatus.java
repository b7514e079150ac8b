package org.infinergi.feature.ocpp.internal;

import java.util.Map;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ErrorCode;

/**
 * What a StatusNotification tells (OCPP 1.6 §4.9, ChargePointStatus and ChargePointErrorCode) for the charger's
 * display state of manual §6.1.1: a pure function of the fields the core's {@code STATUS_CHANGED} event carries
 * (docs/events.md), so it is the same whether the status comes from the event or from {@code status()}.
 *
 * <p>{@code vendorErrorCode} is the manual's §9.1 code (I1 … D9) whenever the charger is Faulted, so the central
 * system's operator reads the code the manual explains.
 */
record ConnectorStatus(String status, String errorCode, String vendorErrorCode, String info) {

    static final String NO_ERROR = "NoError";

    /** The fields of a status, as the core's event carries them. */
    record Input(ChargerState state, String pilotState, boolean contactorClosed, double offeredCurrentA,
            String error, String detail) {

        static Input of(ChargerStatus s) {
            return new Input(s.state(), s.pilot() == null ? null : s.pilot().name(), s.contactorClosed(),
                    s.offeredCurrentA(), s.error(), s.detail());
        }

        /** From a {@code STATUS_CHANGED} event's properties (docs/events.md); null when it names no known state. */
        static Input of(Map<String, ?> p) {
            ChargerState state;
            try {
                state = ChargerState.valueOf(String.valueOf(p.get(ChargerEvents.STATE)));
            } catch (IllegalArgumentException e) {
                return null;
            }
            Object contactor = p.get(ChargerEvents.CONTACTOR_CLOSED);
            Object offered = p.get(ChargerEvents.OFFERED_CURRENT_A);
            return new Input(state, (String) p.get(ChargerEvents.PILOT_STATE), Boolean.TRUE.equals(contactor),
                    offered instanceof Number n ? n.doubleValue() : 0, (String) p.get(ChargerEvents.ERROR_CODE),
                    (String) p.get(ChargerEvents.DETAIL));
        }
    }

    /** Connector 1: the charger's only outlet. */
    static ConnectorStatus ofConnector(Input in) {
        return switch (in.state()) {
            case ERROR -> faulted(in.error());
            // not usable now: starting, not enabled by the installer (§7.1.1), out of service, updating (§5.9)
            case INITIALISING, NOT_ENABLED, OUT_OF_SERVICE, UPDATING -> plain("Unavailable");
            case VEHICLE_NOT_CONNECTED -> plain("Available");
            case WAITING_FOR_AUTHENTICATION -> plain("Preparing");
            // the RDC-DD test before the charge (manual §4.3) is the start of a charge; any other wait is the
            // charger not offering current (DLM, Green, schedule)
            case WAITING_FOR_CURRENT -> plain(ChargerStatus.DETAIL_PRE_CHARGE_TEST.equals(in.detail())
                    ? "Preparing" : "SuspendedEVSE");
            case CHARGING, PAUSED -> energyFlow(in);
            case TERMINATED -> plain("Finishing");
        };
    }

    /** Connector 0: the charge point as a whole (OCPP 1.6 §4.9: only Available, Unavailable, Faulted). */
    static ConnectorStatus ofChargePoint(Input in) {
        ConnectorStatus c = ofConnector(in);
        return switch (c.status()) {
            case "Unavailable", "Faulted" -> c;
            default -> plain("Available");
        };
    }

    /**
     * Current offered and the car drawing (pilot C or D, contactor closed): Charging; current offered but the car
     * not asking for it (pilot B): SuspendedEV; no current offered: SuspendedEVSE.
     */
    private static ConnectorStatus energyFlow(Input in) {
        if (in.offeredCurrentA() <= 0) {
            return plain("SuspendedEVSE");
        }
        boolean carDraws = "C".equals(in.pilotState()) || "D".equals(in.pilotState());
        if (carDraws && in.contactorClosed()) {
            return plain("Charging");
        }
        return plain(carDraws ? "SuspendedEVSE" : "SuspendedEV");
    }

    private static ConnectorStatus faulted(String error) {
        ErrorCode code = parse(error);
        if (code == null) {
            return new ConnectorStatus("Faulted", "InternalError", error == null ? null : error, null);
        }
        return new ConnectorStatus("Faulted", ocppErrorOf(code), code.name(), code.title());
    }

    /** The ChargePointErrorCode that names the manual's error of §9.1 best; OtherError when none does. */
    static String ocppErrorOf(ErrorCode code) {
        return switch (code) {
            case I3 -> "UnderVoltage";
            case I4 -> "OverVoltage";
            case V1 -> "OverCurrentFailure";
            case V2 -> "GroundFailure";
            case V3, V4 -> "EVCommunicationError";
            case D1, D3, D6, D8 -> "InternalError";
            case D4 -> "PowerSwitchFailure";
            case D5 -> "ConnectorLockFailure";
            case D7 -> "HighTemperature";
            case D9 -> "PowerMeterFailure";
            case I1, I2, V5, D2 -> "OtherError";
        };
    }

    private static ErrorCode parse(String error) {
        if (error == null) {
            return null;
        }
        try {
            return ErrorCode.valueOf(error);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ConnectorStatus plain(String status) {
        return new ConnectorStatus(status, NO_ERROR, null, null);
    }
}
