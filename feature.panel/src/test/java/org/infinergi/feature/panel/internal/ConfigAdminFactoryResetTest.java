package org.infinergi.feature.panel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.infinergi.core.charging.api.SessionHistory;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.config.FactoryResetParticipant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manual §6.2 factory reset over Config Admin, from the image's etc/factory/*.cfg. */
class ConfigAdminFactoryResetTest {

    @TempDir
    Path dir;

    private final FakeConfigAdmin cm = new FakeConfigAdmin();
    private Path factory;
    private Path db;
    private ErasingHistory history = new ErasingHistory();

    private static Hashtable<String, Object> props(Object... kv) {
        Hashtable<String, Object> h = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            h.put((String) kv[i], kv[i + 1]);
        }
        return h;
    }

    @BeforeEach
    void setUp() throws IOException {
        factory = Files.createDirectory(dir.resolve("factory"));
        db = dir.resolve("history");
        Files.writeString(factory.resolve("org.infinergi.installation.cfg"),
                "# factory state\nchargingEnabled = true\nwiringLimitA = 6\ninstallationComplete = false\n");
        Files.writeString(factory.resolve("org.infinergi.charging.cfg"), "activeMode = FAST\nmaxChargeRateA = 32\n");
        Files.writeString(factory.resolve("org.infinergi.history.cfg"), "databaseFile = " + db + "\n");
        Files.writeString(factory.resolve("org.infinergi.device.cfg"), "model = INFINERGI-3T\nserial =\n");
        Files.writeString(factory.resolve("org.apache.felix.http.cfg"), "org.apache.felix.http.enable = false\n");

        cm.store.put("org.infinergi.installation", props("chargingEnabled", "true", "wiringLimitA", "25",
                "installationComplete", "true", ConfigAdminFactoryReset.FILEINSTALL, "file:/etc/org.infinergi.installation.cfg"));
        cm.store.put("org.infinergi.device", props("model", "INFINERGI-3T", "serial", "21/000-000001"));
        cm.store.put("org.infinergi.history", props("databaseFile", db.toString()));
        cm.store.put("org.infinergi.ocpp", props("url", "wss://csms.example/ocpp"));
        cm.store.put("org.infinergi.meter.modbus~grid", props("model", "IVY", "role", "GRID"));
        cm.store.put("org.apache.felix.http", props("org.apache.felix.http.enable", "true"));
        Files.writeString(dir.resolve("history.mv.db"), "sessions");
        Files.writeString(dir.resolve("history.trace.db"), "trace");
    }

    private void reset(boolean erase) throws IOException {
        new ConfigAdminFactoryReset(cm.admin(), factory, Set.of("org.infinergi.device"), () -> history).reset(erase);
    }

    @Test
    void configurationsGoBackToTheModelDefaults() throws IOException {
        reset(false);
        Map<String, Object> inst = cm.store.get("org.infinergi.installation");
        assertEquals("6", inst.get("wiringLimitA"));
        assertEquals("false", inst.get("installationComplete"));
        assertEquals("file:/etc/org.infinergi.installation.cfg", inst.get(ConfigAdminFactoryReset.FILEINSTALL),
                "kept so that Karaf's file install rewrites etc/ (else the old file wins at the next start)");
        assertEquals(props("activeMode", "FAST", "maxChargeRateA", "32"), cm.store.get("org.infinergi.charging"),
                "a default without a configuration is created");
        assertFalse(cm.store.containsKey("org.infinergi.ocpp"), "no model default: deleted");
        assertFalse(cm.store.containsKey("org.infinergi.meter.modbus~grid"), "factory configurations deleted");
    }

    @Test
    void theUnitsIdentityAndForeignPidsAreNeverTouched() throws IOException {
        reset(true);
        assertEquals("21/000-000001", cm.store.get("org.infinergi.device").get("serial"));
        assertEquals("true", cm.store.get("org.apache.felix.http").get("org.apache.felix.http.enable"));
    }

    @Test
    void historyIsKeptUnlessTheInstallerChoseOtherwise() throws IOException {
        reset(false);
        assertEquals(0, history.erased, "kept");
        reset(true);
        assertEquals(1, history.erased, "erased by the history's owner");
    }

    /**
     * Issue 14 point 4: the history's PID has one reader, its owner in the core; the panel asks the owner to erase
     * the history and does not delete the files org.infinergi.history names (it read that PID to find them, and left
     * the store's journal, whose entries came back at the next start).
     */
    @Test
    void theHistoryIsErasedByItsOwner_thePanelReadsNotItsPidNorDeletesItsFiles() throws IOException {
        reset(true);
        assertEquals(1, history.erased);
        assertTrue(Files.exists(dir.resolve("history.mv.db")), "the store's file, deleted behind its owner's back");
        assertTrue(Files.exists(dir.resolve("history.trace.db")));
    }

    @Test
    void withoutTheCoreTheResetGoesOn_historyKept() throws IOException {
        history = null;
        new ConfigAdminFactoryReset(cm.admin(), factory, Set.of("org.infinergi.device"), () -> history).reset(true);
        assertEquals(props("activeMode", "FAST", "maxChargeRateA", "32"), cm.store.get("org.infinergi.charging"));
    }

    /**
     * Issue 18: settings kept outside Config Admin (feature.web's web passwords, in its data area) go back to their
     * defaults with the reset, whether or not the history is erased — by their owner, which the panel only asks.
     */
    @Test
    void everyOwnerOfSettingsOutsideConfigAdminRestoresItsDefaults_oneFailingLeavesTheResetDone() throws IOException {
        List<String> restored = new ArrayList<>();
        FactoryResetParticipant web = () -> restored.add("web passwords");
        FactoryResetParticipant broken = () -> {
            throw new IllegalStateException("data area not writable");
        };
        for (boolean erase : new boolean[] {false, true}) {
            new ConfigAdminFactoryReset(cm.admin(), factory, Set.of("org.infinergi.device"), () -> history,
                    () -> List.of(broken, web)).reset(erase);
        }
        assertEquals(List.of("web passwords", "web passwords"), restored);
        assertEquals(props("activeMode", "FAST", "maxChargeRateA", "32"), cm.store.get("org.infinergi.charging"));
    }

    @Test
    void anOwnerThatCannotEraseLeavesTheResetDone() throws IOException {
        history = new ErasingHistory() {
            @Override
            public void erase() {
                throw new IllegalStateException("store closed");
            }
        };
        reset(true);
        assertEquals(props("activeMode", "FAST", "maxChargeRateA", "32"), cm.store.get("org.infinergi.charging"));
    }

    /** The core's history as the panel sees it: counts the erasures asked for. */
    static class ErasingHistory implements SessionHistory {
        int erased;

        @Override
        public List<SessionRecord> sessions(int max) {
            return List.of();
        }

        @Override
        public void erase() {
            erased++;
        }
    }

    @Test
    void aFactoryConfigurationReadFromAnEtcFile_goesBackToThatFilesDefault() throws IOException {
        // Karaf's file install names the configuration of etc/<factoryPid>-<name>.cfg with a generated PID.
        Files.writeString(factory.resolve("org.infinergi.meter.modbus-mid.cfg"), "model = SDM72D\ntcpPort = 15020\n");
        cm.store.put("org.infinergi.meter.modbus~5f3a", props("model", "SDM72D", "tcpPort", "9999",
                ConfigAdminFactoryReset.FILEINSTALL, "file:/etc/org.infinergi.meter.modbus-mid.cfg"));
        reset(false);
        assertEquals(props("model", "SDM72D", "tcpPort", "15020", ConfigAdminFactoryReset.FILEINSTALL,
                "file:/etc/org.infinergi.meter.modbus-mid.cfg"), cm.store.get("org.infinergi.meter.modbus~5f3a"));
        assertFalse(cm.store.containsKey("org.infinergi.meter.modbus-mid"), "no stray singleton configuration");
        assertFalse(cm.store.containsKey("org.infinergi.meter.modbus~mid"), "not created twice");
    }

    @Test
    void factoryConfigurationsWithADefaultAreRecreated() throws IOException {
        Files.writeString(factory.resolve("org.infinergi.meter.modbus~vehicle.cfg"), "role = VEHICLE\n");
        reset(false);
        assertEquals(props("role", "VEHICLE"), cm.store.get("org.infinergi.meter.modbus~vehicle"));
    }

    @Test
    void placeholdersAreResolvedAsKarafDoes() {
        System.setProperty("infinergi.test.data", "/var/data");
        try {
            assertEquals("/var/data/infinergi/history",
                    ConfigAdminFactoryReset.interpolate("${infinergi.test.data}/infinergi/history"));
            assertEquals("${no.such.property}/x", ConfigAdminFactoryReset.interpolate("${no.such.property}/x"));
        } finally {
            System.clearProperty("infinergi.test.data");
        }
    }

    @Test
    void withoutTheDefaultsFolderNothingIsChanged() throws IOException {
        Map<String, Hashtable<String, Object>> before = new java.util.TreeMap<>(cm.store);
        Path missing = dir.resolve("nope");
        assertThrows(IOException.class,
                () -> new ConfigAdminFactoryReset(cm.admin(), missing, Set.of(), () -> history).reset(true));
        assertEquals(before, cm.store);
        assertTrue(Files.exists(dir.resolve("history.mv.db")));
    }
}
