package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ChangeAvailability (OCPP 1.6 §5.2) for connector 0 (the charge point) and 1 (its only outlet), which are one and
 * the same thing on this charger: Inoperative takes the charger out of service, Operative back into service, through
 * the core ({@code ChargerControl.setOutOfService}); the StatusNotification Unavailable follows from the core's
 * status. While a transaction runs, Inoperative is {@code Scheduled}: applied when the transaction stops (an
 * Operative before then calls it off). Another connector, or no core: Rejected.
 *
 * <p>OCPP 1.6 §"Persistent states": an Unavailable connector stays so across a reboot. The central system's last
 * word (Operative, Inoperative, or Inoperative scheduled for the end of the transaction) is written with
 * {@link DurableFile} before the answer goes ({@code kill -9} or a power loss right after the answer cannot undo
 * it; a file that cannot be written is answered Rejected). At the start, on the core's first status: an Inoperative
 * the core does not show is put to it again; a scheduled one is applied as soon as no transaction is open (the one
 * interrupted by the power loss stopped with PowerLoss). A local "back in service" (the web page) after the
 * central system's Inoperative is taken as the new word. On the client's one thread.
 */
final class ChangeAvailability {

    /** What the central system asked last, as kept across restarts. */
    enum Kept { OPERATIVE, INOPERATIVE, SCHEDULED }

    private final Logger log = LoggerFactory.getLogger(ChangeAvailability.class);
    private final Transactions transactions;
    private final Frames frames;
    private final Supplier<ChargerControl> core;
    /** The kept word; null = in memory only (no data area). */
    private final DurableFile file;
    private Kept kept;
    /** The kept word was compared with the core's status after the start. */
    private boolean restored;
    /** The core's status seen last (a local "back in service" follows OUT_OF_SERVICE). */
    private ChargerState lastSeen;

    /** Kept in memory only (tests of the protocol that do not look at restarts). */
    ChangeAvailability(ChargePoint chargePoint, Transactions transactions, Frames frames,
            Supplier<ChargerControl> core) {
        this(chargePoint, transactions, frames, core, null);
    }

    /** The central system's word is kept in {@code keptIn} (null: in memory only). */
    ChangeAvailability(ChargePoint chargePoint, Transactions transactions, Frames frames,
            Supplier<ChargerControl> core, Path keptIn) {
        this.transactions = transactions;
        this.frames = frames;
        this.core = core;
        this.file = keptIn == null ? null : new DurableFile(keptIn);
        this.kept = read();
        chargePoint.handle("ChangeAvailability", this::change);
        transactions.whenStopped(this::transactionStopped);
        // an Unavailable connector starts no transaction, RemoteStart is Rejected (also before the core shows it)
        transactions.unavailableWhen(() -> kept == Kept.INOPERATIVE);
    }

    /** The word kept now (tests). */
    Kept kept() {
        return kept;
    }

    private ObjectNode change(ObjectNode req) {
        int connector = req.get("connectorId").asInt();
        boolean inoperative = "Inoperative".equals(req.get("type").asText());
        ChargerControl c = core.get();
        if ((connector != 0 && connector != Transactions.CONNECTOR) || c == null) {
            log.info("OCPP: ChangeAvailability of connector {} rejected{}", connector, c == null ? " (no core)" : "");
            return status("Rejected");
        }
        Kept before = kept;
        if (inoperative && transactions.current().isPresent()) {
            if (!keep(Kept.SCHEDULED)) {
                return status("Rejected");
            }
            log.info("OCPP: ChangeAvailability Inoperative scheduled for the end of the transaction");
            return status("Scheduled");
        }
        if (!keep(inoperative ? Kept.INOPERATIVE : Kept.OPERATIVE)) {
            return status("Rejected");
        }
        ChargerControl.Result r = c.setOutOfService(inoperative);
        log.info("OCPP: ChangeAvailability {}: {}", inoperative ? "Inoperative" : "Operative", r.message());
        if (!r.accepted()) {
            keep(before);
            return status("Rejected");
        }
        return status("Accepted");
    }

    private void transactionStopped() {
        if (kept == Kept.SCHEDULED) {
            applyScheduled();
        }
    }

    /**
     * The core's status (the client's first read, then each {@code STATUS_CHANGED}): after the start the kept word is
     * put to the core; later a local return to service replaces a kept Inoperative.
     */
    void coreStatus(ChargerState state) {
        if (state == null || state == ChargerState.INITIALISING || core.get() == null) {
            return;
        }
        if (!restored) {
            restored = true;
            if (kept == Kept.INOPERATIVE && state != ChargerState.OUT_OF_SERVICE) {
                // the core's own record of it was lost (e.g. kill -9 before it was written): ours is durable
                log.info("OCPP: the central system's Inoperative is kept across the restart: {}",
                        core.get().setOutOfService(true).message());
            }
        } else if (kept == Kept.INOPERATIVE && lastSeen == ChargerState.OUT_OF_SERVICE && inService(state)) {
            log.info("OCPP: the charger was put back in service locally; the central system's Inoperative is over");
            keep(Kept.OPERATIVE);
        }
        lastSeen = state;
        if (kept == Kept.SCHEDULED) {
            applyScheduled();
        }
    }

    /** A scheduled Inoperative takes effect once no transaction is open (and a core is there to take it). */
    private void applyScheduled() {
        ChargerControl c = core.get();
        if (transactions.current().isPresent() || c == null) {
            return;
        }
        if (!keep(Kept.INOPERATIVE)) {
            // the file still says Scheduled, which the next start applies the same way
            kept = Kept.INOPERATIVE;
        }
        log.info("OCPP: no transaction open, the scheduled Inoperative applied: {}", c.setOutOfService(true).message());
    }

    private static boolean inService(ChargerState s) {
        return switch (s) {
            case VEHICLE_NOT_CONNECTED, WAITING_FOR_AUTHENTICATION, WAITING_FOR_CURRENT, CHARGING, PAUSED,
                    TERMINATED -> true;
            default -> false;
        };
    }

    /** Keeps {@code k} durably (in memory only without a file); false when it could not be written. */
    private boolean keep(Kept k) {
        if (file != null && k != kept) {
            try {
                file.write(k.name().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                log.error("OCPP: ChangeAvailability cannot be kept across restarts ({}); refused", e.toString());
                return false;
            }
        }
        kept = k;
        return true;
    }

    private Kept read() {
        if (file == null) {
            return Kept.OPERATIVE;
        }
        try {
            byte[] b = file.read();
            return b == null ? Kept.OPERATIVE : Kept.valueOf(new String(b, StandardCharsets.US_ASCII).trim());
        } catch (IOException | IllegalArgumentException e) {
            // DurableFile leaves the old content or the new one: anything else is not ours to trust
            log.error("OCPP: the kept availability is unreadable ({}); Operative assumed", e.toString());
            return Kept.OPERATIVE;
        }
    }

    private ObjectNode status(String s) {
        return frames.object().put("status", s);
    }
}
