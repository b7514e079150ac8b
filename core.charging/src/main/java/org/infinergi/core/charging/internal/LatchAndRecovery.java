package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.internal.ControlLogic.Outcome;
import org.infinergi.core.charging.internal.CoreState.ActiveError;

/**
 * Manual §9.1 "Errors and recovery": an error is raised when its cause is seen; I3, I4 and D7 clear by themselves
 * when the cause is gone; all others wait, after the cause is gone, for a recovery attempt (the multifunction
 * button, the web or OCPP reset).
 */
final class LatchAndRecovery {

    /**
     * Which error is shown when several are active: danger to people first (DC leakage, earth, a live output, a
     * reversed supply), then damage to the device or the vehicle (overload, heat), then the protective devices
     * and the connector, then the vehicle and the pilot, then internal faults, then the supply quality, then
     * communication.
     */
    static final List<ErrorCode> PRIORITY = List.of(ErrorCode.V2, ErrorCode.I1, ErrorCode.D4, ErrorCode.I2,
            ErrorCode.V1, ErrorCode.D7, ErrorCode.D6, ErrorCode.D5, ErrorCode.V4, ErrorCode.V3, ErrorCode.V5,
            ErrorCode.D3, ErrorCode.D8, ErrorCode.I4, ErrorCode.I3, ErrorCode.D9, ErrorCode.D2, ErrorCode.D1);

    /**
     * Faults where safety does not allow waiting for the vehicle to stop drawing: the contactor opens in the cycle
     * the fault is seen. Leakage (V2), earth (I1), reversed supply (I2), overload (V1), a contactor that does not
     * obey (D4), a pilot that cannot be trusted (V4, D3), an unknown cable (V5), a lock that does not hold the plug
     * (D5), an untested protective device (D6) and an unexpected internal state (D8).
     */
    static final Set<ErrorCode> OPEN_AT_ONCE = EnumSet.of(ErrorCode.V1, ErrorCode.V2, ErrorCode.V4, ErrorCode.V5,
            ErrorCode.I1, ErrorCode.I2, ErrorCode.D3, ErrorCode.D4, ErrorCode.D5, ErrorCode.D6, ErrorCode.D8);

    /**
     * The errors whose recovery action in manual §9.1 begins with "Disconnect the vehicle": a reset is refused
     * until the vehicle has been disconnected (pilot A) once since the error was raised.
     */
    static final Set<ErrorCode> DISCONNECT_FIRST = EnumSet.of(ErrorCode.I1, ErrorCode.V1, ErrorCode.V2,
            ErrorCode.V3, ErrorCode.V4, ErrorCode.D6, ErrorCode.D8);

    static final String DISCONNECT_THE_VEHICLE = "disconnect the vehicle first (manual §9.1)";

    private LatchAndRecovery() {
    }

    /**
     * The error set after one cycle.
     *
     * @param errors    the active errors
     * @param active    the same, most relevant first ({@link #PRIORITY})
     * @param events    errors raised or cleared in this cycle
     * @param holdUntil state F is driven until then (after a fault of {@link #OPEN_AT_ONCE}), or null
     */
    record Latched(Map<ErrorCode, ActiveError> errors, List<ErrorCode> active, List<ErrorEvent> events,
            Instant holdUntil) {

        boolean any() {
            return !active.isEmpty();
        }

        /** An active error does not allow waiting for the vehicle to stop drawing. */
        boolean openAtOnce() {
            return active.stream().anyMatch(OPEN_AT_ONCE::contains);
        }

        /** State F is held now. */
        boolean holdF(Instant now) {
            return holdUntil != null && now.isBefore(holdUntil);
        }
    }

    /**
     * Raises the new causes, clears what may be cleared; holds state F after a fault that opened at once.
     * {@code vehicleOut}: the pilot shows A this cycle (the vehicle, or the cable, was disconnected).
     */
    static Latched latch(CoreState prev, Map<ErrorCode, String> causes, Instant now, long faultHoldMs,
            boolean vehicleOut) {
        Map<ErrorCode, ActiveError> errors = new EnumMap<>(ErrorCode.class);
        errors.putAll(prev.errors());
        List<ErrorEvent> events = new ArrayList<>();
        boolean raisedOpenAtOnce = false;
        for (Map.Entry<ErrorCode, String> c : causes.entrySet()) {
            if (!errors.containsKey(c.getKey())) {
                errors.put(c.getKey(), new ActiveError(now, c.getValue()));
                events.add(new ErrorEvent(ErrorEvent.Kind.RAISED, c.getKey(), now, c.getValue()));
                raisedOpenAtOnce |= OPEN_AT_ONCE.contains(c.getKey());
            }
        }
        for (Map.Entry<ErrorCode, ActiveError> e : prev.errors().entrySet()) {
            if (!causes.containsKey(e.getKey()) && clears(e.getKey(), e.getValue(), prev, vehicleOut)) {
                errors.remove(e.getKey());
                events.add(new ErrorEvent(ErrorEvent.Kind.CLEARED, e.getKey(), now, null));
            }
        }
        if (vehicleOut) {
            errors.replaceAll((code, e) -> e.disconnected());
        }
        Instant holdUntil = raisedOpenAtOnce ? now.plusMillis(faultHoldMs)
                : prev.faultHoldUntil() != null && now.isBefore(prev.faultHoldUntil()) ? prev.faultHoldUntil()
                        : null;
        return new Latched(errors, PRIORITY.stream().filter(errors::containsKey).toList(), events, holdUntil);
    }

    /**
     * An error whose cause is gone clears by itself (I3, I4, D7; a D9 raised while a slow MID meter starts up, manual
     * §9.1 note 5), when the cable is removed (V5: "Disconnect the
     * cable and check …"), or on a recovery attempt once the vehicle was disconnected where the manual says so.
     */
    private static boolean clears(ErrorCode code, ActiveError e, CoreState prev, boolean vehicleOut) {
        return code.clearsByItself() || (code == ErrorCode.V5 && vehicleOut)
                || (code == ErrorCode.D9 && ErrorDetectors.D9_AT_START_UP.equals(e.detail()))
                || (prev.recoveryRequested() && !waitsForDisconnection(code, e));
    }

    /** A reset cannot clear this error yet: the manual's remedy begins with disconnecting the vehicle. */
    static boolean waitsForDisconnection(ErrorCode code, ActiveError e) {
        return DISCONNECT_FIRST.contains(code) && !e.vehicleDisconnected();
    }

    /** "V2 Ground fault: DC leakage … (also active: I3); disconnect the vehicle first (manual §9.1)". */
    static String describe(List<ErrorCode> active, Map<ErrorCode, ActiveError> errors) {
        ErrorCode top = active.get(0);
        String s = top.name() + " " + top.title() + ": " + errors.get(top).detail();
        if (active.size() > 1) {
            s += " (also active: " + active.subList(1, active.size()).stream().map(Enum::name)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (active.stream().anyMatch(c -> waitsForDisconnection(c, errors.get(c)))) {
            s += "; " + DISCONNECT_THE_VEHICLE;
        }
        return s;
    }

    /**
     * A recovery attempt (manual §9.1 "press the multifunction button to reset the device", web or OCPP reset):
     * answered from what the last cycle saw; the latched errors whose cause is gone are cleared in the next cycle.
     */
    static Outcome recover(CoreState s) {
        if (s.errors().isEmpty()) {
            return new Outcome(new ChargerControl.Result(false, "no error to recover from"), s);
        }
        List<ErrorCode> latched = PRIORITY.stream()
                .filter(c -> s.errors().containsKey(c) && !c.clearsByItself()).toList();
        if (latched.isEmpty()) {
            return new Outcome(new ChargerControl.Result(false, String.join(", ", s.errors().keySet().stream()
                    .map(Enum::name).toList()) + " clear by themselves once the cause is gone (manual §9.1)"), s);
        }
        List<ErrorCode> persisting = latched.stream().filter(s.causes()::containsKey).toList();
        List<ErrorCode> plugged = latched.stream()
                .filter(c -> !s.causes().containsKey(c) && waitsForDisconnection(c, s.errors().get(c))).toList();
        List<ErrorCode> clearable = latched.stream()
                .filter(c -> !s.causes().containsKey(c) && !plugged.contains(c)).toList();
        String stays = persisting.stream().map(c -> c.name() + " (" + s.causes().get(c) + ")")
                .collect(Collectors.joining(", "));
        String waits = names(plugged) + ": " + DISCONNECT_THE_VEHICLE;
        if (clearable.isEmpty()) {
            String why = persisting.isEmpty() ? waits
                    : "the cause is still present: " + stays + (plugged.isEmpty() ? "" : "; " + waits);
            return new Outcome(new ChargerControl.Result(false, "recovery refused: " + why), s);
        }
        String msg = "recovery: " + names(clearable) + " cleared"
                + (persisting.isEmpty() ? "" : "; still active, cause present: " + stays)
                + (plugged.isEmpty() ? "" : "; still active, " + waits);
        return new Outcome(new ChargerControl.Result(true, msg), s.withRecoveryRequested(true));
    }

    private static String names(List<ErrorCode> codes) {
        return codes.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
