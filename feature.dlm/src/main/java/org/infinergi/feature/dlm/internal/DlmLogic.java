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
 * The charger's reading is used here for the phases the car draws on and for its draw over time only.
 *
 * <p>Why DLM holds its offer while a grid reading may not show the car's last change ({@link #settled}): a grid meter
 * serves what it measured up to a refresh period before its reading's time (registers refreshed once a second,
 * averaging). After the car moved, such a reading still holds its old current while the site's load takes out the new
 * one: after a raise the house looks lighter by the raise and DLM raised again, after a lowering heavier and it lowered
 * again — on the 3T-DR sim image the offer swung between 7.7 A and 13.4 A around a room of 10.6 A, and bench/energy
 * with a meter that refreshes once a second swung the whole evening. Within the lag of a change the room can be
 * anything between what the reading shows and that ± the change: DLM neither raises on it nor follows it down unless
 * even the most it can be is below the offer (a real rise of the house: lowered at once to that most, so safety never
 * waits for a reading that shows the car). A stale or missing grid reading still pauses at once.
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
            Decision d = staleGrid(site, prev);
            return new Decision(d.limit(), d.next().offering(0));
        }
        // Never seen drawing: every phase of the supply, the most loaded of them is the safe guess.
        List<Integer> phases = CarPhases.inUse(charger, prev.carPhases(), CarPhases.supply(site, charger));
        DlmState st = drawn(prev.withCarPhases(phases), charger, phases, now);
        Room room = phaseRoom(s, site, phases).min(powerRoom(s, site, phases));
        Decision d = follow(s, settled(room, st, site.at(), s.gridLag()), st, now);
        return new Decision(d.limit(), d.next().offering(d.limit().amps()));
    }

    /** The car's draw now (its most loaded phase of those it uses) added to what DLM remembers of it. */
    static DlmState drawn(DlmState st, ElectricalReading charger, List<Integer> phases, Instant now) {
        if (charger == null || !charger.fresh()) {
            return st;
        }
        double amps = 0;
        for (int p : phases) {
            if (p < charger.phases().size()) {
                amps = Math.max(amps, Math.max(0, charger.phases().get(p).currentA()));
            }
        }
        return st.drawing(charger.at() != null ? charger.at() : now, amps);
    }

    /**
     * The room a grid reading taken at {@code gridAt} leaves, given that it may show the site up to {@code lag}
     * earlier: the site's load took out the car's draw at {@code gridAt}, while the reading may hold any draw of the
     * car's within the lag. A rise of the car hidden that way makes the room look larger by up to that rise, a fall
     * smaller. Without a change within the lag the room is the reading's; with one, DLM holds its last offer while it
     * lies within what the room can be, raises only to the least it can be, and lowers at once to the most it can be
     * when that is below the offer.
     */
    static Room settled(Room room, DlmState st, Instant gridAt, Duration lag) {
        if (Double.isNaN(room.amps()) || gridAt == null || lag.isZero()) {
            return room;
        }
        DlmState.Span car = st.drawsBetween(gridAt.minus(lag), gridAt);
        if (car == null) {
            return room;
        }
        double hiddenRise = car.at() - car.min();
        double hiddenFall = car.max() - car.at();
        if (hiddenRise <= 0 && hiddenFall <= 0) {
            // Every change counts, however small: one that is followed feeds the next reading's error, and the
            // swing it starts (up, up, down, down …) does not die down by itself — 0.4 A ones kept the evening of
            // bench/energy 1 s over the limit every few minutes.
            return room;
        }
        double least = room.amps() - hiddenRise;
        double most = room.amps() + hiddenFall;
        double offer = st.offerA();
        String lagging = String.format(Locale.ROOT, "the grid reading may not show the car's change of %.1f A yet",
                hiddenRise >= hiddenFall ? hiddenRise : -hiddenFall);
        if (Double.isNaN(offer) || offer < least) {
            return new Room(least, String.format(Locale.ROOT, "at least %.1f A left (%s; %s)", least, room.why(),
                    lagging));
        }
        if (offer > most) {
            // Down to the most the room can be, not the least: right after the car started, the least is the house
            // with the car counted twice (a pause the 3T-DR sim image took at a house step); the next reading that
            // can show the car lowers further if the room is less.
            return new Room(most, String.format(Locale.ROOT, "%.1f A left at most (%s; %s)", most, room.why(),
                    lagging));
        }
        return new Room(offer, String.format(Locale.ROOT, "%.1f A held (%s; %s)", offer, room.why(), lagging));
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
