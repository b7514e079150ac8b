package org.infinergi.feature.ocpp.internal;

import java.time.Duration;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.ChargerControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reset (OCPP 1.6 §5.14), Soft and Hard, always Accepted: the charge in progress is ended
 * ({@code ChargerControl.endCharge}) and its transaction stopped with reason {@code SoftReset}/{@code HardReset}
 * (StopTransaction queued in the durable journal), then, once the journal is delivered (online) or at once (offline:
 * the journal goes after the restart), at most {@link #DELIVERY_WAIT} later, the firmware restarts through a
 * {@link Restarter}. A restart that fails is tried again {@code ResetRetries} times, {@link #RETRY_AFTER} apart.
 * On the client's one thread.
 */
final class Reset {

    /** How the firmware restarts; injected so tests see the restart without one. */
    interface Restarter {
        /** Soft: the framework restarts; hard: the whole JVM (where the launcher can start a new one). */
        void restart(boolean hard) throws Exception;
    }

    /** How long a restart waits at most for the StopTransaction's answer. */
    static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);
    /** How often the queue is looked at meanwhile. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** The wait before a failed restart is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final Logger log = LoggerFactory.getLogger(Reset.class);
    private final ChargePoint chargePoint;
    private final Transactions transactions;
    private final ConfigurationKeys keys;
    private final Frames frames;
    private final Timers timers;
    private final Supplier<ChargerControl> core;
    private final Restarter restarter;
    /** A reset under way: Hard or Soft; null when none. */
    private Boolean hard;
    private Timers.Timer waiting;
    private Duration waited = Duration.ZERO;
    private int failures;

    Reset(ChargePoint chargePoint, Transactions transactions, ConfigurationKeys keys, Frames frames, Timers timers,
            Supplier<ChargerControl> core, Restarter restarter) {
        this.chargePoint = chargePoint;
        this.transactions = transactions;
        this.keys = keys;
        this.frames = frames;
        this.timers = timers;
        this.core = core;
        this.restarter = restarter;
        chargePoint.handle("Reset", this::reset);
    }

    private ObjectNode reset(ObjectNode req) {
        boolean h = "Hard".equals(req.get("type").asText());
        String reason = h ? "HardReset" : "SoftReset";
        if (hard != null) {
            log.info("OCPP: Reset {} while a reset is under way: nothing more to do", req.get("type").asText());
            return frames.object().put("status", "Accepted");
        }
        hard = h;
        log.info("OCPP: Reset {} accepted: the charge ends, the transaction stops, then the firmware restarts",
                req.get("type").asText());
        ChargerControl c = core.get();
        if (c != null && transactions.current().isPresent()) {
            log.info("OCPP: {}", c.endCharge(reason).message());
        }
        // queued after this answer (ChargePoint sends a handler's calls after its answer)
        transactions.stopTransaction(reason);
        waited = Duration.ZERO;
        waiting = timers.after(POLL, this::restartWhenDelivered);
        return frames.object().put("status", "Accepted");
    }

    /** Restarts once the StopTransaction is answered, the link is gone, or the wait is over. */
    private void restartWhenDelivered() {
        waiting = null;
        waited = waited.plus(POLL);
        if (transactions.queued() > 0 && chargePoint.accepted() && waited.compareTo(DELIVERY_WAIT) < 0) {
            waiting = timers.after(POLL, this::restartWhenDelivered);
            return;
        }
        if (transactions.queued() > 0) {
            log.warn("OCPP: restarting with {} transaction message(s) queued; they go after the restart",
                    transactions.queued());
        }
        restart();
    }

    private void restart() {
        log.info("OCPP: {} reset: the firmware restarts now", hard ? "hard" : "soft");
        try {
            restarter.restart(hard);
        } catch (Exception e) {
            failures++;
            int retries = keys.intValue(ConfigurationKeys.RESET_RETRIES);
            if (failures > retries) {
                log.error("OCPP: the reset failed {} time(s) ({}); given up after ResetRetries = {}", failures,
                        e.toString(), retries);
                hard = null;
                failures = 0;
                return;
            }
            log.warn("OCPP: the reset failed ({}); tried again in {} s", e.toString(), RETRY_AFTER.toSeconds());
            waiting = timers.after(RETRY_AFTER, this::restart);
        }
    }

    void close() {
        if (waiting != null) {
            waiting.cancel();
            waiting = null;
        }
    }
}
