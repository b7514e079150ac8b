package org.infinergi.feature.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.testing.FakeChargerControl;
import org.infinergi.core.charging.testing.MutableClock;
import org.infinergi.feature.auth.api.AuthMode;
import org.infinergi.feature.auth.internal.LocalListAdmin.Card;
import org.infinergi.feature.auth.internal.LocalListAdmin.LearningState;
import org.infinergi.feature.auth.internal.LocalListAdmin.Refused;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Admin → RFID authentication (manual §7.1.2, §5.7.2) over an in-memory Config Admin. */
class LocalListAdminTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    /** The stored PID org.infinergi.auth, as the .cfg of the images has it. */
    private Dictionary<String, Object> stored = new Hashtable<>(Map.of("mode", "LOCAL_LIST",
            "felix.fileinstall.filename", "file:/karaf/etc/org.infinergi.auth.cfg"));
    private final LocalListAdmin admin = new LocalListAdmin(configAdmin(), clock);

    private ConfigurationAdmin configAdmin() {
        Configuration c = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getProperties":
                            return stored == null ? null : new Hashtable<>(toMap(stored));
                        case "update":
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> d = (Dictionary<String, Object>) a[0];
                            stored = d;
                            return null;
                        case "getPid":
                            return AuthSettings.PID;
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, a) -> {
                    if (m.getName().equals("getConfiguration") && AuthSettings.PID.equals(a[0])) {
                        return c;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        for (var k = d.keys(); k.hasMoreElements();) {
            String key = k.nextElement();
            m.put(key, d.get(key));
        }
        return m;
    }

    private AuthSettings applied() {
        return AuthSettings.parse(toMap(stored)).settings();
    }

    @Test
    void addBlockReactivateRemove_changeTheStoredConfiguration_andKeepTheFileinstallKey() throws Refused {
        admin.add("04a2b3c4");
        admin.add("11223344");
        assertEquals(List.of(new Card("04A2B3C4", false), new Card("11223344", false)), admin.cards());
        admin.block("04A2B3C4", true);
        assertEquals(java.util.Set.of("04A2B3C4"), applied().blockedCards(), "blocked, still in the list");
        assertTrue(applied().cards().contains("04A2B3C4"));
        admin.block("04a2b3c4", false);
        assertEquals(java.util.Set.of(), applied().blockedCards(), "reactivated");
        admin.block("11223344", true);
        admin.remove("11223344");
        assertEquals(List.of(new Card("04A2B3C4", false)), admin.cards());
        assertEquals(java.util.Set.of(), applied().blockedCards(), "a removed card is no longer blocked either");
        assertEquals("file:/karaf/etc/org.infinergi.auth.cfg", stored.get("felix.fileinstall.filename"),
                "the change goes back to the installer's .cfg");
    }

    @Test
    void theMode_isSet_andAnUnknownOneIsRefusedNamingTheAllowedOnes() throws Refused {
        admin.setMode("CENTRALIZED_WITH_LOCAL_LIST");
        assertEquals(AuthMode.CENTRALIZED_WITH_LOCAL_LIST, applied().mode());
        Refused e = assertThrows(Refused.class, () -> admin.setMode("TURBO"));
        assertEquals(400, e.status);
        assertEquals("mode", e.field);
        assertTrue(e.getMessage().contains("LOCAL_LIST"), e.getMessage());
        assertEquals(AuthMode.CENTRALIZED_WITH_LOCAL_LIST, applied().mode(), "nothing changed");
    }

    @Test
    void badIds_aDuplicate_andAnUnknownCard_areRefused_andNothingChanges() throws Refused {
        admin.add("04A2B3C4");
        Dictionary<String, Object> before = stored;
        assertEquals(400, assertThrows(Refused.class, () -> admin.add("12XY34")).status);
        assertEquals(400, assertThrows(Refused.class, () -> admin.add("0102")).status, "2 bytes: too short");
        assertEquals(400, assertThrows(Refused.class, () -> admin.add(" ")).status);
        assertEquals(409, assertThrows(Refused.class, () -> admin.add("04a2b3c4")).status);
        assertEquals(404, assertThrows(Refused.class, () -> admin.block("AABBCCDD", true)).status);
        assertEquals(404, assertThrows(Refused.class, () -> admin.remove("AABBCCDD")).status);
        assertTrue(before == stored, "nothing was written");
    }

    @Test
    void aCardSwipedWithinTheMinute_isStoredAsValid_andIsNoAuthentication() throws Refused {
        List<String> requests = new CopyOnWriteArrayList<>();
        AuthComponent auth = new AuthComponent(Map.of("mode", "LOCAL_LIST"), clock);
        auth.control = new FakeChargerControl(requests::add);
        auth.learning = admin;

        assertEquals(LearningState.WAITING, admin.startLearning().state());
        clock.advance(Duration.ofSeconds(59));
        auth.cardPresented("04a2b3c4");

        assertEquals(LearningState.LEARNED, admin.learning().state());
        assertEquals("04A2B3C4", admin.learning().uid());
        assertEquals(List.of(new Card("04A2B3C4", false)), admin.cards(), "stored as valid (§5.7)");
        assertEquals(List.of(), requests, "the learning swipe authorizes nothing");
        assertTrue(auth.lastOutcome().isEmpty(), "and is no authentication outcome");

        auth.cardPresented("04A2B3C4");
        assertTrue(auth.lastOutcome().isPresent(), "the next swipe is an ordinary one again");
    }

    @Test
    void noCardWithinTheMinute_theWindowExpires_andTheNextSwipeIsAnOrdinaryOne() throws Refused {
        AuthComponent auth = new AuthComponent(Map.of("mode", "LOCAL_LIST"), clock);
        auth.learning = admin;
        admin.startLearning();
        clock.advance(LocalListAdmin.LEARNING_WINDOW);
        assertEquals(LearningState.EXPIRED, admin.learning().state());
        auth.cardPresented("04A2B3C4");
        assertEquals(List.of(), admin.cards());
        assertFalse(auth.lastOutcome().orElseThrow().accepted(), "refused as an unknown card");
    }

    @Test
    void aCancelledWindowLearnsNothing() throws Refused {
        admin.startLearning();
        assertEquals(LearningState.CANCELLED, admin.cancelLearning().state());
        assertFalse(admin.offer("04A2B3C4"));
        assertEquals(List.of(), admin.cards());
    }
}
