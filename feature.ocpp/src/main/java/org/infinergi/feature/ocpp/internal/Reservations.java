package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OCPP 1.6 Reservation (§5.13 ReserveNow, §5.2 CancelReservation) of connector 1: while reserved the connector
 * shows Reserved, only the reserved id tag (or an id tag whose parentIdTag is the reservation's) starts a
 * transaction — its StartTransaction carries the reservationId and ends the reservation —, and nobody else charges:
 * the charger's current is limited to 0 A by this {@link LimitProvider}, named "OCPP reservation" with the
 * reservation's id (ARCHITECTURE.md: a feature only lowers the current). The reservation ends at its expiryDate,
 * with CancelReservation, or when its id tag's transaction starts.
 *
 * <p>The reservation in force is kept across a restart of the client in the bundle's data area
 * ({@value #FILE}, replaced whole by {@link DurableFile}: temporary file, fsync, atomic rename): reloaded at the start,
 * dropped when it expired meanwhile; the file holds {@code {}} when there is none.
 *
 * <p>The protocol side runs on the OCPP client's thread; {@link #currentLimit()} is read by the core's control loop,
 * hence the volatile reservation.
 */
final class Reservations implements Transactions.Admission, LimitProvider {

    /** The limit's source as "why is my current limited" shows it. */
    static final String SOURCE = "OCPP reservation";
    /** No reservation: no limit of ours (above any charger's rating, as DLM's "off"). */
    static final double NO_LIMIT_A = 80.0;

    /** One reservation of connector 1. */
    record Reservation(int id, String idTag, String parentIdTag, Instant expiry) {
    }

    /** The reservation's file in the bundle's data area. */
    static final String FILE = "ocpp-reservation.json";

    private final Logger log = LoggerFactory.getLogger(Reservations.class);
    private final ObjectMapper json = new ObjectMapper();
    /** Where the reservation is kept; null: in memory only. */
    private final DurableFile store;
    private final ChargePoint chargePoint;
    private final Frames frames;
    private final Timers timers;
    private final Clock clock;

    private volatile Reservation reservation;
    private Timers.Timer expiry;

    Reservations(ChargePoint chargePoint, Frames frames, Timers timers, Clock clock) {
        this(chargePoint, frames, timers, clock, null);
    }

    /** @param data the bundle's data area, where the reservation is kept ({@value #FILE}); null: not kept */
    Reservations(ChargePoint chargePoint, Frames frames, Timers timers, Clock clock, Path data) {
        this.store = data == null ? null : new DurableFile(data.resolve(FILE));
        this.chargePoint = chargePoint;
        this.frames = frames;
        this.timers = timers;
        this.clock = clock;
        chargePoint.handle("ReserveNow", this::reserveNow);
        chargePoint.handle("CancelReservation", this::cancelReservation);
        chargePoint.overlayConnectorStatus(this::overlay);
        reload();
    }

    /** At the start: the reservation kept before the restart holds again until its expiry; an expired one is dropped. */
    private void reload() {
        Reservation r = stored();
        if (r == null) {
            return;
        }
        if (!r.expiry().isAfter(clock.instant())) {
            log.info("OCPP: reservation {} for {} expired while the client was not running ({})", r.id(), r.idTag(),
                    r.expiry());
            keep(null);
            return;
        }
        log.info("OCPP: reservation {} for {} holds again until {}", r.id(), r.idTag(), r.expiry());
        reserve(r);
    }

    /** The kept reservation, or null (none, or a file that cannot be read: logged, the connector is not reserved). */
    private Reservation stored() {
        if (store == null) {
            return null;
        }
        try {
            byte[] b = store.read();
            JsonNode n = b == null ? null : json.readTree(b);
            if (n == null || !n.has("reservationId")) {
                return null;
            }
            return new Reservation(n.get("reservationId").asInt(), n.get("idTag").asText(),
                    n.hasNonNull("parentIdTag") ? n.get("parentIdTag").asText() : null,
                    Instant.parse(n.get("expiryDate").asText()));
        } catch (IOException | RuntimeException e) {
            log.warn("OCPP: the kept reservation cannot be read, none holds: {}", e.toString());
            return null;
        }
    }

    /** Writes the reservation in force ({@code null}: none) before it is answered to the central system. */
    private void keep(Reservation r) {
        if (store == null) {
            return;
        }
        ObjectNode n = json.createObjectNode();
        if (r != null) {
            n.put("reservationId", r.id()).put("idTag", r.idTag()).put("expiryDate", r.expiry().toString());
            if (r.parentIdTag() != null) {
                n.put("parentIdTag", r.parentIdTag());
            }
        }
        try {
            store.write(n.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.error("OCPP: reservation {} not kept across a restart: {}", r == null ? "(none)" : r.id(),
                    e.toString());
        }
    }

    /** The reservation in force, or null. */
    Reservation current() {
        return reservation;
    }

    @Override
    public Limit currentLimit() {
        Reservation r = reservation;
        if (r == null) {
            return new Limit(NO_LIMIT_A, SOURCE, "no reservation");
        }
        return new Limit(0, SOURCE, "reservation " + r.id() + ": connector reserved for id tag " + r.idTag()
                + " until " + r.expiry());
    }

    /**
     * §5.13: Rejected for connector 0 (ReserveConnectorZeroSupported is false) or another connector, Faulted and
     * Unavailable as the connector is, Occupied while a vehicle is there or another reservation holds it; the same
     * reservationId replaces its reservation.
     */
    private ObjectNode reserveNow(ObjectNode req) {
        int connectorId = req.get("connectorId").asInt();
        int id = req.get("reservationId").asInt();
        String idTag = req.get("idTag").asText();
        String parent = req.hasNonNull("parentIdTag") ? req.get("parentIdTag").asText() : null;
        String answer = decide(connectorId, id, req.get("expiryDate").asText());
        if ("Accepted".equals(answer)) {
            Instant until = Instant.parse(req.get("expiryDate").asText());
            Reservation r = new Reservation(id, idTag, parent, until);
            keep(r);
            reserve(r);
        }
        log.info("OCPP: ReserveNow {} of connector {} for {}: {}", id, connectorId, idTag, answer);
        return frames.object().put("status", answer);
    }

    private String decide(int connectorId, int id, String expiryDate) {
        if (connectorId != Transactions.CONNECTOR) {
            return "Rejected";
        }
        Instant until;
        try {
            until = Instant.parse(expiryDate);
        } catch (DateTimeParseException e) {
            return "Rejected";
        }
        if (!until.isAfter(clock.instant())) {
            return "Rejected";
        }
        ConnectorStatus s = chargePoint.connectorStatus();
        if (s == null) {
            return "Rejected";
        }
        switch (s.status()) {
            case "Faulted":
                return "Faulted";
            case "Unavailable":
                return "Unavailable";
            case "Available":
                break;
            default:
                return "Occupied";
        }
        Reservation r = reservation;
        return r == null || r.id() == id ? "Accepted" : "Occupied";
    }

    /** §5.2: Accepted when the reservation is the one in force (it ends), else Rejected. */
    private ObjectNode cancelReservation(ObjectNode req) {
        int id = req.get("reservationId").asInt();
        Reservation r = reservation;
        if (r == null || r.id() != id) {
            log.info("OCPP: CancelReservation {}: no such reservation", id);
            return frames.object().put("status", "Rejected");
        }
        end("cancelled");
        return frames.object().put("status", "Accepted");
    }

    /** Connector 1 is Reserved while a reservation holds it and no vehicle is there. */
    private ConnectorStatus overlay(ConnectorStatus c) {
        if (reservation != null && "Available".equals(c.status())) {
            return new ConnectorStatus("Reserved", ConnectorStatus.NO_ERROR, null, null);
        }
        return c;
    }

    /**
     * The reserved id tag takes the reservation (it ends, its id goes into StartTransaction); another id tag is
     * admitted when the central system's Authorize names the reservation's parentIdTag as its parent; any other is
     * refused while the reservation lasts.
     */
    @Override
    public void admit(String idTag, Consumer<OptionalInt> admitted) {
        Reservation r = reservation;
        if (r == null) {
            admitted.accept(OptionalInt.empty());
            return;
        }
        if (r.idTag().equals(idTag)) {
            take(r, admitted);
            return;
        }
        if (r.parentIdTag() == null || !chargePoint.accepted()) {
            log.info("OCPP: id tag {} refused: the connector is reserved for {} (reservation {})", idTag, r.idTag(),
                    r.id());
            return;
        }
        chargePoint.call("Authorize", frames.object().put("idTag", idTag), conf -> {
            String parent = conf == null ? null : conf.path("idTagInfo").path("parentIdTag").asText(null);
            String status = conf == null ? null : conf.path("idTagInfo").path("status").asText();
            if (reservation == r && "Accepted".equals(status) && r.parentIdTag().equals(parent)) {
                take(r, admitted);
            } else {
                log.info("OCPP: id tag {} refused: the connector is reserved for {} or parent {} (reservation {})",
                        idTag, r.idTag(), r.parentIdTag(), r.id());
            }
        });
    }

    /** RemoteStartTransaction of another id tag while reserved (no parentIdTag that could admit it): Rejected. */
    @Override
    public boolean refuses(String idTag) {
        Reservation r = reservation;
        return r != null && !r.idTag().equals(idTag) && r.parentIdTag() == null;
    }

    private void take(Reservation r, Consumer<OptionalInt> admitted) {
        end("taken by its id tag's transaction");
        admitted.accept(OptionalInt.of(r.id()));
    }

    private void reserve(Reservation r) {
        cancel();
        reservation = r;
        expiry = timers.after(Duration.between(clock.instant(), r.expiry()), () -> {
            expiry = null;
            if (reservation == r) {
                end("expired");
            }
        });
        chargePoint.statusMayHaveChanged();
    }

    private void end(String why) {
        Reservation r = reservation;
        cancel();
        reservation = null;
        if (r != null) {
            keep(null);
            log.info("OCPP: reservation {} for {} ended: {}", r.id(), r.idTag(), why);
        }
        chargePoint.statusMayHaveChanged();
    }

    private void cancel() {
        if (expiry != null) {
            expiry.cancel();
            expiry = null;
        }
    }

    void close() {
        cancel();
    }
}
