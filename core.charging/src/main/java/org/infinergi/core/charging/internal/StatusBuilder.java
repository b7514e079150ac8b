package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.internal.CoreState.ActiveError;

/** The one place a {@link ChargerStatus} is built: before the first cycle, after a cycle, after a failed cycle. */
final class StatusBuilder {

    /**
     * The rejected configurations of every PID.
     *
     * @param text in words, every PID's rejection joined ({@code configurationError}), or null when none
     * @param all  one entry per bad key
     */
    record Rejected(String text, List<ConfigurationRejection> all) {
    }

    private StatusBuilder() {
    }

    /** Before the first cycle, or while a start waits for the store ({@code detail} says which): nothing offered. */
    static ChargerStatus initialising(ChargerSettings s, Instant at, Rejected rejected, String detail) {
        return new ChargerStatus(s.device().model(), ChargerState.INITIALISING, null, 0, DutyCycle.NO_OFFER, false,
                null, s.charging().activeMode(), 0, 0, null, detail, at,
                rejected.text(), 0, List.of(), rejected.all());
    }

    /**
     * What a cycle decided.
     *
     * @param activeProgram the program the active mode ran this cycle ({@code ModeDecision.program()}), or null
     */
    static ChargerStatus of(ControlDecision d, ChargerSettings s, Instant at, Rejected rejected,
            String activeProgram) {
        // Display value: one decimal, as IEC 61851-1's table writes it (the hardware gets the exact value).
        double duty = Math.round(d.dutyCyclePct() * 10) / 10.0;
        List<ErrorCode> active = d.activeErrors();
        return new ChargerStatus(s.device().model(), d.state(), d.pilot(), d.offeredCurrentA(), duty,
                d.contactorClosed(), d.limitedBy(), s.charging().activeMode(), d.powerW(), d.sessionEnergyWh(),
                d.error(), d.detail(), at, rejected.text(), categoryOf(active), names(active), rejected.all(),
                activeProgram);
    }

    /** After a failed cycle: the safe side (nothing offered, contactor open) with the errors now active. */
    static ChargerStatus fault(CoreState state, ChargerSettings s, Instant at, Rejected rejected) {
        Map<ErrorCode, ActiveError> errors = state.errors();
        List<ErrorCode> active = ControlLogic.PRIORITY.stream().filter(errors::containsKey).toList();
        double energy = state.session() == null ? state.lastSessionEnergyWh() : state.session().energyWh();
        return new ChargerStatus(s.device().model(), ChargerState.ERROR, null, 0, 0, false, null,
                s.charging().activeMode(), 0, energy, active.get(0).name(), ControlLogic.describe(active, errors),
                at, rejected.text(), categoryOf(active), names(active), rejected.all());
    }

    private static int categoryOf(List<ErrorCode> active) {
        return active.isEmpty() ? 0 : active.get(0).category().number();
    }

    private static List<String> names(List<ErrorCode> active) {
        return active.isEmpty() ? List.of() : active.stream().map(Enum::name).toList();
    }
}
