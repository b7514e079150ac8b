package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration keys kept across restarts (OCPP 1.6 §9) in the bundle's data area ({@link KeyFile}). */
class ConfigurationKeysTest {

    @TempDir
    Path dir;

    private ConfigurationKeys start(Path file) {
        return new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S, new KeyFile(file));
    }

    @Test
    void aChangedKey_survivesARestart_andSoDoesTheHeartbeatTheCentralSystemGave() {
        Path file = dir.resolve("ocpp-configuration.properties");
        ConfigurationKeys before = start(file);
        assertEquals(ConfigurationKeys.Change.Accepted, before.change("MeterValueSampleInterval", "15"));
        assertEquals(ConfigurationKeys.Change.Accepted,
                before.change("MeterValuesSampledData", "Energy.Active.Import.Register,Power.Active.Import"));
        before.set(ConfigurationKeys.HEARTBEAT_INTERVAL, 300);
        // the firmware restarts: a new client reads the same file
        ConfigurationKeys after = start(file);
        assertEquals(15, after.intValue("MeterValueSampleInterval"));
        assertEquals("Energy.Active.Import.Register,Power.Active.Import", after.value("MeterValuesSampledData"));
        assertEquals(300, after.intValue(ConfigurationKeys.HEARTBEAT_INTERVAL));
        assertEquals("60", after.value("ConnectionTimeOut"), "an unchanged key keeps its default");
        assertFalse(Files.exists(dir.resolve("ocpp-configuration.properties.tmp")), "written through a renamed file");
    }

    @Test
    void aCorruptedFile_fallsBackToTheDefaults_andIsWrittenWholeAtTheNextChange() throws Exception {
        Path file = dir.resolve("keys");
        start(file).change("MeterValueSampleInterval", "15");
        String good = Files.readString(file);
        assertTrue(good.startsWith("#crc32 "), good);
        Files.writeString(file, good.replace("15", "16"));
        ConfigurationKeys keys = start(file);
        assertEquals(60, keys.intValue("MeterValueSampleInterval"), "a file failing its checksum: defaults");
        keys.change("ConnectionTimeOut", "90");
        ConfigurationKeys again = start(file);
        assertEquals(90, again.intValue("ConnectionTimeOut"));
        Files.write(file, new byte[] {0, (byte) 0xff, 42});
        assertEquals(60, start(file).intValue("ConnectionTimeOut"), "garbage: defaults");
        Files.writeString(file, "");
        assertEquals(60, start(file).intValue("ConnectionTimeOut"), "an empty file: defaults");
    }

    @Test
    void aKeptValueTheKeyNoLongerAccepts_orAReadOnlyKey_keepsTheDefault() throws Exception {
        Path file = dir.resolve("keys");
        String body = "HeartbeatInterval=often\nNumberOfConnectors=4\nNoSuchKey=1\nWebSocketPingInterval=0\n";
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, "#crc32 " + Long.toHexString(crc.getValue()) + "\n" + body);
        ConfigurationKeys keys = start(file);
        assertEquals(ChargePoint.DEFAULT_HEARTBEAT_S, keys.intValue(ConfigurationKeys.HEARTBEAT_INTERVAL));
        assertEquals(1, keys.intValue("NumberOfConnectors"), "read-only: never from the file");
        assertEquals(0, keys.intValue(ConfigurationKeys.WEB_SOCKET_PING_INTERVAL), "a valid kept value");
        List<String> unknown = new java.util.ArrayList<>();
        keys.get(List.of("NoSuchKey"), unknown);
        assertEquals(List.of("NoSuchKey"), unknown, "a kept key this firmware does not declare stays unknown");
    }

    @Test
    void aFileThatCannotBeWritten_leavesTheChangeInForce_untilTheRestart() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        ConfigurationKeys keys = start(blocker.resolve("keys"));
        assertEquals(ConfigurationKeys.Change.Accepted, keys.change("ConnectionTimeOut", "90"));
        assertEquals(90, keys.intValue("ConnectionTimeOut"));
    }

    @Test
    void aListener_isToldTheChangedKey() {
        ConfigurationKeys keys = new ConfigurationKeys(60);
        List<String> told = new java.util.ArrayList<>();
        keys.whenChanged(told::add);
        keys.change(ConfigurationKeys.CLOCK_ALIGNED_DATA_INTERVAL, "900");
        keys.change("NumberOfConnectors", "2");
        assertEquals(List.of(ConfigurationKeys.CLOCK_ALIGNED_DATA_INTERVAL), told);
    }
}
