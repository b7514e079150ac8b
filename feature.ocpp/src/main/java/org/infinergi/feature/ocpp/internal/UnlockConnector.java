package org.infinergi.feature.ocpp.internal;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.ChargerControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * UnlockConnector (OCPP 1.6 §5.17). Only the untethered models have a socket lock (manual §2.6: the "U" models, a
 * type 2 socket for an external cable; the "T" models have the cable fixed): there a transaction on the connector is
 * stopped first (reason {@code UnlockCommand}), then the core ends the charge and releases the lock
 * ({@code ChargerControl.unlockConnector}); the answer waits for the lock's position switch: {@code Unlocked}, or
 * {@code UnlockFailed} (a lock that does not release is D5, manual §9.1; no core). Tethered models and any connector
 * but 1: {@code NotSupported}. The answer is sent on the client's thread ({@code onClientThread}).
 */
final class UnlockConnector {

    private final Logger log = LoggerFactory.getLogger(UnlockConnector.class);
    private final Transactions transactions;
    private final Frames frames;
    private final Supplier<ChargerControl> core;
    private final boolean tethered;
    private final Executor onClientThread;

    UnlockConnector(ChargePoint chargePoint, Transactions transactions, Frames frames, Supplier<ChargerControl> core,
            boolean tethered, Executor onClientThread) {
        this.transactions = transactions;
        this.frames = frames;
        this.core = core;
        this.tethered = tethered;
        this.onClientThread = onClientThread;
        chargePoint.handleLater("UnlockConnector", this::unlock);
    }

    private void unlock(ObjectNode req, java.util.function.Consumer<ObjectNode> reply) {
        int connector = req.get("connectorId").asInt();
        if (connector != Transactions.CONNECTOR || tethered) {
            log.info("OCPP: UnlockConnector {}: not supported ({})", connector,
                    tethered ? "a tethered model has no socket lock" : "no such connector");
            reply.accept(status("NotSupported"));
            return;
        }
        ChargerControl c = core.get();
        if (c == null) {
            reply.accept(status("UnlockFailed"));
            return;
        }
        transactions.stopTransaction("UnlockCommand");
        c.unlockConnector().whenComplete((r, e) -> onClientThread.execute(() -> {
            boolean unlocked = e == null && r != null && r.accepted();
            log.info("OCPP: UnlockConnector: {}", e != null ? e.toString() : r == null ? "no answer" : r.message());
            reply.accept(status(unlocked ? "Unlocked" : "UnlockFailed"));
        }));
    }

    private ObjectNode status(String s) {
        return frames.object().put("status", s);
    }
}
