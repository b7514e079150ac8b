package org.infinergi.feature.ocpp.internal;

import java.util.function.Supplier;

import org.infinergi.core.charging.api.ChargerControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ChangeAvailability (OCPP 1.6 §5.2) for connector 0 (the charge point) and 1 (its only outlet), which are one and
 * the same thing on this charger: Inoperative takes the charger out of service, Operative back into service, through
 * the core ({@code ChargerControl.setOutOfService}, kept across restarts by the core); the StatusNotification
 * Unavailable follows from the core's status. While a transaction runs, Inoperative is {@code Scheduled}: applied
 * when the transaction stops (an Operative before then calls it off). Another connector, or no core: Rejected.
 * On the client's one thread.
 */
final class ChangeAvailability {

    private final Logger log = LoggerFactory.getLogger(ChangeAvailability.class);
    private final Transactions transactions;
    private final Frames frames;
    private final Supplier<ChargerControl> core;
    /** An Inoperative waits for the end of the open transaction. */
    private boolean scheduled;

    ChangeAvailability(ChargePoint chargePoint, Transactions transactions, Frames frames,
            Supplier<ChargerControl> core) {
        this.transactions = transactions;
        this.frames = frames;
        this.core = core;
        chargePoint.handle("ChangeAvailability", this::change);
        transactions.whenStopped(this::transactionStopped);
    }

    private ObjectNode change(ObjectNode req) {
        int connector = req.get("connectorId").asInt();
        boolean inoperative = "Inoperative".equals(req.get("type").asText());
        ChargerControl c = core.get();
        if ((connector != 0 && connector != Transactions.CONNECTOR) || c == null) {
            log.info("OCPP: ChangeAvailability of connector {} rejected{}", connector, c == null ? " (no core)" : "");
            return status("Rejected");
        }
        if (inoperative && transactions.current().isPresent()) {
            scheduled = true;
            log.info("OCPP: ChangeAvailability Inoperative scheduled for the end of the transaction");
            return status("Scheduled");
        }
        scheduled = false;
        ChargerControl.Result r = c.setOutOfService(inoperative);
        log.info("OCPP: ChangeAvailability {}: {}", inoperative ? "Inoperative" : "Operative", r.message());
        return status(r.accepted() ? "Accepted" : "Rejected");
    }

    private void transactionStopped() {
        if (!scheduled) {
            return;
        }
        scheduled = false;
        ChargerControl c = core.get();
        if (c == null) {
            log.warn("OCPP: the scheduled ChangeAvailability Inoperative is lost: no charging core");
            return;
        }
        log.info("OCPP: the transaction stopped, scheduled Inoperative applied: {}", c.setOutOfService(true).message());
    }

    private ObjectNode status(String s) {
        return frames.object().put("status", s);
    }
}
