package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OCPP 1.6 §5.8 GetDiagnostics: the log files zipped and POSTed (the zip as the raw body) to a real local HTTP
 * server, retried, each step told by DiagnosticsStatusNotification.
 */
class DiagnosticsTest {

    @TempDir
    Path dir;
    private Path logs;
    private FileServer server;
    private ManagementHarness h;

    @BeforeEach
    void start() throws Exception {
        logs = Files.createDirectories(dir.resolve("log"));
        Files.writeString(logs.resolve("karaf.log"), "2026-12-07 11:59 INFO the charger runs\n");
        Files.writeString(logs.resolve("karaf.log.1"), "2026-12-01 08:00 INFO an old day\n");
        Files.setLastModifiedTime(logs.resolve("karaf.log.1"), FileTime.from(Instant.parse("2026-12-01T09:00:00Z")));
        server = new FileServer();
        h = new ManagementHarness(dir.resolve("data"), logs, () -> null);
        h.connect();
    }

    @AfterEach
    void stop() {
        h.close();
        server.close();
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                out.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private List<String> statuses() throws Exception {
        h.answerPending();
        return h.statuses("DiagnosticsStatusNotification");
    }

    @Test
    void theLogsAreZipped_andPosted_theAnswerNamesTheFile() throws Exception {
        JsonNode conf = h.ask("GetDiagnostics", "{\"location\":\"" + server.url("/upload/cp1") + "\"}");
        String fileName = conf.get("fileName").asText();
        assertEquals("diagnostics-20261207T120000Z.zip", fileName);
        assertEquals("DiagnosticsStatusNotification", h.lastAction(), "Uploading, after the answer");
        assertEquals("Uploading", h.management.diagnostics.triggeredStatus());
        h.deliver();
        assertEquals(List.of("Uploading", "Uploaded"), statuses());
        FileServer.Received post = server.received.get(0);
        assertEquals("POST", post.method());
        assertEquals("/upload/cp1", post.path());
        assertEquals("application/zip", post.headers().get("Content-type").get(0));
        assertTrue(post.headers().get("Content-disposition").get(0).contains(fileName));
        Map<String, String> files = unzip(post.body());
        assertEquals("2026-12-07 11:59 INFO the charger runs\n", files.get("karaf.log"));
        assertTrue(files.containsKey("karaf.log.1"), "no startTime: every log file");
        assertEquals("Idle", h.management.diagnostics.triggeredStatus());
        try (var left = Files.list(dir.resolve("data/diagnostics"))) {
            assertEquals(0, left.count(), "the zip is not kept");
        }
    }

    @Test
    void startTime_leavesOutTheFilesLastWrittenBeforeIt() throws Exception {
        h.ask("GetDiagnostics", "{\"location\":\"" + server.url("/upload") + "\",\"startTime\":\"2026-12-05T00:00:00Z\"}");
        h.deliver();
        Map<String, String> files = unzip(server.received.get(0).body());
        assertEquals(List.of("karaf.log"), List.copyOf(files.keySet()));
    }

    @Test
    void aFailedUpload_isTriedRetriesMoreTimes_thenUploadFailed() throws Exception {
        server.failures.set(10);
        h.ask("GetDiagnostics", "{\"location\":\"" + server.url("/upload") + "\",\"retries\":1,\"retryInterval\":20}");
        h.deliver();
        h.advance(Duration.ofSeconds(19));
        assertEquals(1, server.received.size());
        h.advance(Duration.ofSeconds(1));
        h.deliver();
        assertEquals(2, server.received.size());
        assertEquals(List.of("Uploading", "UploadFailed"), statuses());
    }

    @Test
    void anUploadThatWorksOnTheSecondTry_isUploaded() throws Exception {
        server.failures.set(1);
        h.ask("GetDiagnostics", "{\"location\":\"" + server.url("/upload") + "\",\"retryInterval\":5}");
        h.deliver();
        h.advance(Duration.ofSeconds(5));
        h.deliver();
        assertEquals(List.of("Uploading", "Uploaded"), statuses());
    }

    @Test
    void noLogFileInTheBounds_noFileName_nothingUploaded() throws Exception {
        JsonNode conf = h.ask("GetDiagnostics", "{\"location\":\"" + server.url("/upload")
                + "\",\"startTime\":\"2027-01-01T00:00:00Z\"}");
        assertFalse(conf.has("fileName"));
        assertEquals(List.of(), statuses());
    }

    @Test
    void aLocationThatIsNoHttpUrl_uploadFailed() throws Exception {
        JsonNode conf = h.ask("GetDiagnostics", "{\"location\":\"ftp://example.org/in\"}");
        assertTrue(conf.has("fileName"));
        h.deliver();
        assertEquals(List.of("Uploading", "UploadFailed"), statuses());
    }
}
