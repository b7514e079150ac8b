package org.infinergi.feature.ocpp.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.OptionalDouble;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Clock-aligned meter values (OCPP 1.6 §9.1 ClockAlignedDataInterval, MeterValuesAlignedData, StopTxnAlignedData):
 * the day is cut into intervals of {@code ClockAlignedDataInterval} seconds from midnight (of the clock's zone: UTC
 * in the charger), and at the end of each one a MeterValues with context {@code Sample.Clock} is sent for connector 1
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
    private Timers.Timer next;

    AlignedMeterValues(ChargePoint chargePoint, Transactions transactions, ConfigurationKeys keys, Frames frames,
            Timers timers, Clock clock) {
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

    /** The end of the interval {@code now} is in: the next multiple of {@code intervalS} since midnight. */
    static Instant nextBoundary(ZonedDateTime now, int intervalS) {
        ZonedDateTime midnight = now.toLocalDate().atStartOfDay(now.getZone());
        long sinceMidnightMs = Duration.between(midnight, now).toMillis();
        long intervalMs = intervalS * 1000L;
        long n = sinceMidnightMs / intervalMs + 1;
        Instant boundary = midnight.toInstant().plusMillis(n * intervalMs);
        // the last interval of a day ends at the next midnight, whatever the interval (a day need not divide evenly)
        Instant nextMidnight = now.toLocalDate().plusDays(1).atStartOfDay(now.getZone()).toInstant();
        return boundary.isAfter(nextMidnight) ? nextMidnight : boundary;
    }

    private void schedule() {
        cancel();
        int interval = keys.intValue(ConfigurationKeys.CLOCK_ALIGNED_DATA_INTERVAL);
        if (interval <= 0) {
            return;
        }
        Instant at = nextBoundary(ZonedDateTime.now(clock), interval);
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
