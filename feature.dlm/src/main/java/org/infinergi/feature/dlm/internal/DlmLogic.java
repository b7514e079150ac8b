package org.infinergi.feature.dlm.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.infinergi.core.charging.api.CarPhases;
import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.PhaseReading;
import org.infinergi.core.charging.api.ReadingStatus;

/**
 * The DLM decision (manual §5.3), a pure function of the settings, the site's load without the charger, the
 * charger's own reading, what the last decision left and the time. The room is what the limit leaves once the house —
 * the grid import without the charger's own draw at the grid reading's time ({@code ElectricalReadings.siteLoad()}) —
 * is served; the offer follows it at every decision, so a house load step lowers the
 * current at the next one. Below the 6 A minimum of IEC 61851-1 the charge pauses at once, and resumes only once the
 * room has stayed at 6 A + hysteresis for the resume delay. A grid reading that is not fresh pauses at once: DLM never
 * charges on a last good value (ARCHITECTURE "Safety").
 *
 * <p>Why the site's load and not the grid reading minus the charger's latest reading: the grid meter is polled (up to
 * a second old), the charger's own meter is nearly current. While the car follows a new offer the two disagree by the
 * change of its draw; the house looked lighter by that much, the room grew, the offer rose, and the car went on
 * following offers it had been given a second before — 16 A on an 11 kW contract that leaves 9.4 A (bench/energy).
 * The charger's reading is used here for the phases the car draws on only.
 */
final class DlmLogic {

    /** The name the status shows as {@code limitedBy}. */
    static final String SOURCE = "DLM";
    /** Manual §8, §6.1.1: what the status says while DLM leaves less than the minimum. */
    static final String NOT_AVAILABLE = "Current not available (DLM)";
    /** IEC 61851-1: no charge below 6 A. */
    static final double MIN_A = 6.0;
    /** The highest current the IEC 61851-1 PWM can offer: DLM's "no limit", so it never wins when off. */
    static final double NO_LIMIT_A = 80.0;
    /** Manual §2.3: the phase voltage to turn a power into a current when the meter gives none. */
    static final double NOMINAL_V = 230.0;

    /** No maximum import set: DLM does not lower the current. */
    static final Limit OFF = new Limit(NO_LIMIT_A, SOURCE, "DLM off: no maximum import set (manual §5.3)");

    private DlmLogic() {
    }

    /** The limit now and the state for the next decision. */
    record Decision(Limit limit, DlmState next) {
    }

    /**
     * The room the limits leave for the car, per phase it uses.
     *
     * @param amps amperes per phase the car may take; NaN when it cannot be measured (pause on the safe side)
     * @param why  how it was found, as the status shows it
     */
    record Room(double amps, String why) {
        static Room none() {
            return new Room(Double.POSITIVE_INFINITY, "");
        }

        Room min(Room other) {
            if (Double.isNaN(amps) || Double.isNaN(other.amps)) {
                return Double.isNaN(amps) ? this : other;
            }
            return other.amps < amps ? other : this;
        }
    }

    /**
     * One decision.
     *
     * @param site    {@code ElectricalReadings.siteLoad()}: the grid reading without the charger's draw at its time,
     *                with the grid reading's status, source and voltages
     * @param charger the vehicle meter in use, for the phases the car draws on; null when there is none
     */
    static Decision decide(DlmSettings s, ElectricalReading site, ElectricalReading charger, DlmState prev,
            Instant now) {
        if (!s.enabled()) {
            return new Decision(OFF, DlmState.INITIAL);
        }
        if (site.status() == ReadingStatus.NOT_CONFIGURED) {
            // Manual §5.3: DLM needs a grid meter; without one there is nothing to follow.
            return new Decision(new Limit(NO_LIMIT_A, SOURCE,
                    "DLM off: no grid meter (org.infinergi.metering gridMeter = NONE, manual §5.2.2)"),
                    DlmState.INITIAL);
        }
        if (!site.fresh()) {
            return staleGrid(site, prev);
        }
        // Never seen drawing: every phase of the supply, the most loaded of them is the safe guess.
        List<Integer> phases = CarPhases.inUse(charger, prev.carPhases(), CarPhases.supply(site, charger));
        Room room = phaseRoom(s, site, phases).min(powerRoom(s, site, phases));
        return follow(s, room, prev.withCarPhases(phases), now);
    }

    /** A grid reading that is stale or missing: pause now, and the resume delay starts over once it is back. */
    static Decision staleGrid(ElectricalReading grid, DlmState prev) {
        String age = grid.ageMs() == null ? "never read" : "last read " + grid.ageMs() / 1000 + " s ago";
        return new Decision(new Limit(0, SOURCE, String.format(Locale.ROOT,
                "%s: grid reading %s (%s, %s); paused on the safe side until the grid meter answers (manual §5.3)",
                NOT_AVAILABLE, grid.status(), grid.source(), age)), prev.pausedSince(null));
    }

    /**
     * The offer follows the room while it is at least 6 A; below, the charge pauses at once; a paused charge resumes
     * only once the room has stayed at 6 A + hysteresis for the resume delay.
     */
    static Decision follow(DlmSettings s, Room room, DlmState st, Instant now) {
        if (Double.isNaN(room.amps())) {
            return new Decision(new Limit(0, SOURCE, NOT_AVAILABLE + ": " + room.why() + "; paused on the safe side"),
                    st.pausedSince(null));
        }
        if (!st.paused()) {
            return room.amps() >= MIN_A ? new Decision(offer(room), st) : pause(s, room, st.pausedSince(null));
        }
        double resumeAt = MIN_A + s.resumeHysteresisA();
        if (room.amps() < resumeAt) {
            return pause(s, room, st.pausedSince(null));
        }
        Instant since = st.roomSince() == null ? now : st.roomSince();
        Duration held = Duration.between(since, now);
        if (held.compareTo(s.resumeDelay()) >= 0) {
            return new Decision(offer(room), st.running());
        }
        return new Decision(new Limit(0, SOURCE, String.format(Locale.ROOT,
                "%s: %s; resuming once it holds %.1f A for %d s (%d s so far)", NOT_AVAILABLE, room.why(), resumeAt,
                s.resumeDelay().toSeconds(), held.toSeconds())), st.pausedSince(since));
    }

    private static Decision pause(DlmSettings s, Room room, DlmState paused) {
        return new Decision(new Limit(0, SOURCE, String.format(Locale.ROOT,
                "%s: %s, below the 6 A minimum (manual §5.3); resumes at %.1f A held for %d s", NOT_AVAILABLE,
                room.why(), MIN_A + s.resumeHysteresisA(), s.resumeDelay().toSeconds())), paused);
    }

    private static Limit offer(Room room) {
        return new Limit(Math.min(room.amps(), NO_LIMIT_A), SOURCE, room.why());
    }

    /** {@code maxPhaseCurrentA} − the house load on the most loaded phase the car uses. */
    static Room phaseRoom(DlmSettings s, ElectricalReading site, List<Integer> phases) {
        if (s.maxPhaseCurrentA() <= 0) {
            return Room.none();
        }
        Room room = Room.none();
        for (int p : phases) {
            if (p >= site.phases().size()) {
                return new Room(Double.NaN, String.format(Locale.ROOT,
                        "the grid meter (%s) measures no L%d, which the car uses", site.source(), p + 1));
            }
            // The house on this phase: import +, export − (a PV plant's export is room), the charger taken out.
            double house = site.phases().get(p).currentA();
            double amps = s.targetPhaseCurrentA() - house;
            room = room.min(new Room(amps, String.format(Locale.ROOT,
                    "%.1f A left on L%d (limit %.1f A, house %.1f A)", amps, p + 1, s.maxPhaseCurrentA(), house)));
        }
        return room;
    }

    /**
     * {@code maxGridImportW} − the house's total import, spread over the phases the car uses at their measured
     * voltage.
     */
    static Room powerRoom(DlmSettings s, ElectricalReading site, List<Integer> phases) {
        if (s.maxGridImportW() <= 0) {
            return Room.none();
        }
        if (site.powerW() == null) {
            return new Room(Double.NaN, "the grid meter (" + site.source() + ") gives no total power");
        }
        double houseW = site.powerW();
        double roomW = s.targetImportW() - houseW;
        double volts = 0;
        for (int p : phases) {
            volts += voltage(site, p);
        }
        double amps = roomW / volts;
        return new Room(amps, String.format(Locale.ROOT, "%.1f A left per phase on %d phase(s) (limit %d W, house %.0f W)",
                amps, phases.size(), s.maxGridImportW(), houseW));
    }

    /** Phase {@code p}'s measured voltage, or the nominal one when the meter gives none that is plausible. */
    static double voltage(ElectricalReading grid, int p) {
        if (p < grid.phases().size()) {
            PhaseReading r = grid.phases().get(p);
            if (Double.isFinite(r.voltageV()) && r.voltageV() > 100) {
                return r.voltageV();
            }
        }
        return NOMINAL_V;
    }
}
