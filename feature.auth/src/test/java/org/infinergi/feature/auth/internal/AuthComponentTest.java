package org.infinergi.feature.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.testing.FakeChargerControl;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.core.config.EmptyValues;
import org.infinergi.feature.auth.api.AuthMode;
import org.infinergi.feature.auth.api.AuthOutcome;
import org.infinergi.feature.auth.api.CentralAuthorization;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Manual §5.7 modes and the local list, over a recording charger. */
class AuthComponentTest {

    private static final String CARD = "04A2B3C4";
    private static final String OTHER = "11223344";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private AuthComponent auth(Map<String, ?> config) {
        AuthComponent a = new AuthComponent(config, clock);
        a.control = new FakeChargerControl(requests::add);
        return a;
    }

    private static AuthOutcome last(AuthComponent a) {
        return a.lastOutcome().orElseThrow();
    }

    @Test
    void freeNeedsNoCardAndIgnoresOne() {
        AuthComponent a = auth(Map.of());
        assertEquals(AuthMode.FREE, a.mode());
        assertFalse(a.required());
        a.cardPresented(CARD);
        assertEquals(List.of(), requests);
        assertTrue(a.lastOutcome().isEmpty(), "no outcome (no logo signal) when nobody waits for a card");
    }

    @Test
    void aValidCardOfTheLocalListAuthorizesTheCharge() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", new String[] {CARD, OTHER}));
        assertTrue(a.required());
        a.cardPresented(CARD);
        assertEquals(List.of("authorize=" + CARD), requests);
        AuthOutcome o = last(a);
        assertTrue(o.accepted(), o.toString());
        assertEquals(CARD, o.uid());
        assertEquals(clock.instant(), o.at());
        assertTrue(o.reason().contains("valid card in the local list"), o.reason());
    }

    @Test
    void eachCardIsPostedThenItsOutcome_forTheLogoAndTheCentralSystem() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", new String[] {CARD}));
        List<Event> posted = new CopyOnWriteArrayList<>();
        a.eventAdmin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                throw new AssertionError("the reader's thread must not wait for listeners");
            }
        };
        a.cardPresented("04a2b3c4");
        a.cardPresented(OTHER);
        assertEquals(List.of(ChargerEvents.CARD_PRESENTED, ChargerEvents.CARD_ACCEPTED, ChargerEvents.CARD_PRESENTED,
                ChargerEvents.CARD_REFUSED), posted.stream().map(Event::getTopic).toList());
        assertEquals(CARD, posted.get(0).getProperty(ChargerEvents.ID_TAG));
        assertEquals(CARD, posted.get(1).getProperty(ChargerEvents.ID_TAG));
        assertTrue(((String) posted.get(1).getProperty(ChargerEvents.REASON)).contains("valid card"));
        assertEquals(clock.millis(), posted.get(1).getProperty(ChargerEvents.TIMESTAMP));
        assertEquals(OTHER, posted.get(3).getProperty(ChargerEvents.ID_TAG));
        assertTrue(((String) posted.get(3).getProperty(ChargerEvents.REASON)).contains("not in the local list"));
        posted.clear();
        AuthComponent free = auth(Map.of());
        free.eventAdmin = a.eventAdmin;
        free.cardPresented(CARD);
        assertEquals(List.of(), posted, "mode FREE: nobody waits for a card, no logo signal");
    }

    @Test
    void aFailingEventAdminChangesNoOutcome() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", new String[] {CARD}));
        a.eventAdmin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                throw new IllegalStateException("stopping");
            }

            @Override
            public void sendEvent(Event event) {
                throw new IllegalStateException("stopping");
            }
        };
        a.cardPresented(CARD);
        assertTrue(last(a).accepted());
        assertEquals(List.of("authorize=" + CARD), requests);
    }

    @Test
    void anUnknownCardIsRefusedWithTheReason() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", new String[] {CARD}));
        a.cardPresented(OTHER);
        assertEquals(List.of(), requests);
        AuthOutcome o = last(a);
        assertFalse(o.accepted());
        assertEquals(OTHER, o.uid());
        assertTrue(o.reason().contains("not in the local list"), o.reason());
    }

    @Test
    void aBlockedCardIsRefusedAndAReactivatedOneWorksAgain() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", new String[] {CARD}, "blockedCards", new String[] {CARD}));
        a.cardPresented(CARD);
        assertEquals(List.of(), requests);
        assertTrue(last(a).reason().contains("blocked"), last(a).reason());

        a.modified(Map.of("mode", "LOCAL_LIST", "cards", new String[] {CARD}, "blockedCards", new String[0]));
        a.cardPresented(CARD);
        assertEquals(List.of("authorize=" + CARD), requests);
    }

    @Test
    void centralizedRefusesEveryCardWhileThereIsNoCentralSystem() {
        AuthComponent a = auth(Map.of("mode", "CENTRALIZED", "cards", new String[] {CARD}));
        assertTrue(a.required());
        a.cardPresented(CARD);
        assertEquals(List.of(), requests);
        assertTrue(last(a).reason().contains("no central system available"), last(a).reason());
    }

    @Test
    void centralizedWithLocalListLetsTheLocalListDecide() {
        AuthComponent a = auth(Map.of("mode", "CENTRALIZED_WITH_LOCAL_LIST", "cards", CARD));
        assertTrue(a.required());
        a.cardPresented(OTHER);
        assertFalse(last(a).accepted());
        a.cardPresented(CARD);
        assertEquals(List.of("authorize=" + CARD), requests);
        assertTrue(last(a).reason().contains("the local list decides"), last(a).reason());
    }

    /** A central system that answers when the test says so; it records what it was asked. */
    private static final class FakeCentral implements CentralAuthorization {
        final List<String> asked = new CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Verdict> answer = new java.util.concurrent.CompletableFuture<>();

        @Override
        public java.util.concurrent.CompletionStage<Verdict> authorize(String idTag) {
            asked.add(idTag);
            return answer;
        }
    }

    @Test
    void centralized_asksTheCentralSystem_andAuthorizesTheCardItAccepts_whenItAnswers() {
        AuthComponent a = auth(Map.of("mode", "CENTRALIZED"));
        FakeCentral central = new FakeCentral();
        a.central = central;
        a.cardPresented(CARD);
        assertEquals(List.of(CARD), central.asked);
        assertEquals(List.of(), requests, "nothing before the answer");
        assertTrue(a.lastOutcome().isEmpty());
        central.answer.complete(new CentralAuthorization.Verdict(true, true, "Accepted"));
        assertEquals(List.of("authorize=" + CARD), requests);
        assertTrue(last(a).accepted());
        assertTrue(last(a).reason().contains("accepted by the central system"), last(a).reason());
    }

    @Test
    void centralized_aCardTheCentralSystemRefuses_orCannotJudge_isRefused() {
        AuthComponent a = auth(Map.of("mode", "CENTRALIZED"));
        FakeCentral central = new FakeCentral();
        a.central = central;
        central.answer.complete(new CentralAuthorization.Verdict(true, false, "Blocked"));
        a.cardPresented(CARD);
        assertFalse(last(a).accepted());
        assertTrue(last(a).reason().contains("Blocked"), last(a).reason());
        central.answer = java.util.concurrent.CompletableFuture.completedFuture(
                new CentralAuthorization.Verdict(false, false, "offline"));
        a.cardPresented(CARD);
        assertFalse(last(a).accepted());
        assertTrue(last(a).reason().contains("could not be asked (offline)"), last(a).reason());
        assertEquals(List.of(), requests);
    }

    @Test
    void centralizedWithLocalList_theListDecidesItsCards_theCentralSystemTheOthers_aBlockedCardIsNeverAsked() {
        AuthComponent a = auth(Map.of("mode", "CENTRALIZED_WITH_LOCAL_LIST", "cards", CARD, "blockedCards",
                "0102030405"));
        FakeCentral central = new FakeCentral();
        central.answer.complete(new CentralAuthorization.Verdict(true, true, "Accepted"));
        a.central = central;
        a.cardPresented(CARD);
        a.cardPresented(OTHER);
        a.cardPresented("0102030405");
        assertEquals(List.of(OTHER), central.asked);
        assertEquals(List.of("authorize=" + CARD, "authorize=" + OTHER), requests);
        assertFalse(last(a).accepted(), "the blocked card");
    }

    /**
     * The shared semantics (README "One decision"): the central system's client answers for it when it is not
     * reached, from the OCPP local list or cache; an accepted verdict authorizes in both Centralized modes, and this
     * feature's own list still comes first (a card blocked here is never authorized by the OCPP list).
     */
    @Test
    void centralized_aCardTheCentralSystemsLocalListAcceptsOffline_isAuthorized_butThisListStillComesFirst() {
        CentralAuthorization.Verdict offlineFromTheList = new CentralAuthorization.Verdict(false, true,
                "Accepted in the local authorization list (central system not reached, LocalAuthorizeOffline)");
        AuthComponent a = auth(Map.of("mode", "CENTRALIZED"));
        FakeCentral central = new FakeCentral();
        central.answer.complete(offlineFromTheList);
        a.central = central;
        a.cardPresented(CARD);
        assertTrue(last(a).accepted());
        assertTrue(last(a).reason().contains("while it is not reached") && last(a).reason().contains(
                "local authorization list"), last(a).reason());
        assertEquals(List.of("authorize=" + CARD), requests);

        AuthComponent withList = auth(Map.of("mode", "CENTRALIZED_WITH_LOCAL_LIST", "cards", OTHER,
                "blockedCards", CARD));
        withList.central = central;
        withList.cardPresented(CARD);
        assertFalse(last(withList).accepted(), "blocked in this list: the OCPP list is not asked");
        assertEquals(List.of(CARD), central.asked, "only the first component asked");
    }

    @Test
    void cardsFromACfgFileAreOneStringAndCaseDoesNotMatter() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", "04a2b3c4, 11223344  0102030405"));
        assertEquals(java.util.Set.of(CARD, OTHER, "0102030405"), a.settings().cards());
        a.cardPresented("04a2b3c4");
        assertEquals(List.of("authorize=" + CARD), requests);
    }

    @Test
    void anUnknownModeIsRejectedNamingPidKeyAndValueAndThePreviousConfigurationStays() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", CARD));
        a.modified(Map.of("mode", "local_list", "cards", OTHER));
        assertEquals(AuthMode.LOCAL_LIST, a.mode());
        assertEquals(java.util.Set.of(CARD), a.settings().cards(), "nothing half-changed: the valid cards key too");
        String error = a.configurationError();
        assertTrue(error.contains("org.infinergi.auth") && error.contains("mode=local_list")
                && error.contains("FREE|LOCAL_LIST|CENTRALIZED|CENTRALIZED_WITH_LOCAL_LIST"), error);

        a.modified(Map.of("mode", "FREE"));
        assertNull(a.configurationError());
        assertEquals(AuthMode.FREE, a.mode());
    }

    @Test
    void aMalformedUidIsRejectedNamingPidKeyAndValue() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", CARD));
        for (String bad : List.of("04A2B3CZ", "04A2B3C", "04A2B3", "04A2B3C4D5E6F708091011")) {
            a.modified(Map.of("mode", "LOCAL_LIST", "cards", new String[] {OTHER, bad}));
            assertEquals(java.util.Set.of(CARD), a.settings().cards(), bad);
            String error = a.configurationError();
            assertTrue(error.contains("org.infinergi.auth: cards entry " + bad + " rejected"), error);
        }
        a.modified(Map.of("mode", "LOCAL_LIST", "cards", CARD, "blockedCards", "XYZ"));
        assertTrue(a.configurationError().contains("blockedCards entry XYZ"), a.configurationError());
    }

    @Test
    void anEmptyMode_isRejectedLikeAnyInvalidValue_authenticationStaysOn() {
        // Issue 15: "mode =" in etc/org.infinergi.auth.cfg switched authentication off (the default FREE).
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", CARD));
        a.modified(Map.of("mode", "", "cards", CARD));
        assertEquals(AuthMode.LOCAL_LIST, a.mode());
        assertTrue(a.required());
        assertEquals(List.of(new ConfigurationRejection("org.infinergi.auth", "mode", "\"\"",
                EmptyValues.EMPTY_VALUE + "FREE)")), a.rejections());
        assertTrue(a.configurationError().startsWith("org.infinergi.auth: mode=\"\" rejected: empty value"),
                a.configurationError());
    }

    @Test
    void theRejectionIsPublishedForTheChargersStatus_untilFixed() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", CARD));
        assertEquals(List.of(), a.rejections());
        a.modified(Map.of("mode", "TURBO", "cards", "04A2B3CZ"));
        assertEquals(List.of(new ConfigurationRejection("org.infinergi.auth", "mode", "TURBO",
                "unknown value; allowed: FREE|LOCAL_LIST|CENTRALIZED|CENTRALIZED_WITH_LOCAL_LIST"),
                new ConfigurationRejection("org.infinergi.auth", "cards entry", "04A2B3CZ",
                        "not hexadecimal (character 'Z')")), a.rejections());
        a.modified(Map.of("mode", "FREE"));
        assertEquals(List.of(), a.rejections());
    }

    @Test
    void anInvalidFirstConfigurationRequiresAuthenticationAndAcceptsNoCard() {
        AuthComponent a = auth(Map.of("mode", "LOCAL-LIST", "cards", CARD));
        assertTrue(a.required(), "the safe side: no one charges on a typo");
        a.cardPresented(CARD);
        assertEquals(List.of(), requests);
        assertTrue(last(a).reason().contains("mode=LOCAL-LIST"), last(a).reason());
    }

    @Test
    void withoutTheCoreAValidCardIsRefused() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", CARD));
        a.control = null;
        a.cardPresented(CARD);
        assertFalse(last(a).accepted());
        assertTrue(last(a).reason().contains("charging core is not running"), last(a).reason());
    }

    @Test
    void whenTheChargerRefusesTheAuthorizationTheOutcomeSaysSo() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", CARD));
        ChargerControl refusing = (ChargerControl) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ChargerControl.class}, (p, m, args) -> {
                    requests.add(m.getName());
                    return new ChargerControl.Result(false, "no vehicle waits for an authorization");
                });
        a.control = refusing;
        a.cardPresented(CARD);
        assertEquals(List.of("authorize"), requests);
        AuthOutcome o = last(a);
        assertFalse(o.accepted());
        assertTrue(o.reason().contains("charger refused it: no vehicle waits"), o.reason());
    }

    @Test
    void theWebAnswerHasModeAndLastOutcome() {
        AuthComponent a = auth(Map.of("mode", "LOCAL_LIST", "cards", new String[] {CARD, OTHER}, "blockedCards", OTHER));
        Map<String, Object> before = AuthServlet.json(a);
        assertEquals("LOCAL_LIST", before.get("mode"));
        assertEquals(true, before.get("required"));
        assertEquals(2, before.get("cards"));
        assertEquals(1, before.get("blockedCards"));
        assertNull(before.get("lastOutcome"));
        a.cardPresented(OTHER);
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) AuthServlet.json(a).get("lastOutcome");
        assertEquals(false, last.get("accepted"));
        assertEquals(OTHER, last.get("uid"));
        assertEquals("2026-03-01T10:00:00Z", last.get("at"));
        assertTrue(new AuthCardsCommand(a).cards().contains(OTHER + "  BLOCKED"));
    }
}
