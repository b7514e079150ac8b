package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.infinergi.feature.update.api.BundleUpdates;
import org.infinergi.feature.update.api.UpdateProgress;
import org.infinergi.feature.update.api.UpdateProgress.Stage;
import org.infinergi.feature.update.api.UpdateRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCPP 1.6 §5.19 UpdateFirmware: downloaded from a real local HTTP server at retrieveDate, retried, handed to the
 * bundle updater (feature.update's API) and followed to its end, each step told by FirmwareStatusNotification.
 */
class FirmwareUpdatesTest {

    private static final byte[] JAR = "a signed bundle, as far as this test knows".getBytes(StandardCharsets.UTF_8);
    @TempDir
    Path dir;
    private FileServer server;
    private ManagementHarness h;
    private final Updater updater = new Updater();

    /** feature.update as the client sees it: what was submitted, and the progress the test sets. */
    private static final class Updater implements BundleUpdates {
        final List<byte[]> submitted = new ArrayList<>();
        String refusal;
        UpdateProgress progress = new UpdateProgress(Stage.IDLE, null, null, "no update submitted");
        Stage afterSubmit = Stage.POSTPONED;

        @Override
        public UpdateProgress submit(Path jar) throws UpdateRefusedException, IOException {
            if (refusal != null) {
                throw new UpdateRefusedException(refusal);
            }
            submitted.add(Files.readAllBytes(jar));
            progress = progress(afterSubmit);
            return progress;
        }

        @Override
        public UpdateProgress progress() {
            return progress;
        }

        static UpdateProgress progress(Stage s) {
            return new UpdateProgress(s, "org.infinergi.feature.panel", "0.2.0", s.name());
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new FileServer();
        server.files.put("/files/fw.jar", JAR);
        h = new ManagementHarness(dir, null, () -> updater);
        h.connect();
    }

    @AfterEach
    void stop() {
        h.close();
        server.close();
    }

    private void updateFirmware(String path, String retrieveDate, String extra) throws Exception {
        assertEquals(0, h.ask("UpdateFirmware", "{\"location\":\"" + server.url(path) + "\",\"retrieveDate\":\""
                + retrieveDate + "\"" + extra + "}").size(), "an empty answer");
    }

    private List<String> statuses() throws Exception {
        h.answerPending();
        return h.statuses("FirmwareStatusNotification");
    }

    @Test
    void downloadedAtRetrieveDate_handedToTheUpdater_installed() throws Exception {
        updateFirmware("/files/fw.jar", "2026-12-07T12:01:00Z", "");
        h.advance(Duration.ofSeconds(59));
        assertTrue(server.received.isEmpty(), "not before retrieveDate");
        assertEquals(List.of(), statuses());
        h.advance(Duration.ofSeconds(1));
        assertEquals(List.of("Downloading"), statuses());
        h.deliver();
        assertEquals(List.of("Downloading", "Downloaded"), statuses());
        assertArrayEquals(JAR, updater.submitted.get(0), "the file as served");
        assertTrue(Files.notExists(dir.resolve("firmware/firmware.jar")), "the download is not kept once handed over");
        assertTrue(Files.exists(dir.resolve("firmware/installing")), "what is being installed, for a restart");

        // postponed while a vehicle is connected (manual §5.9): nothing more is told until it is replaced
        h.advance(Duration.ofSeconds(30));
        assertEquals(List.of("Downloading", "Downloaded"), statuses());
        updater.progress = Updater.progress(Stage.UPDATING);
        h.advance(FirmwareUpdates.FOLLOW);
        assertEquals(List.of("Downloading", "Downloaded", "Installing"), statuses());
        updater.progress = Updater.progress(Stage.DONE);
        h.advance(FirmwareUpdates.FOLLOW);
        assertEquals(List.of("Downloading", "Downloaded", "Installing", "Installed"), statuses());
        assertEquals("Idle", h.management.firmware.triggeredStatus());
        try (var left = Files.list(dir.resolve("firmware"))) {
            assertEquals(0, left.count(), "nothing left in the data area");
        }
    }

    @Test
    void appliedAtOnce_installingThenInstalled() throws Exception {
        updater.afterSubmit = Stage.DONE;
        updateFirmware("/files/fw.jar", "2026-12-07T11:00:00Z", "");
        h.advance(Duration.ZERO);
        h.deliver();
        assertEquals(List.of("Downloading", "Downloaded", "Installing", "Installed"), statuses());
    }

    @Test
    void aFailedDownload_isTriedRetriesMoreTimes_retryIntervalApart_thenDownloadFailed() throws Exception {
        server.failures.set(10);
        updateFirmware("/files/fw.jar", "2026-12-07T12:00:00Z", ",\"retries\":2,\"retryInterval\":30");
        h.advance(Duration.ZERO);
        h.deliver();
        assertEquals(1, server.received.size());
        h.advance(Duration.ofSeconds(29));
        assertEquals(1, server.received.size(), "not before retryInterval");
        h.advance(Duration.ofSeconds(1));
        h.deliver();
        h.advance(Duration.ofSeconds(30));
        h.deliver();
        assertEquals(3, server.received.size(), "the first try and 2 retries");
        h.advance(Duration.ofMinutes(5));
        assertEquals(3, server.received.size());
        List<String> s = statuses();
        assertEquals("DownloadFailed", s.get(s.size() - 1), s.toString());
        assertTrue(updater.submitted.isEmpty());
    }

    @Test
    void aDownloadThatWorksOnTheSecondTry_isInstalled() throws Exception {
        server.failures.set(1);
        updater.afterSubmit = Stage.DONE;
        updateFirmware("/files/fw.jar", "2026-12-07T12:00:00Z", ",\"retries\":1,\"retryInterval\":10");
        h.advance(Duration.ZERO);
        h.deliver();
        h.advance(Duration.ofSeconds(10));
        h.deliver();
        List<String> s = statuses();
        assertEquals("Installed", s.get(s.size() - 1), s.toString());
        assertEquals(1, updater.submitted.size());
    }

    @Test
    void aFileTheUpdaterRefuses_isInstallationFailed() throws Exception {
        updater.refusal = "not signed by a trusted certificate";
        updateFirmware("/files/fw.jar", "2026-12-07T12:00:00Z", "");
        h.advance(Duration.ZERO);
        h.deliver();
        assertEquals(List.of("Downloading", "Downloaded", "InstallationFailed"), statuses());
    }

    @Test
    void theReplacementFailing_isInstallingThenInstallationFailed() throws Exception {
        updater.afterSubmit = Stage.UPDATING;
        updateFirmware("/files/fw.jar", "2026-12-07T12:00:00Z", "");
        h.advance(Duration.ZERO);
        h.deliver();
        updater.progress = Updater.progress(Stage.FAILED);
        h.advance(FirmwareUpdates.FOLLOW);
        assertEquals(List.of("Downloading", "Downloaded", "Installing", "InstallationFailed"), statuses());
    }

    @Test
    void withoutTheUpdater_installationFailed() throws Exception {
        h.close();
        h = new ManagementHarness(dir, null, () -> null);
        h.connect();
        updateFirmware("/files/fw.jar", "2026-12-07T12:00:00Z", "");
        h.advance(Duration.ZERO);
        h.deliver();
        assertEquals(List.of("Downloading", "Downloaded", "InstallationFailed"), statuses());
    }

    @Test
    void aLocationThatIsNoHttpUrl_downloadFailed() throws Exception {
        assertEquals(0, h.ask("UpdateFirmware",
                "{\"location\":\"ftp://example.org/fw.jar\",\"retrieveDate\":\"2026-12-07T12:00:00Z\"}").size());
        h.advance(Duration.ZERO);
        assertEquals(List.of("Downloading", "DownloadFailed"), statuses());
    }

    @Test
    void anUpdateThatRestartsThisClient_isToldInstalled_afterTheRestart() throws Exception {
        updater.afterSubmit = Stage.UPDATING;
        updateFirmware("/files/fw.jar", "2026-12-07T12:00:00Z", "");
        h.advance(Duration.ZERO);
        h.deliver();
        assertEquals(List.of("Downloading", "Downloaded", "Installing"), statuses());
        h.close(); // feature.ocpp itself was the bundle replaced: the client stops

        h = new ManagementHarness(dir, null, () -> updater,
                name -> "org.infinergi.feature.panel".equals(name) ? "0.2.0" : null);
        assertEquals("Installing", h.management.firmware.triggeredStatus());
        h.connect();
        h.advance(FirmwareUpdates.FOLLOW);
        assertEquals(List.of("Installed"), statuses(), "told once registered again");
        assertEquals("Idle", h.management.firmware.triggeredStatus());
        h.close();
        h = new ManagementHarness(dir, null, () -> updater);
        h.connect();
        h.advance(FirmwareUpdates.FOLLOW);
        assertEquals(List.of(), statuses(), "told once only");
    }

    @Test
    void anUpdateThatRestartsThisClient_butDidNotHappen_isInstallationFailed() throws Exception {
        updater.afterSubmit = Stage.UPDATING;
        updateFirmware("/files/fw.jar", "2026-12-07T12:00:00Z", "");
        h.advance(Duration.ZERO);
        h.deliver();
        h.close();
        updater.progress = Updater.progress(Stage.FAILED);
        h = new ManagementHarness(dir, null, () -> updater, name -> "0.1.0");
        h.connect();
        h.advance(FirmwareUpdates.FOLLOW);
        assertEquals(List.of("InstallationFailed"), statuses());
    }

    @Test
    void aTriggerWhileDownloading_saysDownloading() throws Exception {
        updateFirmware("/files/fw.jar", "2026-12-07T12:00:00Z", "");
        h.advance(Duration.ZERO);
        assertEquals("Downloading", h.management.firmware.triggeredStatus());
        h.deliver();
    }
}
