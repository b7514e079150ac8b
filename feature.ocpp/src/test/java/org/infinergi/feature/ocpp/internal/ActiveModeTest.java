package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ModeDecision;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OCPP Active mode (manual §5.1.4, §8): the charge goes only with a transaction the central system confirmed,
 * and the pause says why in the manual's rows; driven through {@link Transactions} as the client runs it.
 */
class ActiveModeTest {

    private static final long SESSION = 1_765_000_000_000L;
    private final ObjectMapper json = new ObjectMapper();
    private final ManualTimers timers = new ManualTimers();
    private final List<String> sent = new ArrayList<>();
    private final ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private ChargePoint cp;
    private Transactions tx;
    private ActiveMode mode;

    private void build(Transactions.Mode authorization) {
        cp = new ChargePoint(new Frames(), OcppSchemas.load(),
                new BootInfo("SEMAR", "INFINERGI-3T-DR", "21/000-000001", "0.1.0"), keys, timers, clock);
        tx = new Transactions(cp, TransactionJournal.inMemory(), new Frames(), keys, timers, clock,
                new Transactions.ChargerMeter() {
                    @Override
                    public OptionalDouble registerWh() {
                        return OptionalDouble.of(1000);
                    }

                    @Override
                    public OptionalDouble powerW() {
                        return OptionalDouble.empty();
                    }

                    @Override
                    public double sessionEnergyWh() {
                        return 0;
                    }
                }, new Transactions.Control() {
                    @Override
                    public boolean authorize(String idTag) {
                        return true;
                    }

                    @Override
                    public boolean stopCharging() {
                        return true;
                    }

                    @Override
                    public boolean present() {
                        return true;
                    }
                }, authorization, "STATIC");
        mode = new ActiveMode(true, cp::accepted);
        tx.listen(mode);
        cp.statusChanged(new ConnectorStatus.Input(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0, null, null));
    }

    private JsonNode last() throws Exception {
        return json.readTree(sent.get(sent.size() - 1));
    }

    private void answerLast(String payload) throws Exception {
        cp.received("[3,\"" + last().get(1).asText() + "\"," + payload + "]");
    }

    private void connect() throws Exception {
        cp.connected(sent::add);
        answerLast("{\"status\":\"Accepted\",\"currentTime\":\"2026-12-07T12:00:00Z\",\"interval\":86400}");
        Set<String> answered = new HashSet<>();
        while (last().get(0).asInt() == 2 && "StatusNotification".equals(last().get(2).asText())
                && answered.add(last().get(1).asText())) {
            answerLast("{}");
        }
    }

    private void assertPausedAs(String row) {
        ModeDecision d = mode.decide();
        assertFalse(d.chargeNow(), d.toString());
        assertEquals(row, d.manualRow(), d.toString());
    }

    @Test
    void withoutACentralSystem_theDeviceIsNotEnabled() {
        ModeDecision d = new ActiveMode(false, () -> false).decide();
        assertFalse(d.chargeNow());
        assertEquals(ChargerStatus.DETAIL_OCPP_NOT_ENABLED, d.manualRow());
        assertTrue(d.reason().contains("no central system"), d.reason());
    }

    @Test
    void theChargeWaitsForTheStartConfirmation_thenGoes_andEndsWithTheTransaction() throws Exception {
        build(Transactions.Mode.DISABLED);
        connect();
        assertPausedAs(ChargerStatus.DETAIL_OCPP_NOT_ENABLED);
        tx.sessionStarted(SESSION, null);
        assertEquals("StartTransaction", last().get(2).asText());
        assertPausedAs(ChargerStatus.DETAIL_OCPP_WAITING_FOR_TRANSACTION);
        answerLast("{\"transactionId\":42,\"idTagInfo\":{\"status\":\"Accepted\"}}");
        ModeDecision d = mode.decide();
        assertTrue(d.chargeNow(), d.toString());
        assertEquals(Double.POSITIVE_INFINITY, d.maxCurrentA(), "the current follows the profiles' limit");
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 10);
        assertPausedAs(ChargerStatus.DETAIL_OCPP_NOT_ENABLED);
    }

    @Test
    void aTransactionTheCentralSystemRefuses_doesNotCharge() throws Exception {
        build(Transactions.Mode.DISABLED);
        connect();
        tx.sessionStarted(SESSION, null);
        answerLast("{\"transactionId\":42,\"idTagInfo\":{\"status\":\"Invalid\"}}");
        assertPausedAs(ChargerStatus.DETAIL_OCPP_NOT_ENABLED);
        assertTrue(mode.decide().reason().contains("Invalid"), mode.decide().reason());
    }

    @Test
    void anAuthorizeInFlight_isTheAuthorizationRequestInProgress() throws Exception {
        build(Transactions.Mode.STATIC_ID_TAG);
        connect();
        tx.sessionStarted(SESSION, null);
        assertEquals("Authorize", last().get(2).asText());
        assertPausedAs(ChargerStatus.DETAIL_OCPP_AUTHORIZATION_IN_PROGRESS);
        answerLast("{\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertPausedAs(ChargerStatus.DETAIL_OCPP_WAITING_FOR_TRANSACTION);
    }

    @Test
    void aRemoteStart_isTheCentralSystemsOwnWish_andChargesAtOnce_aRemoteStopEndsIt() throws Exception {
        build(Transactions.Mode.RFID);
        connect();
        cp.received("[2,\"cs-1\",\"RemoteStartTransaction\",{\"idTag\":\"REMOTE-1\"}]");
        tx.sessionStarted(SESSION, null);
        assertEquals("StartTransaction", last().get(2).asText());
        assertTrue(mode.decide().chargeNow(), "no confirmation to wait for: the central system asked");
        answerLast("{\"transactionId\":7,\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertTrue(mode.decide().chargeNow());
        cp.received("[2,\"cs-2\",\"RemoteStopTransaction\",{\"transactionId\":7}]");
        assertPausedAs(ChargerStatus.DETAIL_OCPP_NOT_ENABLED);
    }

    @Test
    void aRemoteStartsChargingProfile_isTheTransactionsTxProfile() throws Exception {
        build(Transactions.Mode.RFID);
        SmartCharging smart = new SmartCharging(cp, new Frames(), keys, ProfileStore.inMemory(), clock, () -> 3, 32);
        tx.listen(smart);
        connect();
        cp.received("[2,\"cs-1\",\"RemoteStartTransaction\",{\"idTag\":\"REMOTE-1\",\"chargingProfile\":"
                + "{\"chargingProfileId\":3,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":{\"chargingRateUnit\":\"A\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":12}]}}}]");
        assertTrue(smart.profiles().isEmpty(), "not before its transaction");
        tx.sessionStarted(SESSION, null);
        assertEquals("OCPP charging profile 3 (TxProfile)", smart.currentLimit().source());
        assertEquals(12, smart.currentLimit().amps());
        tx.sessionStopped(SESSION, "VEHICLE_DISCONNECTED", 10);
        assertTrue(smart.profiles().isEmpty(), "gone with its transaction");
    }

    @Test
    void offline_noTransactionStartsACharge_butAConfirmedOneGoesOn() throws Exception {
        build(Transactions.Mode.DISABLED);
        tx.sessionStarted(SESSION, null);
        assertPausedAs(ChargerStatus.DETAIL_OCPP_WAITING_FOR_TRANSACTION);
        assertTrue(mode.decide().reason().contains("not reachable"), mode.decide().reason());
        connect();
        // the queued StartTransaction goes once registered, and its answer starts the charge
        answerLast("{\"transactionId\":42,\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertTrue(mode.decide().chargeNow());
        cp.disconnected();
        assertTrue(mode.decide().chargeNow(), "the link lost: the confirmed transaction and its profiles go on");
    }

    @Test
    void afterARestart_aTransactionAnsweredBefore_goesOn() throws Exception {
        build(Transactions.Mode.DISABLED);
        connect();
        tx.sessionStarted(SESSION, null);
        answerLast("{\"transactionId\":42,\"idTagInfo\":{\"status\":\"Accepted\"}}");
        ActiveMode later = new ActiveMode(true, () -> false);
        tx.listen(later);
        assertTrue(later.decide().chargeNow());
    }
}
