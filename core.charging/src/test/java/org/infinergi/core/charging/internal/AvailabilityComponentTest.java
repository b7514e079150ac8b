package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.junit.jupiter.api.Test;

/** The one owner of the out-of-service choice: in force at once, kept in PID org.infinergi.availability. */
class AvailabilityComponentTest {

    /** Config Admin's store of PID org.infinergi.availability, null until written. */
    private Dictionary<String, Object> store;
    private boolean diskFull;

    @Test
    void aRequestIsInForceAtOnce_andKeptForTheNextStart() {
        AvailabilityComponent a = component(Map.of());
        assertNull(a.setOutOfService(true));
        assertTrue(a.outOfService());
        assertEquals(true, store.get("outOfService"));
        assertTrue(component(props()).outOfService(), "a restarted charger is still out of service");
        assertNull(a.setOutOfService(false));
        assertEquals(false, store.get("outOfService"));
        assertFalse(component(props()).outOfService());
    }

    @Test
    void itsOwnWriteComingBack_changesNothing_aChangeMadeElsewhereIsTheChoice() {
        AvailabilityComponent a = component(Map.of());
        a.setOutOfService(true);
        a.modified(props());
        assertTrue(a.outOfService());
        a.modified(Map.of()); // a factory reset deletes the PID
        assertFalse(a.outOfService());
        a.modified(Map.of("outOfService", "true")); // an installer's etc file
        assertTrue(a.outOfService());
    }

    @Test
    void withoutTheConfigurationService_inForceButNotKept() {
        AvailabilityComponent a = new AvailabilityComponent(Map.of());
        String problem = a.setOutOfService(true);
        assertTrue(problem.contains("not kept across a restart"), problem);
        assertTrue(a.outOfService());
    }

    @Test
    void aStoreThatFails_inForceAndSaysWhy() {
        AvailabilityComponent a = component(Map.of());
        diskFull = true;
        String problem = a.setOutOfService(true);
        assertTrue(problem.contains("not kept across a restart: disk full"), problem);
        assertTrue(a.outOfService());
    }

    @Test
    void aStoredTypo_isRejected_theChoiceKept() {
        AvailabilityComponent a = component(Map.of("outOfService", true));
        a.modified(Map.of("outOfService", "yes"));
        assertTrue(a.outOfService());
    }

    private Map<String, Object> props() {
        Map<String, Object> m = new HashMap<>();
        for (String k : Collections.list(store.keys())) {
            m.put(k, store.get(k));
        }
        return m;
    }

    private AvailabilityComponent component(Map<String, Object> config) {
        AvailabilityComponent a = new AvailabilityComponent(config);
        a.configurationAdmin = configurationAdmin();
        return a;
    }

    private ConfigurationAdmin configurationAdmin() {
        Configuration c = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Configuration.class }, (proxy, m, args) -> switch (m.getName()) {
                case "getProperties" -> store == null ? null : copy(store);
                case "updateIfDifferent" -> {
                    if (diskFull) {
                        throw new IOException("disk full");
                    }
                    @SuppressWarnings("unchecked")
                    Dictionary<String, Object> d = (Dictionary<String, Object>) args[0];
                    store = copy(d);
                    yield true;
                }
                default -> throw new UnsupportedOperationException(m.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ConfigurationAdmin.class }, (proxy, m, args) -> {
                    if (m.getName().equals("getConfiguration") && Pids.AVAILABILITY.equals(args[0])) {
                        return c;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> t = new Hashtable<>();
        for (String k : Collections.list(d.keys())) {
            t.put(k, d.get(k));
        }
        return t;
    }
}
