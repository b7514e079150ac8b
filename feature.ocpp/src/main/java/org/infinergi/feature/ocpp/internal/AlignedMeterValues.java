package org.infinergi.feature.ocpp.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Clock-aligned meter values (OCPP 1.6 §9.1 ClockAlignedDataInterval, MeterValuesAlignedData, StopTxnAlignedData):
 * the day is cut into intervals of {@code ClockAlignedDataInterval} seconds from midnight, 00:00:00 of the charger's
 * local time (the time zone of manual §7.2.2, PID {@code org.infinergi.system} {@code timeZone}, as the core's
 * {@code ChargerClock} tells it; the JVM's zone without a core), and at the end of each one a MeterValues with context {@code Sample.Clock} is sent for connector 1
 * (the vehicle meter in use): during a transaction through its durable queue, with its transactionId; otherwise as
 * an ordinary message (dropped when offline, as OCPP allows for messages that are not transaction messages). The
 * StopTxnAlignedData measurands are kept for StopTransaction's transactionData. 0 = none; a changed interval takes
 * effect at once. On the client's one thread.
 */
final class AlignedMeterValues {

    private final Logger log = LoggerFactory.getLogger(AlignedMeterValues.class);
    private final ChargePoint chargePoint;
    private final Transactions transactions;
    private final ConfigurationKeys keys;
    private final Frames frames;
    private final Timers timers;
    private final Clock clock;
    /** The charger's time zone, asked at each interval (a changed zone takes effect at the next boundary). */
    private final Supplier<ZoneId> zone;
    private Timers.Timer next;

    /** Aligned to midnight in the zone of {@code clock} (tests). */
    AlignedMeterValues(ChargePoint chargePoint, Transactions transactions, ConfigurationKeys keys, Frames frames,
            Timers timers, Clock clock) {
        this(chargePoint, transactions, keys, frames, timers, clock, clock::getZone);
    }

    AlignedMeterValues(ChargePoint chargePoint, Transactions transactions, ConfigurationKeys keys, Frames frames,
            Timers timers, Clock clock, Supplier<ZoneId> zone) {
        this.zone = zone;
        this.chargePoint = chargePoint;
        this.transactions = transactions;
        this.keys = keys;
        this.frames = frames;
        this.timers = timers;
        this.clock = clock;
        keys.whenChanged(k -> {
            if (ConfigurationKeys.CLOCK_ALIGNED_DATA_INTERVAL.equals(k)) {
                schedule();
            }
        });
        schedule();
    }

    /** The end of the interval {@code now} is in, in the zone of {@code now} ({@link #nextBoundary(Instant, ZoneId, int)}). */
    static Instant nextBoundary(ZonedDateTime now, int intervalS) {
        return nextBoundary(now.toInstant(), now.getZone(), intervalS);
    }

    /**
     * The end of the interval {@code now} is in: the next instant whose local clock time in {@code zone} is a
     * multiple of {@code intervalS} since 00:00:00. Boundaries follow the local clock across daylight saving time: on
     * the day the clock goes forward the local times it skips have no boundary (01:45 is followed by 03:00 with
     * quarter hours), on the day it goes back the hour shown twice has its boundaries twice.
     */
    static Instant nextBoundary(Instant now, ZoneId zone, int intervalS) {
        ZonedDateTime local = now.atZone(zone);
        Instant next = resolve(boundaryAfter(local.toLocalDateTime(), intervalS, false), intervalS, zone, local);
        ZoneOffsetTransition t = zone.getRules().nextTransition(now);
        if (t != null && t.isOverlap() && t.getInstant().isBefore(next)) {
            // the clock goes back before that boundary: the local times from the transition on come again
            LocalDateTime again = boundaryAfter(t.getDateTimeAfter(), intervalS, true);
            Instant once = again.atOffset(t.getOffsetAfter()).toInstant();
            if (once.isBefore(next)) {
                next = once;
            }
        }
        return next;
    }

    /**
     * The first local time after {@code t} (or at it, when {@code inclusive}) that is a multiple of {@code intervalS}
     * since its day's 00:00:00; the last interval of a day ends at the next midnight, whatever the interval (a day
     * need not divide evenly).
     */
    private static LocalDateTime boundaryAfter(LocalDateTime t, int intervalS, boolean inclusive) {
        LocalDateTime midnight = t.toLocalDate().atStartOfDay();
        long sinceMidnightMs = Duration.between(midnight, t).toMillis();
        long intervalMs = intervalS * 1000L;
        long n = inclusive && sinceMidnightMs % intervalMs == 0 ? sinceMidnightMs / intervalMs
                : sinceMidnightMs / intervalMs + 1;
        LocalDateTime boundary = midnight.plusNanos(n * intervalMs * 1_000_000L);
        LocalDateTime nextMidnight = midnight.plusDays(1);
        return boundary.isAfter(nextMidnight) ? nextMidnight : boundary;
    }

    /**
     * The instant a local boundary is shown at: a time the clock skips (going forward) has none, the next boundary
     * that exists is taken; a time shown twice is taken in the offset in force at {@code now} (the later one comes
     * from the transition, {@link #nextBoundary(Instant, ZoneId, int)}).
     */
    private static Instant resolve(LocalDateTime boundary, int intervalS, ZoneId zone, ZonedDateTime now) {
        LocalDateTime b = boundary;
        while (zone.getRules().getValidOffsets(b).isEmpty()) {
            b = boundaryAfter(b, intervalS, false);
        }
        return ZonedDateTime.ofLocal(b, zone, now.getOffset()).toInstant();
    }

    private void schedule() {
        cancel();
        int interval = keys.intValue(ConfigurationKeys.CLOCK_ALIGNED_DATA_INTERVAL);
        if (interval <= 0) {
            return;
        }
        Instant at = nextBoundary(clock.instant(), zone.get(), interval);
        next = timers.after(Duration.between(clock.instant(), at), () -> {
            next = null;
            sample(at);
            schedule();
        });
    }

    private void sample(Instant at) {
        OptionalDouble register = transactions.registerWh();
        if (register.isEmpty()) {
            log.debug("OCPP: no vehicle meter reading at {}, no clock-aligned value", at);
            return;
        }
        long wh = Math.round(register.getAsDouble());
        OptionalDouble power = transactions.powerW();
        transactions.addTransactionData(Measurands.meterValue(frames, at,
                Measurands.of(keys.value(ConfigurationKeys.STOP_TXN_ALIGNED_DATA)), "Sample.Clock", wh, power));
        List<String> measurands = Measurands.of(keys.value(ConfigurationKeys.METER_VALUES_ALIGNED_DATA));
        ObjectNode mv = Measurands.meterValue(frames, at, measurands, "Sample.Clock", wh, power);
        if (mv == null || transactions.transactionMeterValues(mv)) {
            return;
        }
        if (chargePoint.accepted()) {
            ObjectNode p = frames.object().put("connectorId", Transactions.CONNECTOR);
            p.putArray("meterValue").add(mv);
            chargePoint.call("MeterValues", p, conf -> {
            });
        }
    }

    void close() {
        cancel();
    }

    private void cancel() {
        if (next != null) {
            next.cancel();
            next = null;
        }
    }
}
