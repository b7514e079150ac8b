package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.Limit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** OCPP 1.6 §5.13 ReserveNow, §5.2 CancelReservation: connector 1 reserved for one id tag until its expiry. */
class ReservationsTest {

    private static final long SESSION = 1_765_000_000_000L;
    /** Ten minutes after the harness' start. */
    private static final String EXPIRY = "2026-12-07T12:10:00Z";
    @TempDir
    Path dir;
    private ManagementHarness h;

    @BeforeEach
    void connect() throws Exception {
        h = new ManagementHarness(dir, null, () -> null);
        h.connect();
    }

    @AfterEach
    void close() {
        h.close();
    }

    private String reserve(int connectorId, int id, String idTag, String parent, String expiry) throws Exception {
        String p = "{\"connectorId\":" + connectorId + ",\"expiryDate\":\"" + expiry + "\",\"idTag\":\"" + idTag
                + "\",\"reservationId\":" + id + (parent == null ? "" : ",\"parentIdTag\":\"" + parent + "\"") + "}";
        return h.ask("ReserveNow", p).get("status").asText();
    }

    private JsonNode lastStatusOf(int connector) throws Exception {
        var all = h.calls("StatusNotification").stream().filter(s -> s.get("connectorId").asInt() == connector)
                .toList();
        return all.get(all.size() - 1);
    }

    private Limit limit() {
        return h.management.reservations.currentLimit();
    }

    @Test
    void accepted_connectorReserved_andNobodyCharges_untilTheExpiry() throws Exception {
        assertEquals(Reservations.NO_LIMIT_A, limit().amps());
        assertEquals("Accepted", reserve(1, 7, "CARD-A", null, EXPIRY));
        assertEquals("Reserved", lastStatusOf(1).get("status").asText());
        h.answerLast("{}");
        assertEquals(0, limit().amps(), "nobody else charges");
        assertEquals(Reservations.SOURCE, limit().source());
        assertTrue(limit().detail().contains("reservation 7"), limit().detail());

        h.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertEquals(0, limit().amps());
        h.advance(Duration.ofSeconds(1));
        assertNull(h.management.reservations.current(), "expired");
        assertEquals("Available", lastStatusOf(1).get("status").asText());
        assertEquals(Reservations.NO_LIMIT_A, limit().amps());
    }

    @Test
    void theReservedIdTag_startsTheTransaction_withTheReservationId_andEndsIt() throws Exception {
        reserve(1, 7, "CARD-A", null, EXPIRY);
        h.answerPending();
        h.status(ChargerState.WAITING_FOR_AUTHENTICATION, "B");
        h.answerPending();
        h.tx.sessionStarted(SESSION, null);
        h.tx.cardAccepted("CARD-B");
        assertTrue(h.calls("StartTransaction").isEmpty(), "another id tag starts nothing");
        assertEquals(0, limit().amps(), "and gets no current");
        h.tx.cardAccepted("CARD-A");
        JsonNode start = h.calls("StartTransaction").get(0);
        assertEquals("CARD-A", start.get("idTag").asText());
        assertEquals(7, start.get("reservationId").asInt());
        assertNull(h.management.reservations.current(), "the reservation ends with its transaction");
        assertEquals(Reservations.NO_LIMIT_A, limit().amps());
    }

    @Test
    void remoteStart_ofAnotherIdTag_isRejected_ofTheReservedOne_accepted() throws Exception {
        reserve(1, 7, "CARD-A", null, EXPIRY);
        h.answerPending();
        h.tx.sessionStarted(SESSION, null);
        assertEquals("Rejected", h.ask("RemoteStartTransaction", "{\"idTag\":\"CARD-B\"}").get("status").asText());
        assertTrue(h.calls("StartTransaction").isEmpty());
        assertEquals("Accepted", h.ask("RemoteStartTransaction", "{\"idTag\":\"CARD-A\"}").get("status").asText());
        h.answerPending();
        assertEquals(7, h.calls("StartTransaction").get(0).get("reservationId").asInt());
    }

    @Test
    void anIdTagOfTheReservationsParent_takesIt_afterAuthorize() throws Exception {
        reserve(1, 8, "CARD-A", "FLEET-1", EXPIRY);
        h.answerPending();
        h.tx.sessionStarted(SESSION, null);
        h.tx.cardAccepted("CARD-C");
        assertEquals("Authorize", h.lastAction());
        assertEquals("CARD-C", h.last().get(3).get("idTag").asText());
        h.answerLast("{\"idTagInfo\":{\"status\":\"Accepted\",\"parentIdTag\":\"FLEET-1\"}}");
        h.answerPending(); // connector 1 no longer Reserved
        JsonNode start = h.calls("StartTransaction").get(0);
        assertEquals("CARD-C", start.get("idTag").asText());
        assertEquals(8, start.get("reservationId").asInt());
    }

    @Test
    void anIdTagOfAnotherParent_isRefused() throws Exception {
        reserve(1, 8, "CARD-A", "FLEET-1", EXPIRY);
        h.answerPending();
        h.tx.sessionStarted(SESSION, null);
        h.tx.cardAccepted("CARD-D");
        h.answerLast("{\"idTagInfo\":{\"status\":\"Accepted\",\"parentIdTag\":\"FLEET-2\"}}");
        assertTrue(h.calls("StartTransaction").isEmpty());
        assertEquals(8, h.management.reservations.current().id());
    }

    @Test
    void cancelReservation_ofTheOneInForce_accepted_ofAnother_rejected() throws Exception {
        reserve(1, 7, "CARD-A", null, EXPIRY);
        h.answerPending();
        assertEquals("Rejected", h.ask("CancelReservation", "{\"reservationId\":99}").get("status").asText());
        assertEquals(7, h.management.reservations.current().id());
        assertEquals("Accepted", h.ask("CancelReservation", "{\"reservationId\":7}").get("status").asText());
        assertNull(h.management.reservations.current());
        assertEquals("Available", lastStatusOf(1).get("status").asText());
        assertEquals(Reservations.NO_LIMIT_A, limit().amps());
    }

    @Test
    void connectorZero_isRejected_andAnotherConnectorToo() throws Exception {
        assertEquals("Rejected", reserve(0, 1, "CARD-A", null, EXPIRY), "ReserveConnectorZeroSupported is false");
        assertEquals("Rejected", reserve(2, 1, "CARD-A", null, EXPIRY));
        assertEquals("Rejected", reserve(1, 1, "CARD-A", null, "2026-12-07T11:00:00Z"), "expired already");
        assertNull(h.management.reservations.current());
    }

    @Test
    void occupied_faulted_unavailable_asTheConnectorIs() throws Exception {
        h.status(ChargerState.WAITING_FOR_AUTHENTICATION, "B");
        h.answerPending();
        assertEquals("Occupied", reserve(1, 1, "CARD-A", null, EXPIRY));
        h.cp.statusChanged(new ConnectorStatus.Input(ChargerState.ERROR, "A", false, 0, "D5", null));
        h.answerPending();
        assertEquals("Faulted", reserve(1, 1, "CARD-A", null, EXPIRY));
        h.status(ChargerState.OUT_OF_SERVICE, "A");
        h.answerPending();
        assertEquals("Unavailable", reserve(1, 1, "CARD-A", null, EXPIRY));
        assertNull(h.management.reservations.current());
    }

    @Test
    void anotherReservation_isOccupied_theSameIdReplacesIt() throws Exception {
        reserve(1, 7, "CARD-A", null, EXPIRY);
        h.answerPending();
        assertEquals("Occupied", reserve(1, 8, "CARD-B", null, EXPIRY));
        assertEquals("Accepted", reserve(1, 7, "CARD-B", null, "2026-12-07T12:20:00Z"));
        assertEquals("CARD-B", h.management.reservations.current().idTag());
        h.advance(Duration.ofMinutes(15));
        assertEquals(7, h.management.reservations.current().id(), "the first expiry no longer applies");
    }

    @Test
    void aVehicleArriving_showsPreparing_notReserved() throws Exception {
        reserve(1, 7, "CARD-A", null, EXPIRY);
        h.answerPending();
        h.status(ChargerState.WAITING_FOR_AUTHENTICATION, "B");
        assertEquals("Preparing", lastStatusOf(1).get("status").asText());
        assertFalse(h.management.reservations.current() == null, "still reserved until its id tag starts");
    }

    /** The client restarted {@code after} the harness' start, on the same data area. */
    private void restart(Duration after) throws Exception {
        h.close();
        h = new ManagementHarness(dir, null, () -> null, name -> null, after);
        h.connect();
    }

    @Test
    void aReservation_isKeptAcrossARestart_andStillEndsAtItsExpiry() throws Exception {
        assertEquals("Accepted", reserve(1, 7, "CARD-A", "PARENT-A", EXPIRY));
        h.answerPending();
        restart(Duration.ofMinutes(5));
        Reservations.Reservation r = h.management.reservations.current();
        assertEquals(new Reservations.Reservation(7, "CARD-A", "PARENT-A", java.time.Instant.parse(EXPIRY)), r);
        assertEquals(0, limit().amps(), "nobody else charges after the restart");
        assertEquals("Reserved", lastStatusOf(1).get("status").asText());
        h.answerPending();
        h.advance(Duration.ofMinutes(5));
        assertNull(h.management.reservations.current(), "expired at its expiry");
        restart(Duration.ofMinutes(6));
        assertNull(h.management.reservations.current(), "the expired reservation is not reloaded");
        assertEquals(Reservations.NO_LIMIT_A, limit().amps());
    }

    @Test
    void aReservationThatExpiredWhileTheClientWasNotRunning_isDropped_andACancelledOneIsNotReloaded()
            throws Exception {
        reserve(1, 7, "CARD-A", null, EXPIRY);
        h.answerPending();
        restart(Duration.ofMinutes(11));
        assertNull(h.management.reservations.current(), "expired during the restart");
        assertEquals("Available", lastStatusOf(1).get("status").asText());
        assertEquals(Reservations.NO_LIMIT_A, limit().amps());

        h.close();
        h = new ManagementHarness(dir, null, () -> null);
        h.connect();
        assertNull(h.management.reservations.current(), "the dropped reservation stays dropped");
        assertEquals("Accepted", reserve(1, 8, "CARD-B", null, EXPIRY));
        h.answerPending();
        assertEquals("Accepted", h.ask("CancelReservation", "{\"reservationId\":8}").get("status").asText());
        restart(Duration.ofMinutes(1));
        assertNull(h.management.reservations.current(), "a cancelled reservation is not reloaded");
    }
}
