package org.infinergi.feature.update.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerControl.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bundle update at a time, manual §5.9: verify the upload before anything changes; a bundle off the charging
 * path ({@link ChargingPath}) is replaced at once, even while a car charges, without stopping the core; for a bundle
 * the session depends on, ask the charging core to stop for it ({@link ChargerControl#beginUpdate}; refused while a
 * vehicle is connected, so the update is postponed to the end of the charging session and asked again every retry
 * interval), replace the bundle, and always give the charger back ({@link ChargerControl#endUpdate}). Each outcome
 * is announced once: postponed (the first refusal), done, failed (docs/events.md).
 */
final class Updater {

    /** What the component's configuration says, swapped whole on a change. */
    record Settings(TrustList trust, boolean allowDowngrade, Duration retryInterval, long maxBytes) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Updater.class);

    private final Framework framework;
    private final Supplier<ChargerControl> control;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Path staging;
    private final Consumer<UpdateStatus> announce;

    private volatile Settings settings;

    // Guarded by this.
    private UpdateStatus status;
    private Pending pending;

    /**
     * The submitted update while POSTPONED or UPDATING; {@code announced}: the core accepted beginUpdate and waits
     * for endUpdate; {@code staged}: its postponement was announced on Event Admin.
     */
    private record Pending(SignedBundle bundle, Path jar, String what, Future<?> next, boolean announced,
            boolean staged) {
        Pending next(Future<?> future) {
            return new Pending(bundle, jar, what, future, announced, staged);
        }

        Pending staged(Future<?> future) {
            return new Pending(bundle, jar, what, future, announced, true);
        }

        Pending announced(Future<?> future) {
            return new Pending(bundle, jar, what, future, true, staged);
        }
    }

    /** The status' {@code path}, in the words of issue 14. */
    static final String AT_ONCE = "applied at once while charging: ";
    static final String WAITS = "postponed to the end of the session: ";

    Updater(Framework framework, Supplier<ChargerControl> control, Scheduler scheduler, Clock clock, Path staging,
            Settings settings) {
        this(framework, control, scheduler, clock, staging, settings, s -> { });
    }

    /** @param announce told of each outcome (postponed, done, failed); must return at once */
    Updater(Framework framework, Supplier<ChargerControl> control, Scheduler scheduler, Clock clock, Path staging,
            Settings settings, Consumer<UpdateStatus> announce) {
        this.announce = announce;
        this.framework = framework;
        this.control = control;
        this.scheduler = scheduler;
        this.clock = clock;
        this.staging = staging;
        this.settings = settings;
        this.status = UpdateStatus.idle(clock.instant());
    }

    void settings(Settings newSettings) {
        this.settings = newSettings;
    }

    Settings settings() {
        return settings;
    }

    synchronized UpdateStatus status() {
        return status;
    }

    /**
     * Verifies the JAR read from {@code body} and, when it is a signed update of an installed bundle, starts applying
     * it: UPDATING when the core accepts at once, else POSTPONED.
     *
     * @throws UpdateRejected the upload is not applied, with what was wrong; nothing changed
     * @throws UpdateBusy another update is under way
     */
    UpdateStatus submit(InputStream body) throws UpdateRejected, UpdateBusy, IOException {
        return submit(body, -1);
    }

    /**
     * As {@link #submit(InputStream)}, for a body that declares its length ({@code Content-Length}, -1 when none): a
     * declared length above maxSizeKiB is refused before a byte is read or staged.
     */
    UpdateStatus submit(InputStream body, long declaredLength) throws UpdateRejected, UpdateBusy, IOException {
        busyCheck();
        Settings s = settings;
        if (declaredLength > s.maxBytes()) {
            throw UpdateRejected.tooLarge(s.maxBytes());
        }
        Files.createDirectories(staging);
        Path jar = Files.createTempFile(staging, "upload-", ".jar");
        boolean keep = false;
        try {
            copy(body, jar, s.maxBytes());
            SignedBundle bundle = JarVerifier.verify(jar, s.trust());
            InstalledBundle target = UpdatePolicy.target(bundle, framework.installed(), framework.ownBundleId(),
                    s.allowDowngrade());
            synchronized (this) {
                busyCheck();
                String what = "bundle " + bundle.symbolicName() + " " + target.version() + " → " + bundle.version();
                status = new UpdateStatus(UpdateState.POSTPONED, bundle.symbolicName(), target.version().toString(),
                        bundle.version().toString(), bundle.signer(), null, "verified", clock.instant());
                pending = new Pending(bundle, jar, what, null, false, false);
                keep = true;
                LOG.info("Update accepted for {}, signed by {}", what, bundle.signer());
                attempt();
                return status;
            }
        } finally {
            if (!keep) {
                Files.deleteIfExists(jar);
            }
        }
    }

    /** Withdraws a postponed update. */
    synchronized UpdateStatus cancel() throws UpdateBusy {
        if (status.state() != UpdateState.POSTPONED || pending == null) {
            throw new UpdateBusy(status.state() == UpdateState.UPDATING
                    ? "the bundle is being replaced: an update in progress cannot be cancelled"
                    : "no postponed update to cancel (state " + status.state() + ")");
        }
        if (pending.next() != null) {
            pending.next().cancel(false);
        }
        discard();
        status = status.with(UpdateState.CANCELLED, "cancelled before it started", clock.instant());
        return status;
    }

    /** The component stops: a postponed update is dropped (its upload is not kept across a restart). */
    synchronized void close() {
        if (pending != null && status.state() == UpdateState.POSTPONED) {
            if (pending.next() != null) {
                pending.next().cancel(false);
            }
            discard();
        }
    }

    private void busyCheck() throws UpdateBusy {
        synchronized (this) {
            if (status.pending()) {
                throw new UpdateBusy("an update is already " + status.state() + " (" + status.symbolicName() + " "
                        + status.fromVersion() + " → " + status.toVersion() + "): wait for it or cancel it");
            }
        }
    }

    /**
     * Applies at once a bundle off the charging path, else asks the core to stop for the update; on the updater's
     * thread, or the submitter's for the first time.
     */
    private synchronized void attempt() {
        if (pending == null || status.state() != UpdateState.POSTPONED) {
            return; // cancelled meanwhile
        }
        Settings s = settings;
        InstalledBundle target;
        // Re-checked each time: while it waited, the bundle may have been updated another way.
        try {
            target = UpdatePolicy.target(pending.bundle(), framework.installed(), framework.ownBundleId(),
                    s.allowDowngrade());
        } catch (UpdateRejected e) {
            discard();
            status = status.with(UpdateState.FAILED, "no longer applicable: " + e.getMessage(), clock.instant());
            announce.accept(status);
            return;
        }
        ChargingPath.Verdict path = ChargingPath.of(framework.role(target.id()));
        if (!path.waits()) {
            // Nothing the session depends on stops: the core is not asked and keeps charging.
            status = status.withPath(AT_ONCE + path.reason())
                    .with(UpdateState.UPDATING, "updating " + pending.what() + " at once", clock.instant());
            pending = pending.next(scheduler.schedule(this::apply, Duration.ZERO));
            return;
        }
        status = status.withPath(WAITS + path.reason());
        ChargerControl c = control.get();
        Result r = c == null ? new Result(false, "charging core not running") : c.beginUpdate(pending.what());
        if (!r.accepted()) {
            status = status.with(UpdateState.POSTPONED, "postponed until the end of the charging session: "
                    + path.reason() + " (" + r.message() + ")", clock.instant());
            boolean first = !pending.staged();
            pending = pending.staged(scheduler.schedule(this::attempt, s.retryInterval()));
            if (first) {
                announce.accept(status);
            }
            return;
        }
        status = status.with(UpdateState.UPDATING, "updating " + pending.what(), clock.instant());
        pending = pending.announced(scheduler.schedule(this::apply, Duration.ZERO));
    }

    /** Replaces the bundle; then, always, gives the charger back. */
    private void apply() {
        Pending p;
        InstalledBundle target;
        synchronized (this) {
            p = pending;
            if (p == null || status.state() != UpdateState.UPDATING) {
                return;
            }
        }
        UpdateState outcome;
        String message;
        try {
            target = UpdatePolicy.target(p.bundle(), framework.installed(), framework.ownBundleId(),
                    settings.allowDowngrade());
            String failure = framework.replace(target.id(), p.jar());
            if (failure == null) {
                outcome = UpdateState.DONE;
                message = p.bundle().symbolicName() + " runs version " + p.bundle().version();
            } else {
                outcome = UpdateState.FAILED;
                message = failure;
            }
        } catch (UpdateRejected e) {
            outcome = UpdateState.FAILED;
            message = "no longer applicable: " + e.getMessage();
        } catch (Exception | LinkageError e) {
            outcome = UpdateState.FAILED;
            message = "the framework refused the new content of " + p.bundle().symbolicName() + ": " + e;
        } finally {
            if (p.announced()) {
                release();
            }
        }
        UpdateStatus over;
        synchronized (this) {
            discard();
            status = status.with(outcome, message, clock.instant());
            over = status;
        }
        announce.accept(over);
        if (outcome == UpdateState.DONE) {
            LOG.info("Update done: {}", message);
        } else {
            LOG.warn("Update failed: {}", message);
        }
    }

    private void release() {
        ChargerControl c = control.get();
        if (c == null) {
            LOG.warn("Update over but the charging core is not running to be told so");
            return;
        }
        try {
            Result r = c.endUpdate();
            if (!r.accepted()) {
                LOG.info("The charging core answered the end of the update: {}", r.message());
            }
        } catch (RuntimeException e) {
            LOG.error("The charging core failed to end the update", e);
        }
    }

    /** Guarded by this. */
    private void discard() {
        if (pending != null) {
            try {
                Files.deleteIfExists(pending.jar());
            } catch (IOException e) {
                LOG.warn("Cannot delete the staged upload {}: {}", pending.jar(), e.toString());
            }
            pending = null;
        }
    }

    private static void copy(InputStream body, Path jar, long maxBytes) throws IOException, UpdateRejected {
        byte[] buffer = new byte[16384];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(jar)) {
            int n;
            while ((n = body.read(buffer)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw UpdateRejected.tooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw new UpdateRejected("empty upload: send the bundle JAR as the request body");
        }
    }
}
