package org.infinergi.core.charging.internal;

import static org.infinergi.core.charging.internal.Debounce.ms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.hal.MeterReading;

/**
 * The session from plug-in (A → B/C/D) to unplug (→ A), its energy, the user's pause (manual §6.2.1), the user's
 * authentication (§5.7) and a firmware update in progress (§5.9).
 *
 * @param session    the session in progress after this cycle, or null
 * @param lastEnergy energy of the last finished session (shown until the next plug-in)
 * @param events     sessions started or ended in this cycle
 * @param userPaused the user's pause holds (it ends at unplug)
 * @param access     authentication and update in force after this cycle
 * @param needsAuth  a connected vehicle waits for a user to authenticate
 */
record SessionBookkeeping(Session session, double lastEnergy, List<SessionEvent> events, boolean userPaused,
        CoreState.Access access, boolean needsAuth) {

    static final String END_VEHICLE_DISCONNECTED = "VEHICLE_DISCONNECTED";

    static SessionBookkeeping of(Cycle c, PilotView p) {
        CoreState prev = c.prev();
        Instant now = c.now();
        // Manual §5.2.1.2: the MID meter, when selected, replaces the internal one in the statistics.
        MeterReading meter = c.vehicle();
        ChargingMode mode = c.in().settings().charging().activeMode();
        List<SessionEvent> events = new ArrayList<>(1);
        Session session = prev.session();
        double lastEnergy = prev.lastSessionEnergyWh();
        // Manual §5.7: the id tag that authorized the session goes into the history with it (who charged).
        String idTag = prev.access().authorizedBy();
        if (session != null && meter != null) {
            // Manual §9.2: the energy since the last reading is green in the share the grid reading shows now.
            session = session.metered(meter.energyWh(), meter.powerW(),
                    GreenShare.fraction(meter, c.in().grid(), now, c.core().meterFreshMs()));
        }
        if (session != null) {
            session = session.authorizedBy(idTag);
        }
        if (p.disconnected() && session != null) {
            events.add(new SessionEvent(SessionEvent.Kind.ENDED, session.ended(now, END_VEHICLE_DISCONNECTED)));
            lastEnergy = session.energyWh();
            session = null;
        }
        if (p.connected() && session == null && c.gate() == null) {
            session = Session.start(now, mode).authorizedBy(idTag);
            if (meter != null) {
                session = session.metered(meter.energyWh(), meter.powerW());
            }
            events.add(new SessionEvent(SessionEvent.Kind.STARTED,
                    new SessionRecord(0, now, now, 0, session.peakPowerW(), mode, null, session.idTag())));
        }
        boolean userPaused = prev.userPaused() && !p.disconnected();
        CoreState.Access access = access(c, p);
        // A session that already charged keeps charging if the mode changes under it; the next one authenticates.
        boolean needsAuth = c.in().authRequired() && p.connected() && access.authorizedBy() == null
                && !(session != null && session.hasCharged());
        return new SessionBookkeeping(session, lastEnergy, events, userPaused, access, needsAuth);
    }

    /** Authentication (manual §5.7) and firmware update (§5.9) after this cycle. */
    private static CoreState.Access access(Cycle c, PilotView p) {
        CoreState prev = c.prev();
        CoreSettings core = c.core();
        CoreState.Access access = prev.access();
        if (access.authorizedBy() != null) {
            // An authentication holds for one session: it ends at unplug, or lapses when no vehicle comes in time.
            boolean unplugged = p.disconnected() && prev.session() != null;
            boolean lapsed = !p.connected() && ms(access.authorizedAt(), c.now()) >= core.authValidityMs();
            if (unplugged || lapsed) {
                access = access.unauthorized();
            }
        }
        if (access.updating() != null && ms(access.updatingSince(), c.now()) >= core.updateTimeoutMs()) {
            // An updater that never reports its end must not leave the charger unusable.
            access = access.update(null, null);
        }
        return access;
    }

    /** The contactor closed in C: this session has charged (B afterwards shows it terminated). */
    SessionBookkeeping charging() {
        return session == null ? this
                : new SessionBookkeeping(session.charged(), lastEnergy, events, userPaused, access, needsAuth);
    }

    /** Energy shown: the session in progress, or the last one. */
    double energyShown() {
        return session != null ? session.energyWh() : lastEnergy;
    }
}
