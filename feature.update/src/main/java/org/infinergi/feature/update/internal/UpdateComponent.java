package org.infinergi.feature.update.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;


import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.feature.update.api.BundleUpdates;
import org.infinergi.feature.update.api.UpdateProgress;
import org.infinergi.feature.update.api.UpdateRefusedException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundle updater of manual §5.9.2, shared by {@code /api/update} and the {@code update:*} commands. Its own
 * thread {@code infinergi-update} asks the core again while the update is postponed and replaces the bundle.
 */
@Component(name = UpdateConfig.PID, service = {UpdateComponent.class, ConfigurationOwner.class, BundleUpdates.class},
        configurationPid = UpdateConfig.PID)
@Designate(ocd = UpdateConfig.class)
public final class UpdateComponent implements ConfigurationOwner, BundleUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateComponent.class);
    /** A refresh restarts the updated bundle's dependants; a minute is far beyond what that takes. */
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(60);

    private final ScheduledExecutorService executor;
    private final Updater updater;
    /** An empty value ({@code allowDowngrade =}) rejects the whole PID and keeps the previous one (issue 15). */
    private volatile CheckedConfiguration<UpdateConfig> checked;

    // Optional: without the core the update waits ("charging core not running") instead of running unannounced;
    // dynamic: the core may itself be the bundle being updated.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChargerControl control;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    @Activate
    public UpdateComponent(BundleContext context, Map<String, Object> properties) {
        this.checked = CheckedConfiguration.check(UpdateConfig.PID, properties, UpdateConfig.class, null, LOG::error);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-update");
            t.setDaemon(true);
            return t;
        });
        Path staging = staging(context);
        Scheduler scheduler = (task, delay) -> executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        this.updater = new Updater(new FrameworkBundles(context, REFRESH_TIMEOUT), () -> control, scheduler,
                Clock.systemUTC(), staging, settings(checked.config()), this::announce);
        logTrust();
    }

    private void announce(UpdateStatus status) {
        UpdateEvents.post(eventAdmin, status);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        checked = CheckedConfiguration.check(UpdateConfig.PID, properties, UpdateConfig.class, checked.config(),
                LOG::error);
        updater.settings(settings(checked.config()));
        logTrust();
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return checked.rejections();
    }

    private void logTrust() {
        String problem = trustProblem();
        if (problem != null) {
            LOG.warn("Every update will be refused: {}", problem);
        }
    }

    @Deactivate
    void deactivate() {
        updater.close();
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The update thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    UpdateStatus status() {
        return updater.status();
    }

    UpdateStatus submit(InputStream jar) throws UpdateRejected, UpdateBusy, IOException {
        return updater.submit(jar);
    }

    UpdateStatus submit(InputStream jar, long declaredLength) throws UpdateRejected, UpdateBusy, IOException {
        return updater.submit(jar, declaredLength);
    }

    /**
     * {@link BundleUpdates}: the central system's UpdateFirmware (feature.ocpp) goes through the same verification and
     * postponement as an upload.
     */
    @Override
    public UpdateProgress submit(Path jar) throws UpdateRefusedException, IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            return progressOf(updater.submit(in, Files.size(jar)));
        } catch (UpdateRejected | UpdateBusy e) {
            throw new UpdateRefusedException(e.getMessage());
        }
    }

    @Override
    public UpdateProgress progress() {
        return progressOf(updater.status());
    }

    static UpdateProgress progressOf(UpdateStatus s) {
        return new UpdateProgress(UpdateProgress.Stage.valueOf(s.state().name()), s.symbolicName(), s.toVersion(),
                s.message());
    }

    UpdateStatus cancel() throws UpdateBusy {
        return updater.cancel();
    }

    /** The settings in force. */
    Updater.Settings settings() {
        return updater.settings();
    }

    /** Why every upload is refused now (trust list invalid or empty), or null. */
    String trustProblem() {
        TrustList trust = settings().trust();
        if (trust.error() != null) {
            return trust.error();
        }
        return trust.certificates().isEmpty()
                ? "no trusted certificate (PID " + UpdateConfig.PID + ", trustedCertificates is empty)" : null;
    }

    static Updater.Settings settings(UpdateConfig config) {
        return new Updater.Settings(TrustList.parse(config.trustedCertificates()), config.allowDowngrade(),
                Duration.ofSeconds(Math.max(1, config.retryIntervalS())), Math.max(1, config.maxSizeKiB()) * 1024L);
    }

    /**
     * Uploads wait in the bundle's data area (not the heap: the charger's JVM has 32 MB); what a previous run left
     * there is removed, a postponed update does not survive a restart.
     */
    private static Path staging(BundleContext context) {
        try {
            java.io.File area = context.getDataFile("staging");
            Path dir = area != null ? area.toPath() : Files.createTempDirectory("infinergi-update");
            Files.createDirectories(dir);
            try (var leftovers = Files.newDirectoryStream(dir)) {
                for (Path p : leftovers) {
                    Files.deleteIfExists(p);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the staging folder for uploads", e);
        }
    }
}
