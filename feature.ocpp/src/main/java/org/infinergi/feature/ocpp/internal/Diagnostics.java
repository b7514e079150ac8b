package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OCPP 1.6 §5.8 GetDiagnostics: the charger's log files (Karaf's {@code data/log}) zipped and uploaded to
 * {@code location} with an HTTP(S) POST whose body is the zip itself ({@code application/zip}, the file name in
 * {@code Content-Disposition}; not multipart), tried {@code retries} more times {@code retryInterval} apart.
 * The answer names the file; DiagnosticsStatusNotification tells Uploading, then Uploaded or UploadFailed; a
 * TriggerMessage between two uploads is answered Idle. {@code startTime} bounds the files by their last change (a
 * file last written before it holds nothing later); {@code stopTime} leaves out files begun after it where the file
 * system tells when a file was made. No log file in the bounds: no fileName, nothing uploaded.
 *
 * <p>On the OCPP client's thread; the zip and the upload run on the {@link Worker}.
 */
final class Diagnostics {

    static final int DEFAULT_RETRIES = 2;
    static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(60);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Logger log = LoggerFactory.getLogger(Diagnostics.class);
    private final ChargePoint chargePoint;
    private final Frames frames;
    private final Timers timers;
    private final Clock clock;
    private final Worker worker;
    private final Path logs;
    private final Path folder;

    /** The last status told of the upload under way, null when none. */
    private String status;
    private Timers.Timer next;

    /**
     * @param logs the log folder (Karaf's {@code data/log}); null when there is none
     * @param folder where the zip waits while it is uploaded (the bundle's data area)
     */
    Diagnostics(ChargePoint chargePoint, Frames frames, Timers timers, Clock clock, Worker worker, Path logs,
            Path folder) {
        this.chargePoint = chargePoint;
        this.frames = frames;
        this.timers = timers;
        this.clock = clock;
        this.worker = worker;
        this.logs = logs;
        this.folder = folder;
        chargePoint.handle("GetDiagnostics", this::getDiagnostics);
    }

    /** TriggerMessage DiagnosticsStatusNotification: Uploading while an upload is under way, else Idle. */
    String triggeredStatus() {
        return status == null ? "Idle" : status;
    }

    private ObjectNode getDiagnostics(ObjectNode req) {
        String location = req.get("location").asText();
        if (status != null) {
            log.warn("OCPP: GetDiagnostics to {} refused: an upload is under way", location);
            return frames.object();
        }
        Instant from = req.has("startTime") ? Instant.parse(req.get("startTime").asText()) : null;
        Instant to = req.has("stopTime") ? Instant.parse(req.get("stopTime").asText()) : null;
        List<Path> files = logFiles(logs, from, to);
        if (files.isEmpty()) {
            log.info("OCPP: GetDiagnostics: no log file between {} and {}", from, to);
            return frames.object();
        }
        String fileName = "diagnostics-" + STAMP.format(clock.instant()) + ".zip";
        int retries = req.has("retries") ? Math.max(0, req.get("retries").asInt()) : DEFAULT_RETRIES;
        Duration interval = req.has("retryInterval")
                ? Duration.ofSeconds(Math.max(0, req.get("retryInterval").asInt())) : DEFAULT_RETRY_INTERVAL;
        URI uri = Http.location(location);
        // queued now, sent after this answer (ChargePoint sends nothing while a handler answers)
        tell("Uploading");
        if (uri == null) {
            log.warn("OCPP: diagnostics location {} is no http or https URL", location);
            worker.run(() -> null, o -> failed());
        } else {
            upload(uri, files, fileName, 1, retries, interval);
        }
        log.info("OCPP: GetDiagnostics: {} log file(s) to {} as {}", files.size(), location, fileName);
        return frames.object().put("fileName", fileName);
    }

    private void upload(URI uri, List<Path> files, String fileName, int attempt, int retries, Duration interval) {
        next = null;
        Path zip = folder.resolve(fileName);
        worker.<Void>run(() -> {
            try {
                zip(files, zip);
                Http.upload(uri, zip, fileName);
                return null;
            } finally {
                Files.deleteIfExists(zip);
            }
        }, outcome -> {
            if (outcome.ok()) {
                log.info("OCPP: diagnostics {} uploaded to {}", fileName, uri);
                tell("Uploaded");
                status = null;
            } else if (attempt <= retries) {
                log.warn("OCPP: diagnostics upload {} of {} failed ({}); again in {} s", attempt, retries + 1,
                        outcome.error().toString(), interval.toSeconds());
                next = timers.after(interval, () -> upload(uri, files, fileName, attempt + 1, retries, interval));
            } else {
                log.warn("OCPP: diagnostics upload to {} failed {} times, given up ({})", uri, attempt,
                        outcome.error().toString());
                failed();
            }
        });
    }

    /** The regular files of the log folder that may hold lines between {@code from} and {@code to}, by name. */
    static List<Path> logFiles(Path logs, Instant from, Instant to) {
        List<Path> out = new ArrayList<>();
        if (logs == null || !Files.isDirectory(logs)) {
            return out;
        }
        try (var all = Files.list(logs)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                var attrs = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
                if (from != null && attrs.lastModifiedTime().toInstant().isBefore(from)) {
                    continue;
                }
                if (to != null && attrs.creationTime().toInstant().isAfter(to)
                        && !attrs.creationTime().equals(attrs.lastModifiedTime())) {
                    continue;
                }
                out.add(p);
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    static void zip(List<Path> files, Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    continue; // rolled away since it was listed
                }
                z.putNextEntry(new ZipEntry(f.getFileName().toString()));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
    }

    private void failed() {
        tell("UploadFailed");
        status = null;
    }

    private void tell(String s) {
        status = s;
        chargePoint.notify("DiagnosticsStatusNotification", frames.object().put("status", s));
    }

    void close() {
        if (next != null) {
            next.cancel();
        }
    }
}
