package org.infinergi.core.charging.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.hal.MeterReading;

/**
 * The charging core's decision, a pure function of one {@link ControlInput} (CONVENTIONS §8): IEC 61851-1 pilot
 * states A–F, installation gating (manual §4.10, §7.1.1), the offered current as the minimum over all limits, the
 * session bookkeeping. No I/O, no clock reads, no mutable state.
 */
final class ControlLogic {

    static final String DETAIL_WAITING = "current offered, waiting for the vehicle to start charging";
    static final String DETAIL_TERMINATED = "charging terminated";
    static final String DETAIL_VENTILATION = "ventilation requested by the vehicle (manual §2.1)";
    static final String DETAIL_NOT_COMPLETE = "installation not complete (manual §4.10)";
    static final String DETAIL_DISABLED = "charging not enabled (manual §7.1.1)";
    static final String DETAIL_INITIALISING = "waiting for the first pilot reading";
    /** Manual §9.1: pilot problem. */
    static final String ERROR_PILOT = "V4";
    static final String END_VEHICLE_DISCONNECTED = "VEHICLE_DISCONNECTED";
    static final String NO_PROVIDER = "no limit provider";

    ControlDecision decide(ControlInput in) {
        CoreState prev = in.previous();
        ChargerSettings settings = in.settings();
        Instant now = in.now();
        MeterReading meter = in.meter();
        double powerW = meter == null ? 0 : meter.powerW();
        ChargingMode mode = settings.charging().activeMode();

        if (in.pilot() == null) {
            // Before the first reading the charger is still starting; afterwards an unreadable line is a fault.
            boolean starting = prev.state() == ChargerState.INITIALISING;
            Session session = prev.session();
            CoreState next = new CoreState(starting ? ChargerState.INITIALISING : ChargerState.ERROR, null,
                    DutyCycle.NO_OFFER, false, session, prev.lastSessionEnergyWh(), null);
            return new ControlDecision(DutyCycle.NO_OFFER, false, 0, next.state(), null,
                    starting ? DETAIL_INITIALISING : "pilot problem: the pilot line could not be read", null,
                    starting ? null : ERROR_PILOT, powerW, energyShown(session, prev.lastSessionEnergyWh()),
                    List.of(), next);
        }
        PilotState pilot = PilotState.ofVolts(in.pilot().positiveV()).orElse(null);
        String gate = !settings.installation().installationComplete() ? DETAIL_NOT_COMPLETE
                : !settings.installation().chargingEnabled() ? DETAIL_DISABLED : null;

        // Session bookkeeping: from plug-in (A → B/C/D) to unplug (→ A).
        List<SessionEvent> events = new ArrayList<>(1);
        Session session = prev.session();
        double lastEnergy = prev.lastSessionEnergyWh();
        if (session != null && meter != null) {
            session = session.metered(meter.energyWh(), meter.powerW());
        }
        if (pilot == PilotState.A && session != null) {
            events.add(new SessionEvent(SessionEvent.Kind.ENDED, new SessionRecord(0, session.start(), now,
                    session.energyWh(), session.peakPowerW(), session.mode(), END_VEHICLE_DISCONNECTED)));
            lastEnergy = session.energyWh();
            session = null;
        }
        boolean connected = pilot == PilotState.B || pilot == PilotState.C || pilot == PilotState.D;
        if (connected && session == null && gate == null) {
            session = Session.start(now, mode);
            if (meter != null) {
                session = session.metered(meter.energyWh(), meter.powerW());
            }
            events.add(new SessionEvent(SessionEvent.Kind.STARTED,
                    new SessionRecord(0, now, now, 0, session.peakPowerW(), mode, null)));
        }

        // The offer: the minimum over all limits; the mode arbiter adds the modes that have no provider yet.
        List<Limit> limits = new ArrayList<>(in.limits());
        if (mode != ChargingMode.FAST) {
            limits.add(new Limit(0, "mode " + mode + " not installed",
                    "no provider for mode " + mode + " yet; charging paused on the safe side"));
        }
        Limit winner = null;
        for (Limit l : limits) {
            if (winner == null || l.amps() < winner.amps()) {
                winner = l;
            }
        }
        double available = winner == null ? 0 : winner.amps();
        double offer = available >= DutyCycle.MIN_CURRENT_A ? Math.min(available, DutyCycle.MAX_CURRENT_A) : 0;
        String limitedBy = winner == null ? NO_PROVIDER : winner.source();

        double duty = DutyCycle.NO_OFFER;
        boolean contactor = false;
        double offered = 0;
        Instant withdrawnAt = null;
        String error = null;
        ChargerState state;
        String detail;
        if (gate != null) {
            // Administrative stop: never offer, never close; a charge in progress stops like any EVSE stop.
            state = ChargerState.NOT_ENABLED;
            detail = gate;
            Instant since = graceStart(prev, pilot, now, settings.core());
            contactor = since != null;
            withdrawnAt = since;
        } else if (pilot == null || pilot == PilotState.E || pilot == PilotState.F) {
            state = ChargerState.ERROR;
            error = ERROR_PILOT;
            detail = pilot == null
                    ? String.format(Locale.ROOT, "pilot problem: %.2f V is outside every pilot state band",
                            in.pilot().positiveV())
                    : pilot == PilotState.E ? "pilot problem: state E (pilot shorted to PE)"
                            : "pilot problem: state F read from the pilot line";
        } else {
            switch (pilot) {
            case A -> {
                state = ChargerState.VEHICLE_NOT_CONNECTED;
                detail = "";
            }
            case B -> {
                if (offer > 0) {
                    duty = DutyCycle.forCurrent(offer);
                    offered = offer;
                    boolean finished = session != null && session.hasCharged();
                    state = finished ? ChargerState.TERMINATED : ChargerState.WAITING_FOR_CURRENT;
                    detail = finished ? DETAIL_TERMINATED : DETAIL_WAITING;
                } else {
                    state = ChargerState.WAITING_FOR_CURRENT;
                    detail = "no current available: " + noOfferReason(winner);
                }
            }
            case C -> {
                if (offer > 0) {
                    duty = DutyCycle.forCurrent(offer);
                    offered = offer;
                    // IEC 61851-1: close only once the PWM offer is on the line (or keep it closed if it was).
                    boolean pwmWasOn = prev.dutyCyclePct() > 0 && prev.dutyCyclePct() < DutyCycle.NO_OFFER;
                    contactor = prev.contactorClosed() || pwmWasOn;
                    state = ChargerState.CHARGING;
                    detail = contactor
                            ? String.format(Locale.ROOT, "charging at %.1f A, limited by %s", offer, limitedBy)
                            : "current offered, closing the contactor";
                    if (contactor && session != null) {
                        session = session.charged();
                    }
                } else {
                    // IEC 61851-1: the EVSE stops a charge by withdrawing the PWM first; the contactor opens when
                    // the EV has gone to B, or after the grace at the latest.
                    Instant since = graceStart(prev, pilot, now, settings.core());
                    contactor = since != null;
                    withdrawnAt = since;
                    state = ChargerState.PAUSED;
                    detail = "paused: " + noOfferReason(winner);
                }
            }
            case D -> {
                state = ChargerState.PAUSED;
                detail = DETAIL_VENTILATION;
            }
            default -> throw new IllegalStateException("unreachable: " + pilot);
            }
        }
        CoreState next = new CoreState(state, pilot, duty, contactor, session, lastEnergy, withdrawnAt);
        return new ControlDecision(duty, contactor, offered, state, pilot, detail, limitedBy, error, powerW,
                energyShown(session, lastEnergy), events, next);
    }

    /**
     * While the vehicle stays in C with the contactor closed and no offer: when the grace started, or null when
     * the contactor must be open now (not in C, not closed, or the grace is over).
     */
    private static Instant graceStart(CoreState prev, PilotState pilot, Instant now, CoreSettings core) {
        if (pilot != PilotState.C || !prev.contactorClosed()) {
            return null;
        }
        Instant since = prev.offerWithdrawnAt() == null ? now : prev.offerWithdrawnAt();
        return Duration.between(since, now).toMillis() < core.stopGraceMs() ? since : null;
    }

    private static String noOfferReason(Limit winner) {
        if (winner == null) {
            return "no limit provider registered";
        }
        String s = String.format(Locale.ROOT, "%s allows %.1f A, below the 6 A minimum (IEC 61851-1)",
                winner.source(), winner.amps());
        return winner.detail().isEmpty() ? s : s + "; " + winner.detail();
    }

    private static double energyShown(Session session, double lastEnergy) {
        return session != null ? session.energyWh() : lastEnergy;
    }
}
