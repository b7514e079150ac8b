package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import org.infinergi.feature.update.api.BundleUpdates;
import org.infinergi.feature.update.api.UpdateProgress;
import org.infinergi.feature.update.api.UpdateRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OCPP 1.6 §5.19 UpdateFirmware: at {@code retrieveDate} the file at {@code location} (http or https) is downloaded
 * into the bundle's data area, tried {@code retries} more times {@code retryInterval} apart when it fails, then handed
 * to {@code feature.update} ({@link BundleUpdates}): the same signature check and the same postponement while a
 * vehicle is connected as an administrator's upload (manual §5.9). FirmwareStatusNotification tells Downloading,
 * Downloaded / DownloadFailed, Installing (the bundle is being replaced), Installed / InstallationFailed; a
 * TriggerMessage between two updates is answered Idle.
 *
 * <p>On the OCPP client's thread; the download runs on the {@link Worker}.
 */
final class FirmwareUpdates {

    /** Retries when the request names none, and the wait between tries when it names no retryInterval. */
    static final int DEFAULT_RETRIES = 2;
    static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(60);
    /** How often the updater is asked where the update stands (it waits for the end of a session meanwhile). */
    static final Duration FOLLOW = Duration.ofSeconds(2);
    /** The data area is small: a firmware file larger than this is refused (feature.update's own default 16 MiB). */
    static final long MAX_BYTES = 32L << 20;

    private final Logger log = LoggerFactory.getLogger(FirmwareUpdates.class);
    private final ChargePoint chargePoint;
    private final Frames frames;
    private final Timers timers;
    private final Clock clock;
    private final Worker worker;
    private final Path folder;
    private final Supplier<BundleUpdates> updates;
    private final Function<String, String> installedVersion;
    /** The bundle being installed ("symbolic name" LF "version"): an update may restart this client (README). */
    private final Path installing;

    /** The last status told of the update under way (Idle until its retrieveDate), null when none. */
    private String status;
    private Timers.Timer next;
    private boolean installingTold;

    /**
     * @param installedVersion the version of an installed bundle by its symbolic name (null when none): an update
     *        that restarted this client (its own bundle, or one it depends on) is judged by it after the restart
     */
    FirmwareUpdates(ChargePoint chargePoint, Frames frames, Timers timers, Clock clock, Worker worker, Path folder,
            Supplier<BundleUpdates> updates, Function<String, String> installedVersion) {
        this.chargePoint = chargePoint;
        this.frames = frames;
        this.timers = timers;
        this.clock = clock;
        this.worker = worker;
        this.folder = folder;
        this.updates = updates;
        this.installedVersion = installedVersion;
        this.installing = folder.resolve("installing");
        chargePoint.handle("UpdateFirmware", this::updateFirmware);
        resumeAfterARestart();
    }

    /**
     * An installation was under way when this client stopped (the update replaced this bundle or one it uses): once
     * registered again, Installed when the bundle runs the version sent, else followed on or InstallationFailed.
     */
    private void resumeAfterARestart() {
        String[] target;
        try {
            if (!Files.isRegularFile(installing)) {
                return;
            }
            target = Files.readString(installing).split("\n");
        } catch (IOException e) {
            log.warn("OCPP: cannot read {}: {}", installing, e.toString());
            return;
        }
        if (target.length < 2) {
            delete(installing);
            return;
        }
        status = "Installing";
        installingTold = true;
        next = timers.after(Duration.ZERO, () -> judge(target[0], target[1]));
    }

    private void judge(String symbolicName, String version) {
        next = null;
        if (!chargePoint.accepted()) {
            next = timers.after(FOLLOW, () -> judge(symbolicName, version));
            return;
        }
        BundleUpdates u = updates.get();
        UpdateProgress p = u == null ? null : u.progress();
        if (version.equals(installedVersion.apply(symbolicName))) {
            log.info("OCPP: firmware {} {} installed (this client restarted meanwhile)", symbolicName, version);
            tell("Installed");
            finish();
        } else if (p != null && !p.over() && symbolicName.equals(p.symbolicName())) {
            follow(u, p);
        } else {
            log.warn("OCPP: firmware {} {} not installed: {} runs {}", symbolicName, version, symbolicName,
                    installedVersion.apply(symbolicName));
            failed("InstallationFailed");
        }
    }

    /** TriggerMessage FirmwareStatusNotification: the update's status, Idle when none is under way. */
    String triggeredStatus() {
        return status == null ? "Idle" : status;
    }

    /** §5.19: the answer is empty; what follows is told by FirmwareStatusNotification. */
    private ObjectNode updateFirmware(ObjectNode req) {
        String location = req.get("location").asText();
        if (status != null) {
            log.warn("OCPP: UpdateFirmware from {} ignored: an update is under way ({})", location, status);
            return frames.object();
        }
        URI uri = Http.location(location);
        int retries = req.has("retries") ? Math.max(0, req.get("retries").asInt()) : DEFAULT_RETRIES;
        Duration interval = req.has("retryInterval")
                ? Duration.ofSeconds(Math.max(0, req.get("retryInterval").asInt())) : DEFAULT_RETRY_INTERVAL;
        Instant at = Instant.parse(req.get("retrieveDate").asText());
        Duration wait = Duration.between(clock.instant(), at);
        log.info("OCPP: UpdateFirmware from {} at {} ({} retries, {} s apart)", location, at, retries,
                interval.toSeconds());
        status = "Idle"; // until retrieveDate: nothing started yet, but an update is under way
        next = timers.after(wait.isNegative() ? Duration.ZERO : wait, () -> download(uri, location, 1, retries,
                interval));
        return frames.object();
    }

    private void download(URI uri, String location, int attempt, int retries, Duration interval) {
        next = null;
        tell("Downloading");
        if (uri == null) {
            log.warn("OCPP: firmware location {} is no http or https URL", location);
            failed("DownloadFailed");
            return;
        }
        Path file = folder.resolve("firmware.jar");
        worker.<Path>run(() -> Http.download(uri, file, MAX_BYTES), outcome -> {
            if (outcome.ok()) {
                tell("Downloaded");
                install(outcome.value());
            } else if (attempt <= retries) {
                log.warn("OCPP: firmware download {} of {} failed ({}); again in {} s", attempt, retries + 1,
                        outcome.error().toString(), interval.toSeconds());
                next = timers.after(interval, () -> download(uri, location, attempt + 1, retries, interval));
            } else {
                log.warn("OCPP: firmware download from {} failed {} times, given up ({})", location, attempt,
                        outcome.error().toString());
                failed("DownloadFailed");
            }
        });
    }

    /** To feature.update, as an upload: it verifies, then applies at once or at the end of the session. */
    private void install(Path file) {
        BundleUpdates u = updates.get();
        if (u == null) {
            log.warn("OCPP: the firmware was downloaded but the bundle updater (feature.update) is not running");
            delete(file);
            failed("InstallationFailed");
            return;
        }
        UpdateProgress p;
        try {
            p = u.submit(file);
        } catch (UpdateRefusedException | IOException e) {
            log.warn("OCPP: the firmware was refused: {}", e.getMessage());
            delete(file);
            failed("InstallationFailed");
            return;
        } catch (RuntimeException e) {
            log.error("OCPP: the bundle updater failed", e);
            delete(file);
            failed("InstallationFailed");
            return;
        }
        delete(file);
        installingTold = false;
        remember(p);
        log.info("OCPP: firmware {} {} handed to the updater: {}", p.symbolicName(), p.toVersion(), p.stage());
        follow(u, p);
    }

    private void follow(BundleUpdates u, UpdateProgress p) {
        next = null;
        switch (p.stage()) {
            case POSTPONED -> next = timers.after(FOLLOW, () -> follow(u, u.progress()));
            case UPDATING -> {
                installing();
                next = timers.after(FOLLOW, () -> follow(u, u.progress()));
            }
            case DONE -> {
                installing();
                tell("Installed");
                finish();
            }
            default -> {
                log.warn("OCPP: the firmware was not installed: {}", p.message());
                if (p.stage() == UpdateProgress.Stage.FAILED) {
                    installing(); // the replacement was tried
                }
                failed("InstallationFailed");
            }
        }
    }

    /** §5.19: Installing once the bundle is being replaced (not while the update waits for the session's end). */
    private void installing() {
        if (!installingTold) {
            installingTold = true;
            tell("Installing");
        }
    }

    private void failed(String why) {
        tell(why);
        finish();
    }

    private void finish() {
        status = null;
        delete(installing);
    }

    /** Written before the bundle is replaced, so a restart of this client knows what it was installing. */
    private void remember(UpdateProgress p) {
        if (p.symbolicName() == null || p.toVersion() == null) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Files.writeString(installing, p.symbolicName() + "\n" + p.toVersion());
        } catch (IOException e) {
            log.warn("OCPP: cannot write {}: {}", installing, e.toString());
        }
    }

    private void tell(String s) {
        status = s;
        chargePoint.notify("FirmwareStatusNotification", frames.object().put("status", s));
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("OCPP: cannot delete {}: {}", file, e.toString());
        }
    }

    void close() {
        if (next != null) {
            next.cancel();
        }
    }
}
