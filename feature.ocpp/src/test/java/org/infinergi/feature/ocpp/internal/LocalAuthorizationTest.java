package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.feature.auth.api.CentralAuthorization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OCPP 1.6 §3.5: the local authorization list (SendLocalList, GetLocalListVersion), the authorization cache
 * (ClearCache) and the keys that decide with them (LocalAuthorizeOffline, LocalPreAuthorize,
 * AllowOfflineTxForUnknownId, StopTransactionOnInvalidId, AuthorizeRemoteTxRequests); kept across a restart.
 */
class LocalAuthorizationTest {

    private static final OcppSchemas SCHEMAS = OcppSchemas.load();
    private static final long SESSION = 1_765_000_000_000L;
    private static final String CARD = "04A1B2C3";
    private final ObjectMapper json = new ObjectMapper();
    private final ManualTimers timers = new ManualTimers();
    private final List<String> sent = new ArrayList<>();
    private final ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
    private Instant now = Instant.parse("2026-12-07T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    @TempDir
    Path dir;

    private final List<String> authorized = new ArrayList<>();
    private final List<String> ended = new ArrayList<>();
    private int pauses;
    private ChargePoint cp;
    private Transactions tx;
    private LocalAuthorization local;
    private CardAuthorization cards;

    private void build() {
        cp = new ChargePoint(new Frames(), SCHEMAS, new BootInfo("SEMAR", "INFINERGI-3T-DR", "21/1", "0.1.0"), keys,
                timers, clock);
        tx = new Transactions(cp, TransactionJournal.inMemory(), new Frames(), keys, timers, clock,
                new Transactions.ChargerMeter() {
                    @Override
                    public OptionalDouble registerWh() {
                        return OptionalDouble.of(1_000);
                    }

                    @Override
                    public OptionalDouble powerW() {
                        return OptionalDouble.empty();
                    }

                    @Override
                    public double sessionEnergyWh() {
                        return 50;
                    }
                }, new Transactions.Control() {
                    @Override
                    public boolean authorize(String idTag) {
                        authorized.add(idTag);
                        return true;
                    }

                    @Override
                    public boolean stopCharging() {
                        pauses++;
                        return true;
                    }

                    @Override
                    public boolean present() {
                        return true;
                    }

                    @Override
                    public boolean endCharge(String reason) {
                        ended.add(reason);
                        return true;
                    }
                }, Transactions.Mode.RFID, "STATIC");
        local = new LocalAuthorization(keys, new Frames(), dir.resolve(OcppComponent.AUTHORIZATION_FILE));
        local.register(cp);
        cards = new CardAuthorization(cp, new Frames(), keys, local, clock);
        tx.authorizeWith(cards);
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
        Set<String> answered = new HashSet<>();
        while (last().get(0).asInt() == 2 && "StatusNotification".equals(last().get(2).asText())
                && answered.add(last().get(1).asText())) {
            answerLast("{}");
        }
    }

    private int n;

    /** The central system's CALL; the answer's payload (a CALLERROR fails the test). */
    private JsonNode ask(String action, String payload) throws Exception {
        String id = "cs-" + (++n);
        int before = sent.size();
        cp.received("[2,\"" + id + "\",\"" + action + "\"," + payload + "]");
        for (int i = before; i < sent.size(); i++) {
            JsonNode f = json.readTree(sent.get(i));
            if (f.get(0).asInt() == 3 && id.equals(f.get(1).asText())) {
                return f.get(2);
            }
        }
        throw new AssertionError("no CALLRESULT to " + action + ": " + sent.subList(before, sent.size()));
    }

    private String sendLocalList(int version, String type, String entries) throws Exception {
        return ask("SendLocalList", "{\"listVersion\":" + version + ",\"updateType\":\"" + type
                + "\",\"localAuthorizationList\":[" + entries + "]}").get("status").asText();
    }

    private static String entry(String tag, String status) {
        return "{\"idTag\":\"" + tag + "\",\"idTagInfo\":{\"status\":\"" + status + "\"}}";
    }

    private int version() throws Exception {
        return ask("GetLocalListVersion", "{}").get("listVersion").asInt();
    }

    private CardAuthorization.Answer decide(String tag) {
        List<CardAuthorization.Answer> out = new ArrayList<>();
        cards.authorize(tag, out::add);
        assertEquals(1, out.size(), "decided at once");
        return out.get(0);
    }

    private void change(String key, String value) throws Exception {
        assertEquals("Accepted", ask("ChangeConfiguration", "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}")
                .get("status").asText());
    }

    private long calls(String action) throws Exception {
        long c = 0;
        for (String s : sent) {
            JsonNode f = json.readTree(s);
            if (f.get(0).asInt() == 2 && action.equals(f.get(2).asText())) {
                c++;
            }
        }
        return c;
    }

    // ---- the local list ----

    @Test
    void getLocalListVersion_isZeroWhileEmpty_thenTheVersionSent_andSupportedFeatureProfilesNamesTheList()
            throws Exception {
        build();
        connect();
        assertEquals(0, version(), "0 = empty (-1 would say the charger has no local list)");
        assertEquals("Accepted", sendLocalList(3, "Full", entry(CARD, "Accepted")));
        assertEquals(3, version());
        JsonNode k = ask("GetConfiguration", "{\"key\":[\"SupportedFeatureProfiles\",\"LocalAuthListMaxLength\","
                + "\"SendLocalListMaxLength\"]}").get("configurationKey");
        String profiles = k.get(0).get("value").asText();
        assertTrue(java.util.List.of(profiles.split(",")).contains("LocalAuthListManagement"), profiles);
        assertTrue(k.get(1).get("readonly").asBoolean() && k.get(2).get("readonly").asBoolean());
    }

    @Test
    void full_replacesTheList_differential_addsUpdatesAndRemoves() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(1, "Full", entry("AA000001", "Accepted") + ","
                + entry("AA000002", "Accepted")));
        assertEquals("Accepted", sendLocalList(2, "Differential", entry("AA000003", "Accepted") + ","
                + entry("AA000001", "Blocked") + ",{\"idTag\":\"AA000002\"}"));
        assertEquals("Blocked", local.lookup("AA000001").orElseThrow().info().status(), "updated");
        assertTrue(local.lookup("AA000002").isEmpty(), "an entry without idTagInfo removes the id tag");
        assertEquals("Accepted", local.lookup("aa000003").orElseThrow().info().status(), "added; no case");
        assertEquals("Accepted", sendLocalList(1, "Full", entry("AA000004", "Accepted")));
        assertTrue(local.lookup("AA000001").isEmpty() && local.lookup("AA000003").isEmpty(), "Full replaces all");
        assertEquals(1, version(), "a Full update sets any version");
        assertEquals("Accepted", sendLocalList(7, "Full", ""));
        assertEquals(0, version(), "an empty Full list empties it");
    }

    @Test
    void differential_withAVersionNotAboveTheLists_isAVersionMismatch_andChangesNothing() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(5, "Full", entry(CARD, "Accepted")));
        assertEquals("VersionMismatch", sendLocalList(5, "Differential", entry("AA000009", "Accepted")));
        assertEquals("VersionMismatch", sendLocalList(4, "Differential", entry("AA000009", "Accepted")));
        assertTrue(local.lookup("AA000009").isEmpty());
        assertEquals(5, version());
        assertEquals("Accepted", sendLocalList(6, "Differential", entry("AA000009", "Accepted")));
        assertEquals(6, version());
    }

    @Test
    void overTheMaxLengths_isFailed_andChangesNothing_aFullEntryWithoutIdTagInfoToo() throws Exception {
        build();
        connect();
        StringBuilder tooMany = new StringBuilder();
        for (int i = 0; i <= ConfigurationKeys.SEND_LOCAL_LIST_MAX; i++) {
            tooMany.append(i == 0 ? "" : ",").append(entry(String.format("B%07d", i), "Accepted"));
        }
        assertEquals("Failed", sendLocalList(1, "Full", tooMany.toString()), "over SendLocalListMaxLength");
        assertEquals(0, version());
        // LocalAuthListMaxLength: filled by differential updates up to the bound, one more fails
        int v = 0;
        for (int i = 0; i < ConfigurationKeys.LOCAL_LIST_MAX; i += ConfigurationKeys.SEND_LOCAL_LIST_MAX) {
            StringBuilder part = new StringBuilder();
            for (int j = i; j < i + ConfigurationKeys.SEND_LOCAL_LIST_MAX; j++) {
                part.append(j == i ? "" : ",").append(entry(String.format("C%07d", j), "Accepted"));
            }
            assertEquals("Accepted", sendLocalList(++v, "Differential", part.toString()));
        }
        assertEquals("Failed", sendLocalList(++v, "Differential", entry("D0000001", "Accepted")),
                "over LocalAuthListMaxLength");
        assertTrue(local.lookup("D0000001").isEmpty());
        assertEquals(v - 1, version());
        assertEquals("Failed", sendLocalList(++v, "Full", "{\"idTag\":\"E0000001\"}"), "Full needs idTagInfo");
        assertEquals(v - 2, version());
    }

    @Test
    void localAuthListEnabledFalse_sendLocalListIsNotSupported_andTheListDecidesNothing() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(1, "Full", entry(CARD, "Accepted")));
        change("LocalAuthListEnabled", "false");
        assertEquals("NotSupported", sendLocalList(2, "Full", ""));
        assertEquals(1, version(), "the list stays as it is");
        cp.disconnected();
        assertNull(decide(CARD).status(), "offline, the disabled list does not authorize");
        connect();
        change("LocalAuthListEnabled", "true");
        cp.disconnected();
        assertTrue(decide(CARD).accepted());
    }

    @Test
    void theListAndTheCache_surviveARestart_andAreWrittenWhole() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(4, "Full", entry(CARD, "Accepted")));
        cards.authorize("AA00CAC4E0", a -> { });
        answerLast("{\"idTagInfo\":{\"status\":\"Accepted\",\"expiryDate\":\"2026-12-08T00:00:00Z\"}}");
        assertFalse(Files.exists(dir.resolve(OcppComponent.AUTHORIZATION_FILE + ".tmp")), "renamed over");
        sent.clear();
        build(); // a restart: the same file
        assertEquals(4, local.listVersion());
        assertEquals("Accepted", local.lookup(CARD).orElseThrow().info().status());
        LocalAuthorization.Known cached = local.lookup("AA00CAC4E0").orElseThrow();
        assertEquals(LocalAuthorization.Source.CACHE, cached.source());
        assertEquals(Instant.parse("2026-12-08T00:00:00Z"), cached.info().expiryDate());
    }

    // ---- the cache ----

    @Test
    void theCache_keepsTheIdTagInfoOfAuthorizeAndStartTransaction_andClearCacheEmptiesIt() throws Exception {
        build();
        connect();
        cards.authorize("AA000001", a -> { });
        answerLast("{\"idTagInfo\":{\"status\":\"Accepted\"}}");
        tx.sessionStarted(SESSION, "AA000002");
        assertEquals("StartTransaction", lastAction());
        answerLast("{\"transactionId\":5,\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertEquals(LocalAuthorization.Source.CACHE, local.lookup("AA000001").orElseThrow().source());
        assertEquals("Accepted", local.lookup("AA000002").orElseThrow().info().status(), "StartTransaction.conf");
        assertEquals("Accepted", ask("ClearCache", "{}").get("status").asText());
        assertTrue(local.lookup("AA000001").isEmpty() && local.lookup("AA000002").isEmpty());
    }

    @Test
    void authorizationCacheEnabledFalse_nothingIsCached_andClearCacheIsStillAccepted() throws Exception {
        build();
        connect();
        change("AuthorizationCacheEnabled", "false");
        cards.authorize(CARD, a -> { });
        answerLast("{\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertTrue(local.lookup(CARD).isEmpty());
        assertEquals("Accepted", ask("ClearCache", "{}").get("status").asText(),
                "§5.4: Rejected only when the charger could not clear it");
        cp.disconnected();
        assertNull(decide(CARD).status());
    }

    // ---- offline and pre-authorization ----

    @Test
    void offline_aCachedOrListedValidIdTagIsAccepted_aBlockedOneRefused_anExpiredOneExpired() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(1, "Full", entry("AA000001", "Accepted") + ","
                + entry("AA000002", "Blocked")));
        cards.authorize("AA000003", a -> { });
        answerLast("{\"idTagInfo\":{\"status\":\"Accepted\",\"expiryDate\":\"2026-12-07T13:00:00Z\"}}");
        cp.disconnected();
        CardAuthorization.Answer listed = decide("AA000001");
        assertTrue(listed.accepted() && !listed.reached(), listed.toString());
        assertTrue(listed.why().contains("local authorization list"), listed.why());
        assertEquals("Blocked", decide("AA000002").status());
        assertTrue(decide("AA000003").accepted(), "in the cache, before its expiry");
        now = now.plus(Duration.ofHours(2));
        assertEquals("Expired", decide("AA000003").status(), "past its expiryDate");
        assertNull(decide("AA000004").status(), "unknown: nobody decides");
    }

    @Test
    void localAuthorizeOfflineFalse_offlineNothingLocalDecides() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(1, "Full", entry(CARD, "Accepted")));
        change("LocalAuthorizeOffline", "false");
        cp.disconnected();
        assertNull(decide(CARD).status());
    }

    @Test
    void allowOfflineTxForUnknownId_letsAnUnknownIdTagCharge_offlineOnly_notAKnownRefusedOne() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(1, "Full", entry("AA000002", "Blocked")));
        change("AllowOfflineTxForUnknownId", "true");
        cp.disconnected();
        assertTrue(decide("AA000009").accepted(), "unknown, offline");
        assertEquals("Blocked", decide("AA000002").status(), "known as blocked");
        connect();
        List<CardAuthorization.Answer> online = new ArrayList<>();
        cards.authorize("AA000009", online::add);
        assertEquals("Authorize", lastAction(), "online the central system is asked");
        answerLast("{\"idTagInfo\":{\"status\":\"Invalid\"}}");
        assertEquals("Invalid", online.get(0).status());
        assertTrue(online.get(0).reached());
    }

    @Test
    void noAnswerToAuthorize_isDecidedAsOffline() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(1, "Full", entry(CARD, "Accepted")));
        List<CardAuthorization.Answer> out = new ArrayList<>();
        cards.authorize(CARD, out::add);
        assertEquals("Authorize", lastAction(), "online without LocalPreAuthorize: asked");
        timers.advance(ChargePoint.CALL_TIMEOUT);
        assertTrue(out.get(0).accepted() && !out.get(0).reached(), out.toString());
    }

    @Test
    void localPreAuthorize_online_aValidListedOrCachedIdTagIsAcceptedAtOnce_withoutAuthorize() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(1, "Full", entry(CARD, "Accepted") + ","
                + entry("AA000002", "Blocked")));
        change("LocalPreAuthorize", "true");
        long before = calls("Authorize");
        CardAuthorization.Answer a = decide(CARD);
        assertTrue(a.accepted() && a.why().contains("LocalPreAuthorize"), a.toString());
        assertEquals(before, calls("Authorize"), "no Authorize sent");
        List<CardAuthorization.Answer> blocked = new ArrayList<>();
        cards.authorize("AA000002", blocked::add);
        assertEquals("Authorize", lastAction(), "an id tag not valid locally is asked");
        answerLast("{\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertTrue(blocked.get(0).accepted(), "the central system's answer counts");
        change("LocalPreAuthorize", "false");
        cards.authorize(CARD, a2 -> { });
        assertEquals("Authorize", lastAction(), "LocalPreAuthorize off: asked");
    }

    // ---- the central system's answers to a start, and remote starts ----

    @Test
    void stopTransactionOnInvalidId_aStartAnsweredInvalid_stopsTheTransactionDeAuthorized_andEndsTheCharge()
            throws Exception {
        build();
        connect();
        tx.sessionStarted(SESSION, CARD);
        assertEquals("StartTransaction", lastAction());
        answerLast("{\"transactionId\":9,\"idTagInfo\":{\"status\":\"Invalid\"}}");
        assertEquals("StopTransaction", lastAction());
        assertEquals("DeAuthorized", last().get(3).get("reason").asText());
        assertEquals(9, last().get(3).get("transactionId").asInt());
        assertEquals(List.of("DeAuthorized"), ended);
        assertTrue(tx.current().isEmpty());
        assertEquals("Invalid", local.lookup(CARD).orElseThrow().info().status(), "cached as the answer said");
    }

    @Test
    void stopTransactionOnInvalidIdFalse_aStartAnsweredBlocked_onlyStopsTheEnergy() throws Exception {
        build();
        connect();
        change("StopTransactionOnInvalidId", "false");
        tx.sessionStarted(SESSION, CARD);
        answerLast("{\"transactionId\":9,\"idTagInfo\":{\"status\":\"Blocked\"}}");
        assertEquals(0, calls("StopTransaction"));
        assertTrue(tx.current().isPresent(), "the transaction stays open");
        assertEquals(1, pauses);
        assertTrue(ended.isEmpty());
    }

    @Test
    void anAcceptedStart_endsNothing() throws Exception {
        build();
        connect();
        tx.sessionStarted(SESSION, CARD);
        answerLast("{\"transactionId\":9,\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertTrue(tx.current().isPresent());
        assertEquals(0, pauses + ended.size());
    }

    @Test
    void authorizeRemoteTxRequests_true_asksAuthorizeFirst_andARefusedIdTagStartsNothing() throws Exception {
        build();
        connect();
        change("AuthorizeRemoteTxRequests", "true");
        tx.sessionStarted(SESSION, null);
        assertEquals("Accepted", ask("RemoteStartTransaction", "{\"idTag\":\"REMOTE-1\"}").get("status").asText());
        assertEquals("Authorize", lastAction(), "after the answer: Authorize");
        answerLast("{\"idTagInfo\":{\"status\":\"Blocked\"}}");
        assertTrue(authorized.isEmpty() && tx.current().isEmpty(), "nothing started");
        assertEquals("Accepted", ask("RemoteStartTransaction", "{\"idTag\":\"REMOTE-2\"}").get("status").asText());
        answerLast("{\"idTagInfo\":{\"status\":\"Accepted\"}}");
        assertEquals(List.of("REMOTE-2"), authorized);
        assertEquals("StartTransaction", lastAction());
    }

    @Test
    void authorizeRemoteTxRequests_false_startsWithoutAuthorize() throws Exception {
        build();
        connect();
        tx.sessionStarted(SESSION, null);
        assertEquals("Accepted", ask("RemoteStartTransaction", "{\"idTag\":\"REMOTE-1\"}").get("status").asText());
        assertEquals(0, calls("Authorize"));
        assertEquals("StartTransaction", lastAction());
    }

    // ---- what feature.auth hears (CentralAuthorization) ----

    @Test
    void theVerdictForFeatureAuth_offlineFromTheList_isAcceptedButNotReached() throws Exception {
        build();
        connect();
        assertEquals("Accepted", sendLocalList(1, "Full", entry(CARD, "Accepted")));
        cp.disconnected();
        CentralAuthorization.Verdict v = OcppComponent.verdictOf(decide(CARD));
        assertTrue(v.accepted() && !v.reached(), v.toString());
        assertTrue(v.status().contains("local authorization list"), v.status());
        CentralAuthorization.Verdict unknown = OcppComponent.verdictOf(decide("AA000009"));
        assertFalse(unknown.accepted() || unknown.reached());
    }
}
