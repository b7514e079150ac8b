package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.FakeChargerControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The rest of the Core profile (OCPP 1.6 §5): RemoteStopTransaction ends the charge, ChangeAvailability, Reset,
 * UnlockConnector, DataTransfer, clock-aligned meter values and StopTransaction's transactionData — the handlers as
 * the component wires them, on a core that records what it is asked ({@link FakeChargerControl}) and timers the test
 * moves.
 */
class CoreProfileTest {

    private static final OcppSchemas SCHEMAS = OcppSchemas.load();
    private static final long SESSION = 1_765_000_000_000L;
    private static final Instant T0 = Instant.parse("2026-12-07T11:59:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final ManualTimers timers = new ManualTimers();
    /** A clock that moves with the timers. */
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return T0.plusMillis(timers.nowMs());
        }
    };
    private final List<String> sent = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final List<String> restarts = new ArrayList<>();
    private final ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
    private final FakeChargerControl fake = new FakeChargerControl(asked::add);
    /** The core's answer to an unlock: the fake's at once, or one the test completes. */
    private CompletableFuture<ChargerControl.Result> unlockAnswer;
    private ChargerControl core = new ChargerControl() {
        @Override public Result pause() { return fake.pause(); }
        @Override public Result resume() { return fake.resume(); }
        @Override public Result attemptRecovery() { return fake.attemptRecovery(); }
        @Override public Result setOutOfService(boolean o) { return fake.setOutOfService(o); }
        @Override public Result authorize(String idTag) { return fake.authorize(idTag); }
        @Override public Result beginUpdate(String what) { return fake.beginUpdate(what); }
        @Override public Result endUpdate() { return fake.endUpdate(); }
        @Override public Result endCharge(String reason) { return fake.endCharge(reason); }

        @Override
        public CompletionStage<Result> unlockConnector() {
            CompletionStage<Result> f = fake.unlockConnector();
            return unlockAnswer == null ? f : unlockAnswer;
        }
    };
    private double sessionEnergyWh;
    private int restartFailures;
    private ChargePoint cp;
    private Transactions tx;
    private ChangeAvailability availability;
    private AlignedMeterValues aligned;
    @TempDir
    Path dataArea;
    /** The charger's time zone (manual §7.2.2) as the core's ChargerClock tells it. */
    private ZoneId chargerZone = ZoneOffset.UTC;

    private void build(boolean tethered) {
        build(tethered, false);
    }

    /**
     * The handlers as the component wires them; {@code durable}: the journal and the kept availability in files of
     * {@link #dataArea} (as the bundle's data area), which a second build reads again as after a restart.
     */
    private void build(boolean tethered, boolean durable) {
        if (tx != null) {
            // the client of before is gone (its timers with it); its files stay as the last forced write left them
            tx.close();
            aligned.close();
        }
        TransactionJournal journal;
        try {
            journal = durable ? TransactionJournal.open(dataArea.resolve(OcppComponent.JOURNAL_FILE))
                    : TransactionJournal.inMemory();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        cp = new ChargePoint(new Frames(), SCHEMAS, new BootInfo("SEMAR", "INFINERGI-3U-DR", "21/000-000001", "0.1.0"),
                keys, timers, clock);
        tx = new Transactions(cp, journal, new Frames(), keys, timers, clock,
                new Transactions.ChargerMeter() {
                    @Override
                    public OptionalDouble registerWh() {
                        return OptionalDouble.of(10_000 + sessionEnergyWh);
                    }

                    @Override
                    public OptionalDouble powerW() {
                        return OptionalDouble.of(3_680);
                    }

                    @Override
                    public double sessionEnergyWh() {
                        return sessionEnergyWh;
                    }
                }, new OcppComponent.CoreControl(() -> core), Transactions.Mode.DISABLED, "STATIC-TAG");
        Frames frames = new Frames();
        availability = new ChangeAvailability(cp, tx, frames, () -> core,
                durable ? dataArea.resolve(OcppComponent.AVAILABILITY_FILE) : null);
        new Reset(cp, tx, keys, frames, timers, () -> core, hard -> {
            if (restartFailures > 0) {
                restartFailures--;
                throw new IllegalStateException("the framework said no");
            }
            restarts.add(hard ? "hard" : "soft");
        });
        new UnlockConnector(cp, tx, frames, () -> core, tethered, Runnable::run);
        new DataTransfer(cp, frames, () -> new ChargerStatus("INFINERGI-3U-DR", ChargerState.CHARGING, PilotState.C,
                16, 26.7, true, "wiring limit", ChargingMode.FAST, 3_680, 120, null, "charging at 16.0 A", clock.instant(),
                null, 0, List.of()));
        aligned = new AlignedMeterValues(cp, tx, keys, frames, timers, clock, () -> chargerZone);
        cp.statusChanged(new ConnectorStatus.Input(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0, null, null));
    }

    private JsonNode last() throws Exception {
        return json.readTree(sent.get(sent.size() - 1));
    }

    private String lastAction() throws Exception {
        JsonNode l = last();
        return l.get(0).asInt() == 2 ? l.get(2).asText() : "answer";
    }

    private void answerLast(String payload) throws Exception {
        cp.received("[3,\"" + last().get(1).asText() + "\"," + payload + "]");
    }

    private void connect() throws Exception {
        cp.connected(sent::add);
        answerLast("{\"status\":\"Accepted\",\"currentTime\":\"2026-12-07T12:00:00Z\",\"interval\":86400}");
        java.util.Set<String> answered = new java.util.HashSet<>();
        while (last().get(0).asInt() == 2 && "StatusNotification".equals(last().get(2).asText())
                && answered.add(last().get(1).asText())) {
            answerLast("{}");
        }
    }

    private List<JsonNode> calls(String action) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String s : sent) {
            JsonNode n = json.readTree(s);
            if (n.get(0).asInt() == 2 && action.equals(n.get(2).asText())) {
                out.add(n.get(3));
            }
        }
        return out;
    }

    /** The answer to the central system's CALL {@code id}, or null when none was sent (yet). */
    private JsonNode answerTo(String id) throws Exception {
        for (String s : sent) {
            JsonNode n = json.readTree(s);
            if (n.get(0).asInt() != 2 && id.equals(n.get(1).asText())) {
                return n;
            }
        }
        return null;
    }

    private String ask(String id, String action, String payload) throws Exception {
        cp.received("[2,\"" + id + "\",\"" + action + "\"," + payload + "]");
        JsonNode a = answerTo(id);
        assertTrue(a != null && a.get(0).asInt() == 3, "an answer to " + action + ": " + a);
        return a.get(2).path("status").asText();
    }

    /** Answers every CALL of ours as it comes, until none waits. */
    private void answerAll() throws Exception {
        java.util.Set<String> answered = new java.util.HashSet<>();
        while (last().get(0).asInt() == 2 && answered.add(last().get(1).asText())) {
            answerLast("{}");
        }
    }

    /** A transaction open and answered with id 7. */
    private void transaction() throws Exception {
        tx.sessionStarted(SESSION, null);
        assertEquals("StartTransaction", lastAction());
        answerLast("{\"transactionId\":7,\"idTagInfo\":{\"status\":\"Accepted\"}}");
    }

    // ---- RemoteStopTransaction ends the charge ----

    @Test
    void remoteStop_endsTheCharge_notAPauseTheButtonResumes() throws Exception {
        build(false);
        connect();
        transaction();
        assertEquals("Accepted", ask("rs", "RemoteStopTransaction", "{\"transactionId\":7}"));
        assertEquals(List.of("endCharge=Remote"), asked, "ChargerControl.endCharge, never pause()");
        assertEquals("Remote", calls("StopTransaction").get(0).get("reason").asText());
    }

    // ---- ChangeAvailability ----

    @Test
    void changeAvailability_connector0And1_inoperativeAndOperative_throughTheCore() throws Exception {
        build(true);
        connect();
        assertEquals("Accepted", ask("a1", "ChangeAvailability", "{\"connectorId\":0,\"type\":\"Inoperative\"}"));
        assertEquals("Accepted", ask("a2", "ChangeAvailability", "{\"connectorId\":1,\"type\":\"Operative\"}"));
        assertEquals("Rejected", ask("a3", "ChangeAvailability", "{\"connectorId\":2,\"type\":\"Inoperative\"}"));
        assertEquals(List.of("outOfService=true", "outOfService=false"), asked);
        // the Unavailable status comes from the core's status (out of service), as every StatusNotification
        answerLast("{}");
        cp.statusChanged(new ConnectorStatus.Input(ChargerState.OUT_OF_SERVICE, "A", false, 0, null, null));
        assertEquals("Unavailable", last().get(3).get("status").asText());
        assertEquals(0, last().get(3).get("connectorId").asInt());
    }

    @Test
    void changeAvailability_inoperativeDuringATransaction_isScheduled_andAppliedWhenItStops() throws Exception {
        build(true);
        connect();
        transaction();
        assertEquals("Scheduled", ask("a1", "ChangeAvailability", "{\"connectorId\":1,\"type\":\"Inoperative\"}"));
        assertTrue(asked.isEmpty(), "not while the transaction runs: " + asked);
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 100);
        assertEquals(List.of("outOfService=true"), asked);
    }

    @Test
    void changeAvailability_operativeCallsOffAScheduledInoperative() throws Exception {
        build(true);
        connect();
        transaction();
        assertEquals("Scheduled", ask("a1", "ChangeAvailability", "{\"connectorId\":0,\"type\":\"Inoperative\"}"));
        assertEquals("Accepted", ask("a2", "ChangeAvailability", "{\"connectorId\":0,\"type\":\"Operative\"}"));
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 100);
        assertEquals(List.of("outOfService=false"), asked);
    }

    @Test
    void changeAvailability_withoutTheCore_isRejected() throws Exception {
        build(true);
        core = null;
        connect();
        assertEquals("Rejected", ask("a1", "ChangeAvailability", "{\"connectorId\":0,\"type\":\"Inoperative\"}"));
    }

    // ---- ChangeAvailability kept across restarts (OCPP 1.6 "Persistent states") ----

    private List<Integer> unavailableConnectors() throws Exception {
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : calls("StatusNotification")) {
            if ("Unavailable".equals(n.get("status").asText())) {
                out.add(n.get("connectorId").asInt());
            }
        }
        return out;
    }

    @Test
    void changeAvailability_thatCannotBeKeptAcrossRestarts_isRejected_andTheChargerStaysAsItWas() throws Exception {
        // the kept file's place is taken by a folder that is not empty: the atomic rename onto it fails
        Path blocked = Files.createDirectories(dataArea.resolve(OcppComponent.AVAILABILITY_FILE));
        Files.writeString(blocked.resolve("x"), "x");
        build(true, true);
        connect();
        assertEquals("Rejected", ask("a1", "ChangeAvailability", "{\"connectorId\":0,\"type\":\"Inoperative\"}"));
        assertTrue(asked.isEmpty(), "the core is not taken out of service: " + asked);
        assertEquals(ChangeAvailability.Kept.OPERATIVE, availability.kept());
    }

    @Test
    void changeAvailability_inoperative_isKeptAcrossARestart_unavailableAndNoTransactionAfterIt() throws Exception {
        build(true, true);
        connect();
        assertEquals("Accepted", ask("a1", "ChangeAvailability", "{\"connectorId\":0,\"type\":\"Inoperative\"}"));
        assertEquals(List.of("outOfService=true"), asked);
        // kill -9 right after the answer; the core's own record of it did not make it: it starts in service
        sent.clear();
        asked.clear();
        build(true, true);
        connect();
        availability.coreStatus(ChargerState.VEHICLE_NOT_CONNECTED);
        assertEquals(List.of("outOfService=true"), asked, "the kept Inoperative is put to the core again");
        cp.statusChanged(new ConnectorStatus.Input(ChargerState.OUT_OF_SERVICE, "A", false, 0, null, null));
        answerAll();
        assertEquals(List.of(0, 1), unavailableConnectors().stream().sorted().toList());
        assertEquals("Rejected", ask("rs", "RemoteStartTransaction", "{\"idTag\":\"CARD-1\"}"));
        tx.sessionStarted(SESSION, null);
        assertTrue(calls("StartTransaction").isEmpty(), "no transaction on an Unavailable connector");
        // a core that kept it itself is not asked again; Operative is kept the same way
        build(true, true);
        asked.clear();
        availability.coreStatus(ChargerState.OUT_OF_SERVICE);
        assertTrue(asked.isEmpty(), asked.toString());
        connect();
        assertEquals("Accepted", ask("a2", "ChangeAvailability", "{\"connectorId\":1,\"type\":\"Operative\"}"));
        build(true, true);
        asked.clear();
        availability.coreStatus(ChargerState.VEHICLE_NOT_CONNECTED);
        assertTrue(asked.isEmpty(), "Operative kept: " + asked);
        assertEquals(ChangeAvailability.Kept.OPERATIVE, availability.kept());
    }

    @Test
    void changeAvailability_scheduled_isKeptAcrossAPowerLoss_andTakesEffectWhenTheInterruptedTransactionStops()
            throws Exception {
        build(true, true);
        connect();
        transaction();
        assertEquals("Scheduled", ask("a1", "ChangeAvailability", "{\"connectorId\":1,\"type\":\"Inoperative\"}"));
        assertTrue(asked.isEmpty(), asked.toString());
        // the power goes during the transaction; after the restart the transaction is still open in the journal
        sent.clear();
        build(true, true);
        availability.coreStatus(ChargerState.VEHICLE_NOT_CONNECTED);
        assertTrue(asked.isEmpty(), "not while the interrupted transaction is open: " + asked);
        assertEquals(ChangeAvailability.Kept.SCHEDULED, availability.kept());
        // the core's history holds the session as ended by the power loss (OcppComponent at the client's start)
        tx.closeEndedSessions(key -> java.util.Optional.of(new Transactions.Ended("POWER_LOSS", 40)));
        assertEquals(List.of("outOfService=true"), asked);
        assertEquals(ChangeAvailability.Kept.INOPERATIVE, availability.kept());
        connect();
        assertEquals("PowerLoss", calls("StopTransaction").get(0).get("reason").asText());
        assertEquals(7, calls("StopTransaction").get(0).get("transactionId").asInt());
        // and it stays so at the next restart
        build(true, true);
        asked.clear();
        availability.coreStatus(ChargerState.VEHICLE_NOT_CONNECTED);
        assertEquals(List.of("outOfService=true"), asked);
    }

    @Test
    void changeAvailability_aLocalReturnToService_endsTheKeptInoperative() throws Exception {
        build(true, true);
        connect();
        availability.coreStatus(ChargerState.VEHICLE_NOT_CONNECTED);
        assertEquals("Accepted", ask("a1", "ChangeAvailability", "{\"connectorId\":0,\"type\":\"Inoperative\"}"));
        availability.coreStatus(ChargerState.OUT_OF_SERVICE);
        // the installer puts it back in service on the web page
        availability.coreStatus(ChargerState.VEHICLE_NOT_CONNECTED);
        assertEquals(ChangeAvailability.Kept.OPERATIVE, availability.kept());
        build(true, true);
        asked.clear();
        availability.coreStatus(ChargerState.VEHICLE_NOT_CONNECTED);
        assertTrue(asked.isEmpty(), "not taken out of service again: " + asked);
    }

    // ---- Reset ----

    @Test
    void reset_duringATransaction_endsTheCharge_stopsItWithTheReason_deliversIt_thenRestarts() throws Exception {
        for (String type : List.of("Soft", "Hard")) {
            sent.clear();
            asked.clear();
            restarts.clear();
            sessionEnergyWh = 0;
            build(true);
            connect();
            transaction();
            sessionEnergyWh = 250;
            assertEquals("Accepted", ask("r-" + type, "Reset", "{\"type\":\"" + type + "\"}"));
            assertEquals(List.of("endCharge=" + type + "Reset"), asked);
            assertEquals("StopTransaction", lastAction(), "queued after the answer");
            JsonNode stop = last().get(3);
            assertEquals(type + "Reset", stop.get("reason").asText());
            assertEquals(7, stop.get("transactionId").asInt());
            assertEquals(10_250, stop.get("meterStop").asInt());
            timers.advance(Duration.ofSeconds(5));
            assertTrue(restarts.isEmpty(), "not before the StopTransaction is delivered");
            answerLast("{}");
            timers.advance(Reset.POLL);
            assertEquals(List.of(type.toLowerCase()), restarts);
        }
    }

    @Test
    void reset_offline_restartsAtOnce_theStopWaitsInTheJournal() throws Exception {
        build(true);
        connect();
        transaction();
        JsonNode req = json.readTree("[2,\"r1\",\"Reset\",{\"type\":\"Hard\"}]");
        cp.received(req.toString());
        cp.disconnected();
        timers.advance(Reset.POLL);
        assertEquals(List.of("hard"), restarts);
        assertEquals(1, tx.queued(), "the StopTransaction goes after the restart");
    }

    @Test
    void reset_withoutATransaction_restartsAfterTheAnswer() throws Exception {
        build(true);
        connect();
        assertEquals("Accepted", ask("r1", "Reset", "{\"type\":\"Soft\"}"));
        assertTrue(restarts.isEmpty(), "not before the answer is sent");
        assertTrue(asked.isEmpty(), "no charge to end");
        timers.advance(Reset.POLL);
        assertEquals(List.of("soft"), restarts);
    }

    @Test
    void reset_aFailedRestart_isTriedAgainResetRetriesTimes() throws Exception {
        build(true);
        keys.change(ConfigurationKeys.RESET_RETRIES, "2");
        restartFailures = 5;
        connect();
        assertEquals("Accepted", ask("r1", "Reset", "{\"type\":\"Hard\"}"));
        timers.advance(Reset.POLL);
        timers.advance(Reset.RETRY_AFTER.multipliedBy(10));
        assertEquals(2, restartFailures, "the first try and ResetRetries = 2 more, then given up");
        restartFailures = 0;
        assertEquals("Accepted", ask("r2", "Reset", "{\"type\":\"Hard\"}"), "a new reset may be asked");
        timers.advance(Reset.POLL);
        assertEquals(List.of("hard"), restarts);
    }

    // ---- UnlockConnector ----

    @Test
    void unlock_untethered_stopsTheTransaction_andAnswersWhenTheLockIsReleased() throws Exception {
        build(false);
        connect();
        transaction();
        unlockAnswer = new CompletableFuture<>();
        cp.received("[2,\"u1\",\"UnlockConnector\",{\"connectorId\":1}]");
        assertEquals(List.of("unlockConnector"), asked);
        assertEquals("UnlockCommand", calls("StopTransaction").get(0).get("reason").asText());
        assertEquals(null, answerTo("u1"), "the answer waits for the lock");
        unlockAnswer.complete(new ChargerControl.Result(true, "connector unlocked"));
        assertEquals("Unlocked", answerTo("u1").get(2).get("status").asText());
    }

    @Test
    void unlock_aLockThatDoesNotRelease_isUnlockFailed() throws Exception {
        build(false);
        connect();
        fake.answerUnlock(new ChargerControl.Result(false, "unlock failed: D5 Error in locking/unlocking"));
        assertEquals("UnlockFailed", ask("u1", "UnlockConnector", "{\"connectorId\":1}"));
    }

    @Test
    void unlock_tetheredOrAnotherConnector_isNotSupported() throws Exception {
        build(true);
        connect();
        assertEquals("NotSupported", ask("u1", "UnlockConnector", "{\"connectorId\":1}"));
        build(false);
        connect();
        assertEquals("NotSupported", ask("u2", "UnlockConnector", "{\"connectorId\":2}"));
        assertTrue(asked.isEmpty(), asked.toString());
    }

    @Test
    void unlock_anAnswerAfterTheConnectionWent_isDropped() throws Exception {
        build(false);
        connect();
        unlockAnswer = new CompletableFuture<>();
        cp.received("[2,\"u1\",\"UnlockConnector\",{\"connectorId\":1}]");
        cp.disconnected();
        int before = sent.size();
        unlockAnswer.complete(new ChargerControl.Result(true, "connector unlocked"));
        assertEquals(before, sent.size());
    }

    // ---- DataTransfer ----

    @Test
    void dataTransfer_unknownVendor_ourVendorsStatus_unknownMessage() throws Exception {
        build(true);
        connect();
        assertEquals("UnknownVendorId", ask("d1", "DataTransfer", "{\"vendorId\":\"com.example\",\"data\":\"x\"}"));
        assertEquals("UnknownMessageId", ask("d2", "DataTransfer", "{\"vendorId\":\"SEMAR\",\"messageId\":\"Colour\"}"));
        assertEquals("Accepted", ask("d3", "DataTransfer", "{\"vendorId\":\"SEMAR\",\"messageId\":\"Status\"}"));
        JsonNode data = json.readTree(answerTo("d3").get(2).get("data").asText());
        assertEquals("CHARGING", data.get("state").asText());
        assertEquals("charging at 16.0 A", data.get("detail").asText());
    }

    // ---- clock-aligned meter values, transactionData ----

    @Test
    void nextBoundary_isAlignedToMidnight() {
        ZonedDateTime t = ZonedDateTime.parse("2026-12-07T11:59:00Z");
        assertEquals(Instant.parse("2026-12-07T12:00:00Z"), AlignedMeterValues.nextBoundary(t, 900));
        assertEquals(Instant.parse("2026-12-07T12:15:00Z"),
                AlignedMeterValues.nextBoundary(ZonedDateTime.parse("2026-12-07T12:00:00Z"), 900));
        assertEquals(Instant.parse("2026-12-08T00:00:00Z"),
                AlignedMeterValues.nextBoundary(ZonedDateTime.parse("2026-12-07T23:59:59Z"), 7 * 3600),
                "a day that does not divide evenly ends its last interval at midnight");
    }

    /** {@code n} boundaries one after the other from {@code from}, as local times of {@code zone}. */
    private static List<String> boundaries(String from, ZoneId zone, int intervalS, int n) {
        List<String> out = new ArrayList<>();
        Instant t = java.time.OffsetDateTime.parse(from).toInstant();
        for (int i = 0; i < n; i++) {
            t = AlignedMeterValues.nextBoundary(t, zone, intervalS);
            out.add(t.atZone(zone).toOffsetDateTime().toString());
        }
        return out;
    }

    @Test
    void nextBoundary_isAlignedToTheLocalMidnight_andFollowsTheLocalClockAcrossDaylightSavingTime() {
        ZoneId rome = ZoneId.of("Europe/Rome");
        assertEquals(List.of("2026-12-07T14:00+01:00", "2026-12-07T21:00+01:00", "2026-12-08T00:00+01:00"),
                boundaries("2026-12-07T12:59:00+01:00", rome, 7 * 3600, 3), "from 00:00 local, not UTC");
        // 2027-03-28, the last Sunday of March: 02:00 CET becomes 03:00 CEST (a 23-hour day)
        assertEquals(List.of("2027-03-28T00:00+01:00", "2027-03-28T07:00+02:00", "2027-03-28T14:00+02:00",
                "2027-03-28T21:00+02:00", "2027-03-29T00:00+02:00", "2027-03-29T07:00+02:00"),
                boundaries("2027-03-27T23:30:00+01:00", rome, 7 * 3600, 6));
        assertEquals(List.of("2027-03-28T01:45+01:00", "2027-03-28T03:00+02:00", "2027-03-28T03:15+02:00"),
                boundaries("2027-03-28T01:40:00+01:00", rome, 900, 3), "the skipped hour has no boundary");
        // 2027-10-31, the last Sunday of October: 03:00 CEST becomes 02:00 CET, the hour shown twice
        assertEquals(List.of("2027-10-31T01:30+02:00", "2027-10-31T02:00+02:00", "2027-10-31T02:30+02:00",
                "2027-10-31T02:00+01:00", "2027-10-31T02:30+01:00", "2027-10-31T03:00+01:00"),
                boundaries("2027-10-31T01:10:00+02:00", rome, 1800, 6));
        assertEquals(List.of("2027-10-31T07:00+01:00", "2027-10-31T14:00+01:00"),
                boundaries("2027-10-31T00:00:00+02:00", rome, 7 * 3600, 2), "07:00 local on the 25-hour day");
    }

    @Test
    void clockAligned_startsAtTheMidnightOfTheChargersTimeZone() throws Exception {
        chargerZone = ZoneId.of("Europe/Rome");
        build(true);
        keys.change(ConfigurationKeys.CLOCK_ALIGNED_DATA_INTERVAL, Integer.toString(7 * 3600));
        connect();
        // 11:59Z is 12:59 in Rome: the interval 07:00-14:00 local ends at 13:00Z (UTC-aligned it would be 14:00Z)
        timers.advance(Duration.ofMinutes(61));
        assertEquals(1, calls("MeterValues").size());
        assertEquals("2026-12-07T13:00:00Z", calls("MeterValues").get(0).at("/meterValue/0/timestamp").asText());
    }

    @Test
    void clockAligned_outsideATransaction_onTheQuarterHours_withContextSampleClock() throws Exception {
        build(true);
        connect();
        assertEquals("Accepted", ask("c1", "ChangeConfiguration",
                "{\"key\":\"ClockAlignedDataInterval\",\"value\":\"900\"}"));
        timers.advance(Duration.ofSeconds(59));
        assertTrue(calls("MeterValues").isEmpty(), "not before 12:00:00");
        timers.advance(Duration.ofSeconds(1));
        JsonNode mv = last().get(3);
        assertEquals("MeterValues", lastAction());
        assertFalse(mv.has("transactionId"));
        assertEquals(1, mv.get("connectorId").asInt());
        assertEquals("2026-12-07T12:00:00Z", mv.at("/meterValue/0/timestamp").asText());
        JsonNode v = mv.at("/meterValue/0/sampledValue/0");
        assertEquals("Sample.Clock", v.get("context").asText());
        assertEquals("Energy.Active.Import.Register", v.get("measurand").asText());
        assertEquals("10000", v.get("value").asText());
        answerLast("{}");
        timers.advance(Duration.ofMinutes(15));
        assertEquals(2, calls("MeterValues").size());
        assertEquals("2026-12-07T12:15:00Z", calls("MeterValues").get(1).at("/meterValue/0/timestamp").asText());
        answerLast("{}");
        ask("c2", "ChangeConfiguration", "{\"key\":\"ClockAlignedDataInterval\",\"value\":\"0\"}");
        timers.advance(Duration.ofHours(2));
        assertEquals(2, calls("MeterValues").size(), "0 = none");
    }

    @Test
    void clockAligned_duringATransaction_carriesItsId_andTheAlignedMeasurands() throws Exception {
        build(true);
        keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "0");
        keys.change(ConfigurationKeys.METER_VALUES_ALIGNED_DATA, "Energy.Active.Import.Register,Power.Active.Import");
        keys.change(ConfigurationKeys.CLOCK_ALIGNED_DATA_INTERVAL, "60");
        connect();
        transaction();
        sessionEnergyWh = 61;
        timers.advance(Duration.ofSeconds(60));
        JsonNode mv = last().get(3);
        assertEquals("MeterValues", lastAction());
        assertEquals(7, mv.get("transactionId").asInt());
        assertEquals("10061", mv.at("/meterValue/0/sampledValue/0/value").asText());
        assertEquals("3680", mv.at("/meterValue/0/sampledValue/1/value").asText());
        assertEquals("Power.Active.Import", mv.at("/meterValue/0/sampledValue/1/measurand").asText());
    }

    @Test
    void stopTransaction_carriesTransactionData_perStopTxnSampledAndAlignedData() throws Exception {
        build(true);
        keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "30");
        keys.change(ConfigurationKeys.STOP_TXN_SAMPLED_DATA, "Energy.Active.Import.Register");
        keys.change(ConfigurationKeys.STOP_TXN_ALIGNED_DATA, "Power.Active.Import");
        keys.change(ConfigurationKeys.CLOCK_ALIGNED_DATA_INTERVAL, "60");
        connect();
        transaction();
        sessionEnergyWh = 30;
        timers.advance(Duration.ofSeconds(30));
        answerAll();
        timers.advance(Duration.ofSeconds(30));
        answerAll();
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 40);
        answerAll();
        JsonNode data = calls("StopTransaction").get(0).get("transactionData");
        List<String> contexts = new ArrayList<>();
        data.forEach(mv -> mv.get("sampledValue").forEach(v -> contexts.add(v.get("context").asText() + " "
                + v.get("measurand").asText() + " " + v.get("value").asText())));
        assertEquals(List.of("Transaction.Begin Energy.Active.Import.Register 10000",
                "Sample.Periodic Energy.Active.Import.Register 10030",
                "Sample.Clock Power.Active.Import 3680", "Sample.Periodic Energy.Active.Import.Register 10030",
                "Transaction.End Energy.Active.Import.Register 10040"), contexts);
    }

    @Test
    void stopTransaction_afterAPowerLoss_stillCarriesTheTransactionDataTakenBefore() throws Exception {
        keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "30");
        keys.change(ConfigurationKeys.STOP_TXN_SAMPLED_DATA, "Energy.Active.Import.Register");
        build(true, true);
        connect();
        transaction();
        sessionEnergyWh = 30;
        timers.advance(Duration.ofSeconds(30));
        answerAll();
        // the power goes; the core's history holds the session as ended by it with 40 Wh
        sent.clear();
        build(true, true);
        tx.closeEndedSessions(key -> java.util.Optional.of(new Transactions.Ended("POWER_LOSS", 40)));
        connect();
        JsonNode stop = calls("StopTransaction").get(0);
        assertEquals("PowerLoss", stop.get("reason").asText());
        List<String> contexts = new ArrayList<>();
        stop.get("transactionData").forEach(mv -> mv.get("sampledValue").forEach(v -> contexts.add(
                v.get("context").asText() + " " + v.get("value").asText())));
        assertEquals(List.of("Transaction.Begin 10000", "Sample.Periodic 10030", "Transaction.End 10040"), contexts);
    }

    /** The Energy.Active.Import.Register values of the MeterValues sent, in order. */
    private List<Long> registersSent() throws Exception {
        List<Long> out = new ArrayList<>();
        for (JsonNode p : calls("MeterValues")) {
            p.get("meterValue").forEach(mv -> mv.get("sampledValue").forEach(v -> {
                if (Measurands.ENERGY.equals(v.path("measurand").asText())) {
                    out.add(v.get("value").asLong());
                }
            }));
        }
        return out;
    }

    /**
     * A transaction that reported 18 Wh in a periodic sample, then a kill -9: the core restores the session from its
     * last persist (every 10 s), with less energy than that, and the client starts again on the same files.
     */
    private void aSampleOf18Wh_thenAPowerLoss_andTheCoreRestores(double restoredWh) throws Exception {
        keys.change(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL, "30");
        keys.change(ConfigurationKeys.STOP_TXN_SAMPLED_DATA, "Energy.Active.Import.Register");
        build(true, true);
        connect();
        transaction();
        sessionEnergyWh = 18;
        timers.advance(Duration.ofSeconds(30));
        answerAll();
        assertEquals(List.of(10_018L), registersSent());
        sent.clear();
        sessionEnergyWh = restoredWh;
        build(true, true);
    }

    @Test
    void stopTransaction_afterAPowerLoss_whoseCoreEnergyIsLower_hasAMeterStopNotBelowTheSamplesBefore()
            throws Exception {
        aSampleOf18Wh_thenAPowerLoss_andTheCoreRestores(0);
        // the core's history holds the session as ended by the power loss, with the energy it had persisted
        tx.closeEndedSessions(key -> java.util.Optional.of(new Transactions.Ended("POWER_LOSS", 0)));
        connect();
        answerAll();
        JsonNode stop = calls("StopTransaction").get(0);
        assertEquals("PowerLoss", stop.get("reason").asText());
        assertEquals(10_018, stop.get("meterStop").asInt(), "never below the 10018 Wh MeterValues reported");
        List<String> data = new ArrayList<>();
        stop.get("transactionData").forEach(mv -> mv.get("sampledValue").forEach(v -> data.add(
                v.get("context").asText() + " " + v.get("value").asText())));
        assertEquals(List.of("Transaction.Begin 10000", "Sample.Periodic 10018", "Transaction.End 10018"), data);
    }

    @Test
    void samplesOfTheResumedTransaction_afterAPowerLoss_neverGoBelowTheOnesBefore() throws Exception {
        keys.change(ConfigurationKeys.CLOCK_ALIGNED_DATA_INTERVAL, "60");
        aSampleOf18Wh_thenAPowerLoss_andTheCoreRestores(3);
        connect();
        answerAll();
        timers.advance(Duration.ofSeconds(30));
        answerAll();
        JsonNode triggered = tx.meterValuesNow(1);
        assertFalse(registersSent().isEmpty(), "periodic and clock-aligned values after the restart");
        assertTrue(registersSent().stream().allMatch(wh -> wh == 10_018), "none below 10018: " + registersSent());
        assertEquals("10018", triggered.at("/meterValue/0/sampledValue/0/value").asText());
        // the core counts on from its restored 3 Wh: the register goes up again only past what was reported
        sessionEnergyWh = 25;
        timers.advance(Duration.ofSeconds(30));
        answerAll();
        assertEquals(10_025L, registersSent().get(registersSent().size() - 1));
    }

    @Test
    void aTriggeredMeterValues_ofTheTransaction_isKeptAsReported_soTheStopAfterAPowerLossIsNotBelowIt()
            throws Exception {
        build(true, true);
        connect();
        transaction();
        sessionEnergyWh = 25;
        assertEquals("10025", tx.meterValuesNow(1).at("/meterValue/0/sampledValue/0/value").asText());
        sent.clear();
        sessionEnergyWh = 0;
        build(true, true);
        tx.closeEndedSessions(key -> java.util.Optional.of(new Transactions.Ended("POWER_LOSS", 10)));
        connect();
        answerAll();
        assertEquals(10_025, calls("StopTransaction").get(0).get("meterStop").asInt());
    }

    @Test
    void stopTransaction_withoutStopTxnKeys_hasNoTransactionData() throws Exception {
        build(true);
        connect();
        transaction();
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 40);
        assertFalse(last().get(3).has("transactionData"));
    }
}
