package org.infinergi.feature.ocpp.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.infinergi.feature.ocpp.internal.ChargingProfile.Kind;
import org.infinergi.feature.ocpp.internal.ChargingProfile.Purpose;

/**
 * The composite schedule of OCPP 1.6 §3.13 as pure functions of the installed profiles, a time and the transaction:
 * within one purpose the profile of the highest stackLevel in effect wins (a TxDefaultProfile of connector 1 before
 * one of connector 0); a TxProfile of the open transaction replaces the TxDefaultProfile; the limit is the lower of
 * the ChargePointMaxProfile and that one. A profile is in effect at t when it is valid (validFrom ≤ t < validTo) and
 * its schedule runs at t: an Absolute one from startSchedule, a Recurring one from startSchedule plus whole days
 * (Daily) or weeks (Weekly), a Relative one from the transaction's start (without a transaction: from the start of
 * the computation), for {@code duration} seconds when given, from its first period on. Limits in W become amperes
 * per phase with the phases the car uses and the nominal voltage; a limit below the schedule's minChargingRate is 0
 * (the vehicle cannot charge that low: paused). No clock is read: the caller passes the time.
 */
final class CompositeSchedule {

    /** Manual §2.3: the nominal phase voltage, to turn watts into amperes per phase. */
    static final double NOMINAL_V = 230.0;
    /** A GetCompositeSchedule answer holds at most this many periods (a week of a 15-minute recurring schedule). */
    static final int MAX_PERIODS = 1024;

    /**
     * What the limit depends on besides the profiles.
     *
     * @param transactionOpen whether a transaction is open on connector 1
     * @param transactionId   its id at the central system, null until StartTransaction is answered
     * @param transactionStart when it started (Relative profiles), null without one
     * @param phases          the phases the car uses (W → A)
     */
    record Context(boolean transactionOpen, Integer transactionId, Instant transactionStart, int phases) {
        static Context none(int phases) {
            return new Context(false, null, null, phases);
        }

        Context withStart(Instant start) {
            return new Context(transactionOpen, transactionId, start, phases);
        }
    }

    /** The limit in effect: amperes per phase and the profile that sets it. */
    record Effective(double amps, ChargingProfile profile) {
    }

    /** One period of a composite schedule: from {@code startPeriod} seconds on, at most {@code limit}. */
    record Slot(int startPeriod, double limit) {
    }

    private CompositeSchedule() {
    }

    /**
     * The limit on {@code connectorId} at {@code t}: connector 0 the ChargePointMaxProfile alone, connector 1 the lower
     * of it and the transaction's profile; empty when no profile is in effect.
     *
     * @param origin where a Relative profile starts without a transaction
     */
    static Optional<Effective> at(List<ChargingProfile> profiles, int connectorId, Instant t, Instant origin,
            Context c) {
        Optional<Effective> max = best(profiles, Purpose.ChargePointMaxProfile, 0, t, origin, c);
        if (connectorId == 0) {
            return max;
        }
        Optional<Effective> tx = best(profiles, Purpose.TxProfile, 1, t, origin, c);
        if (tx.isEmpty()) {
            tx = best(profiles, Purpose.TxDefaultProfile, 1, t, origin, c);
        }
        if (tx.isEmpty()) {
            tx = best(profiles, Purpose.TxDefaultProfile, 0, t, origin, c);
        }
        if (max.isEmpty()) {
            return tx;
        }
        if (tx.isEmpty()) {
            return max;
        }
        return tx.get().amps() < max.get().amps() ? tx : max;
    }

    /** The in-effect profile of {@code purpose} on {@code connectorId} with the highest stackLevel. */
    private static Optional<Effective> best(List<ChargingProfile> profiles, Purpose purpose, int connectorId,
            Instant t, Instant origin, Context c) {
        Effective best = null;
        for (ChargingProfile p : profiles) {
            if (p.purpose() != purpose || p.connectorId() != connectorId
                    || best != null && best.profile().stackLevel() >= p.stackLevel()) {
                continue;
            }
            Optional<Double> a = limitOf(p, t, origin, c);
            if (a.isPresent()) {
                best = new Effective(a.get(), p);
            }
        }
        return Optional.ofNullable(best);
    }

    /** The limit {@code p} sets at {@code t}, in amperes per phase; empty when it is not in effect then. */
    static Optional<Double> limitOf(ChargingProfile p, Instant t, Instant origin, Context c) {
        if (!p.validAt(t) || !appliesTo(p, c)) {
            return Optional.empty();
        }
        Instant start = scheduleStart(p, t, origin, c);
        if (start == null) {
            return Optional.empty();
        }
        long offset = Math.floorDiv(Duration.between(start, t).toMillis(), 1000);
        if (offset < 0 || p.duration() != null && offset >= p.duration()) {
            return Optional.empty();
        }
        ChargingProfile.Period in = null;
        for (ChargingProfile.Period q : p.periods()) {
            if (q.startPeriod() <= offset && (in == null || q.startPeriod() > in.startPeriod())) {
                in = q;
            }
        }
        if (in == null) {
            return Optional.empty();
        }
        if (p.minChargingRate() != null && in.limit() < p.minChargingRate()) {
            return Optional.of(0.0);
        }
        return Optional.of(amps(in.limit(), p.unit(), c.phases()));
    }

    /** A TxProfile belongs to the open transaction (the one it names, or, naming none, the one it came during). */
    private static boolean appliesTo(ChargingProfile p, Context c) {
        if (p.purpose() != Purpose.TxProfile) {
            return true;
        }
        return c.transactionOpen() && (p.transactionId() == null || p.transactionId().equals(c.transactionId()));
    }

    /** Where the schedule's period 0 is for {@code t}: the recurrence that began last, for a Recurring one. */
    private static Instant scheduleStart(ChargingProfile p, Instant t, Instant origin, Context c) {
        if (p.kind() == Kind.Relative) {
            return c.transactionStart() != null ? c.transactionStart() : origin;
        }
        Instant s = p.startSchedule();
        if (s == null || p.kind() == Kind.Absolute) {
            return s;
        }
        long period = p.recurrenceSeconds();
        long k = Math.floorDiv(Math.floorDiv(Duration.between(s, t).toMillis(), 1000), period);
        return s.plusSeconds(k * period);
    }

    /** A limit in {@code unit} as amperes per phase (W: over {@code phases} at the nominal voltage). */
    static double amps(double limit, String unit, int phases) {
        return "W".equals(unit) ? limit / (NOMINAL_V * Math.max(1, phases)) : limit;
    }

    /** Amperes per phase in {@code unit}, rounded down to the 0.1 the schema allows (never above the limit). */
    static double inUnit(double amps, String unit, int phases) {
        double v = "W".equals(unit) ? amps * NOMINAL_V * Math.max(1, phases) : amps;
        return Math.floor(v * 10 + 1e-9) / 10;
    }

    /**
     * GetCompositeSchedule (§5.7): the limit on {@code connectorId} from {@code start} for {@code duration} seconds,
     * in {@code unit}, as periods that change only where the limit does; where no profile is in effect the charger's
     * own {@code ratedA}.
     */
    static List<Slot> schedule(List<ChargingProfile> profiles, int connectorId, Instant start, int duration,
            String unit, Context c, double ratedA) {
        Instant end = start.plusSeconds(duration);
        TreeSet<Instant> changes = new TreeSet<>();
        changes.add(start);
        for (ChargingProfile p : profiles) {
            changesOf(p, start, end, start, c, changes);
        }
        List<Slot> out = new ArrayList<>();
        for (Instant t : changes.subSet(start, true, end, false)) {
            double a = at(profiles, connectorId, t, start, c).map(Effective::amps).orElse(ratedA);
            double v = inUnit(Math.min(a, ratedA), unit, c.phases());
            if (out.isEmpty() || out.get(out.size() - 1).limit() != v) {
                out.add(new Slot((int) Duration.between(start, t).getSeconds(), v));
            }
            if (out.size() >= MAX_PERIODS) {
                break;
            }
        }
        out.sort(Comparator.comparingInt(Slot::startPeriod));
        return out;
    }

    /** The instants within [from, to) where {@code p} may start or stop setting the limit, or change it. */
    private static void changesOf(ChargingProfile p, Instant from, Instant to, Instant origin, Context c,
            TreeSet<Instant> into) {
        addWithin(p.validFrom(), from, to, into);
        addWithin(p.validTo(), from, to, into);
        List<Instant> starts = new ArrayList<>();
        if (p.kind() == Kind.Recurring && p.startSchedule() != null) {
            long period = p.recurrenceSeconds();
            long k = Math.floorDiv(Math.floorDiv(Duration.between(p.startSchedule(), from).toMillis(), 1000), period);
            for (Instant s = p.startSchedule().plusSeconds(k * period); s.isBefore(to) && into.size() < 4 * MAX_PERIODS;
                    s = s.plusSeconds(period)) {
                starts.add(s);
            }
        } else {
            Instant s = p.kind() == Kind.Relative ? c.transactionStart() != null ? c.transactionStart() : origin
                    : p.startSchedule();
            if (s != null) {
                starts.add(s);
            }
        }
        for (Instant s : starts) {
            for (ChargingProfile.Period q : p.periods()) {
                addWithin(s.plusSeconds(q.startPeriod()), from, to, into);
            }
            if (p.duration() != null) {
                addWithin(s.plusSeconds(p.duration()), from, to, into);
            }
        }
    }

    private static void addWithin(Instant t, Instant from, Instant to, TreeSet<Instant> into) {
        if (t != null && !t.isBefore(from) && t.isBefore(to)) {
            into.add(t);
        }
    }
}
