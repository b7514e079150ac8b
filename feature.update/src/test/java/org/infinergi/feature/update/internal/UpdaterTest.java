package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.testing.FakeChargerControl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/**
 * The apply sequence of manual §5.9: the core is asked first (beginUpdate before Bundle.update), postponed while it
 * refuses (a vehicle is connected), and always given back (endUpdate after the replacement, also on failure).
 */
class UpdaterTest {

    @TempDir
    static Path keys;
    static TestJars.Signer oem;

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final FakeChargerControl fake = new FakeChargerControl(log::add);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeFramework framework = new FakeFramework();
    /** What the core says to beginUpdate; null = accept (FakeChargerControl). */
    private volatile String coreRefuses;
    private volatile ChargerControl control;
    private Updater updater;
    /** The states announced (docs/events.md), in order. */
    private final List<UpdateState> announced = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void signer() throws Exception {
        oem = TestJars.newSigner(keys, "oem", "CN=OEM");
    }

    @BeforeEach
    void updater() {
        control = new RefusingControl();
        updater = new Updater(framework, () -> control, scheduler,
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), dir.resolve("staging"),
                new Updater.Settings(TrustList.of(oem.certificate()), false, Duration.ofSeconds(5), 1 << 20),
                s -> announced.add(s.state()));
    }

    private InputStream upload(String version) throws Exception {
        Path plain = TestJars.bundle(dir.resolve("plain-" + version + ".jar"), "org.infinergi.feature.panel", version);
        return new ByteArrayInputStream(TestJars.bytes(TestJars.sign(plain, oem, dir.resolve("up-" + version + ".jar"))));
    }

    @Test
    void acceptedAtOnce_beginUpdateThenReplaceThenEndUpdate_done() throws Exception {
        UpdateStatus submitted = updater.submit(upload("0.2.0"));

        assertEquals(UpdateState.UPDATING, submitted.state(), submitted.message());
        assertEquals(List.of("beginUpdate=bundle org.infinergi.feature.panel 0.1.0 → 0.2.0"), log,
                "nothing replaced in the request: on the updater's thread");
        scheduler.runNext();

        assertEquals(List.of("beginUpdate=bundle org.infinergi.feature.panel 0.1.0 → 0.2.0", "replace 31 0.2.0",
                "endUpdate"), log);
        UpdateStatus done = updater.status();
        assertEquals(UpdateState.DONE, done.state());
        assertEquals("0.1.0", done.fromVersion());
        assertEquals("0.2.0", done.toVersion());
        assertEquals("org.infinergi.feature.panel runs version 0.2.0", done.message());
        assertTrue(done.signer().contains("CN=OEM"));
        assertStagingEmpty();
        assertEquals(List.of(UpdateState.DONE), announced, "applied");
    }

    @Test
    void whileTheCoreRefuses_postponedAndAskedAgainEachRetryInterval_thenApplied() throws Exception {
        coreRefuses = "a vehicle is connected";

        UpdateStatus submitted = updater.submit(upload("0.2.0"));

        assertEquals(UpdateState.POSTPONED, submitted.state());
        assertEquals("postponed until the end of the charging session: org.infinergi.feature.panel provides the "
                + "hardware contract PanelBoard to the charging core (a vehicle is connected)", submitted.message());
        assertEquals("postponed to the end of the session: org.infinergi.feature.panel provides the hardware "
                + "contract PanelBoard to the charging core", submitted.path());
        assertEquals(Duration.ofSeconds(5), scheduler.nextDelay());
        scheduler.runNext();
        scheduler.runNext();
        assertEquals(UpdateState.POSTPONED, updater.status().state());
        assertEquals(List.of("beginUpdate refused", "beginUpdate refused", "beginUpdate refused"), log,
                "nothing replaced while refused");
        assertEquals(List.of(UpdateState.POSTPONED), announced, "staged once, not at every retry");

        coreRefuses = null; // the vehicle left
        scheduler.runNext();
        assertEquals(UpdateState.UPDATING, updater.status().state());
        scheduler.runNext();

        assertEquals(List.of("beginUpdate refused", "beginUpdate refused", "beginUpdate refused",
                "beginUpdate=bundle org.infinergi.feature.panel 0.1.0 → 0.2.0", "replace 31 0.2.0", "endUpdate"), log);
        assertEquals(UpdateState.DONE, updater.status().state());
        assertEquals(List.of(UpdateState.POSTPONED, UpdateState.DONE), announced);
    }

    @Test
    void postponed_thenUpdatedAnotherWay_failedAsNoLongerApplicable_andAnnounced() throws Exception {
        coreRefuses = "a vehicle is connected";
        updater.submit(upload("0.2.0"));
        framework.panel = Version.parseVersion("0.2.0");
        scheduler.runNext();
        assertEquals(UpdateState.FAILED, updater.status().state());
        assertTrue(updater.status().message().startsWith("no longer applicable"), updater.status().message());
        assertEquals(List.of(UpdateState.POSTPONED, UpdateState.FAILED), announced);
    }

    @Test
    void theFrameworkRefusesTheContent_failedAndTheChargerIsGivenBackAllTheSame() throws Exception {
        framework.throwOnReplace = new org.osgi.framework.BundleException("invalid manifest header");

        updater.submit(upload("0.2.0"));
        scheduler.runNext();

        assertEquals(List.of("beginUpdate=bundle org.infinergi.feature.panel 0.1.0 → 0.2.0", "replace 31 0.2.0",
                "endUpdate"), log);
        UpdateStatus failed = updater.status();
        assertEquals(UpdateState.FAILED, failed.state());
        assertTrue(failed.message().contains("invalid manifest header"), failed.message());
        assertStagingEmpty();
        assertEquals(List.of(UpdateState.FAILED), announced);
    }

    @Test
    void theNewVersionDoesNotStart_failedWithTheReason_endUpdateAllTheSame() throws Exception {
        framework.failure = "bundle org.infinergi.feature.panel 0.2.0 did not start: missing requirement";

        updater.submit(upload("0.2.0"));
        scheduler.runNext();

        assertEquals("endUpdate", log.get(log.size() - 1));
        assertEquals(UpdateState.FAILED, updater.status().state());
        assertEquals(framework.failure, updater.status().message());
    }

    @Test
    void anErrorInsideTheFramework_failedAndEndUpdateAllTheSame() throws Exception {
        framework.throwOnReplace = new IllegalStateException("framework stopping");

        updater.submit(upload("0.2.0"));
        scheduler.runNext();

        assertEquals("endUpdate", log.get(log.size() - 1));
        assertEquals(UpdateState.FAILED, updater.status().state());
    }

    @Test
    void withoutTheChargingCore_postponed_neverReplacedUnannounced() throws Exception {
        control = null;

        UpdateStatus s = updater.submit(upload("0.2.0"));
        scheduler.runNext();

        assertEquals(UpdateState.POSTPONED, s.state());
        assertEquals("postponed until the end of the charging session: org.infinergi.feature.panel provides the "
                + "hardware contract PanelBoard to the charging core (charging core not running)",
                updater.status().message());
        assertEquals(List.of(), log);
    }

    @Test
    void aRefusedUpload_changesNothing_andAsksNothingOfTheCore() throws Exception {
        InputStream unsigned = new ByteArrayInputStream(TestJars.bytes(
                TestJars.bundle(dir.resolve("u.jar"), "org.infinergi.feature.panel", "0.2.0")));

        assertThrows(UpdateRejected.class, () -> updater.submit(unsigned));
        assertThrows(UpdateRejected.class, () -> updater.submit(upload("0.1.0"))); // same version

        assertEquals(List.of(), log);
        assertEquals(UpdateState.IDLE, updater.status().state());
        assertEquals(0, scheduler.size());
        assertStagingEmpty();
    }

    @Test
    void aSecondUploadWhileOneIsPending_isBusy_andCancelWithdrawsThePostponedOne() throws Exception {
        coreRefuses = "a vehicle is connected";
        updater.submit(upload("0.2.0"));

        UpdateBusy busy = assertThrows(UpdateBusy.class, () -> updater.submit(upload("0.3.0")));
        assertTrue(busy.getMessage().startsWith("an update is already POSTPONED"), busy.getMessage());

        UpdateStatus cancelled = updater.cancel();
        assertEquals(UpdateState.CANCELLED, cancelled.state());
        coreRefuses = null;
        scheduler.runAll();
        assertEquals(List.of("beginUpdate refused"), log, "no attempt after the cancel");
        assertStagingEmpty();
    }

    @Test
    void anUploadLargerThanTheLimit_isRefusedUnread() throws Exception {
        updater.settings(new Updater.Settings(TrustList.of(oem.certificate()), false, Duration.ofSeconds(5), 100));

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> updater.submit(upload("0.2.0")));
        assertTrue(e.getMessage().startsWith("upload larger than 0 KiB"), e.getMessage());
        assertEquals(413, UpdateServlet.status(e));
        assertStagingEmpty();
    }

    @Test
    void anUploadDeclaringMoreThanTheLimit_isRefused413BeforeAByteIsRead() throws Exception {
        updater.settings(new Updater.Settings(TrustList.of(oem.certificate()), false, Duration.ofSeconds(5), 100));
        java.io.InputStream unreadable = new java.io.InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the upload was read");
            }
        };

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> updater.submit(unreadable, 10L * 1024 * 1024));
        assertTrue(e.tooLarge());
        assertEquals(413, UpdateServlet.status(e));
        assertStagingEmpty();
        assertEquals(400, UpdateServlet.status(new UpdateRejected("not signed")));
    }

    @Test
    void offTheChargingPath_appliedAtOnceWhileAVehicleIsConnected_theCoreIsNeverAsked() throws Exception {
        coreRefuses = "a vehicle is connected";
        framework.role = offThePath();

        UpdateStatus submitted = updater.submit(upload("0.2.0"));

        assertEquals(UpdateState.UPDATING, submitted.state(), submitted.message());
        assertEquals("applied at once while charging: org.infinergi.feature.panel is not on the charging path",
                submitted.path());
        scheduler.runNext();
        assertEquals(List.of("replace 31 0.2.0"), log, "no beginUpdate, no endUpdate: the charge goes on");
        UpdateStatus done = updater.status();
        assertEquals(UpdateState.DONE, done.state());
        assertEquals("org.infinergi.feature.panel runs version 0.2.0", done.message());
        assertEquals(submitted.path(), done.path());
        assertEquals(0, scheduler.size(), "nothing left to retry");
        assertStagingEmpty();
    }

    @Test
    void offTheChargingPath_withoutTheChargingCore_appliedAtOnce() throws Exception {
        control = null;
        framework.role = offThePath();

        updater.submit(upload("0.2.0"));
        scheduler.runNext();

        assertEquals(List.of("replace 31 0.2.0"), log);
        assertEquals(UpdateState.DONE, updater.status().state());
    }

    @Test
    void offTheChargingPath_aFailedReplacement_failsWithoutTellingTheCoreAnything() throws Exception {
        framework.role = offThePath();
        framework.failure = "bundle org.infinergi.feature.panel 0.2.0 did not start: missing requirement";

        updater.submit(upload("0.2.0"));
        scheduler.runNext();

        assertEquals(List.of("replace 31 0.2.0"), log, "no endUpdate without a beginUpdate");
        assertEquals(UpdateState.FAILED, updater.status().state());
        assertEquals(framework.failure, updater.status().message());
    }

    @Test
    void onTheChargingPath_theCoreIsAskedAndTheStatusSaysWhy() throws Exception {
        framework.role = new BundleRole("org.infinergi.feature.panel", Set.of("org.infinergi.core.charging.api"
                + ".ChargerControl"), Set.of(), Set.of(), Set.of());

        UpdateStatus submitted = updater.submit(upload("0.2.0"));

        assertEquals(UpdateState.UPDATING, submitted.state());
        assertEquals("postponed to the end of the session: org.infinergi.feature.panel is the charging core",
                submitted.path());
        scheduler.runNext();
        assertEquals(List.of("beginUpdate=bundle org.infinergi.feature.panel 0.1.0 → 0.2.0", "replace 31 0.2.0",
                "endUpdate"), log);
    }

    @Test
    void theBundleLeavesTheChargingPathWhileItWaits_nextAttemptAppliesItAtOnce() throws Exception {
        coreRefuses = "a vehicle is connected";

        updater.submit(upload("0.2.0"));
        framework.role = offThePath(); // e.g. the core stopped using the panel's PanelBoard: decided again each time
        scheduler.runNext();

        assertEquals(UpdateState.UPDATING, updater.status().state());
        scheduler.runNext();
        assertEquals(List.of("beginUpdate refused", "replace 31 0.2.0"), log);
    }

    private static BundleRole offThePath() {
        return new BundleRole("org.infinergi.feature.panel", Set.of("javax.servlet.Servlet"), Set.of(), Set.of(),
                Set.of());
    }

    private void assertStagingEmpty() throws IOException {
        Path staging = dir.resolve("staging");
        if (Files.isDirectory(staging)) {
            try (var files = Files.list(staging)) {
                assertEquals(List.of(), files.toList(), "staged uploads removed");
            }
        }
    }

    /** FakeChargerControl, except that beginUpdate is refused while {@link #coreRefuses} says why. */
    private final class RefusingControl implements ChargerControl {
        @Override public Result pause() { return fake.pause(); }
        @Override public Result resume() { return fake.resume(); }
        @Override public Result attemptRecovery() { return fake.attemptRecovery(); }
        @Override public Result setOutOfService(boolean o) { return fake.setOutOfService(o); }
        @Override public Result authorize(String idTag) { return fake.authorize(idTag); }
        @Override public Result endUpdate() { return fake.endUpdate(); }
        @Override public Result endCharge(String reason) { return fake.endCharge(reason); }
        @Override public java.util.concurrent.CompletionStage<Result> unlockConnector() { return fake.unlockConnector(); }

        @Override
        public Result beginUpdate(String what) {
            String why = coreRefuses;
            if (why != null) {
                log.add("beginUpdate refused");
                return new Result(false, why);
            }
            return fake.beginUpdate(what);
        }
    }

    /** One panel bundle at 0.1.0; replace records into the same log as the core. */
    private final class FakeFramework implements Framework {
        Exception throwOnReplace;
        String failure;
        Version panel = Version.parseVersion("0.1.0");
        /** What the framework says of the panel: by default the core uses its PanelBoard (on the charging path). */
        BundleRole role = new BundleRole("org.infinergi.feature.panel",
                Set.of("org.infinergi.core.charging.hal.PanelBoard"), Set.of(),
                Set.of("org.infinergi.core.charging.hal.PanelBoard"), Set.of());

        @Override
        public BundleRole role(long id) {
            assertEquals(31, id, "the role of the bundle being replaced");
            return role;
        }

        @Override
        public List<InstalledBundle> installed() {
            return List.of(new InstalledBundle(0, "org.apache.felix.framework", Version.parseVersion("7.0.5")),
                    new InstalledBundle(31, "org.infinergi.feature.panel", panel),
                    new InstalledBundle(40, "org.infinergi.feature.update", Version.parseVersion("0.1.0")));
        }

        @Override
        public long ownBundleId() {
            return 40;
        }

        @Override
        public String replace(long id, Path jar) throws Exception {
            SignedBundle b = JarVerifier.verify(jar, TrustList.of(oem.certificate()));
            log.add("replace " + id + " " + b.version());
            if (throwOnReplace != null) {
                throw throwOnReplace;
            }
            if (failure == null) {
                panel = b.version();
            }
            return failure;
        }
    }

    /** Tasks wait until the test runs them, in order; a cancelled one does nothing. */
    private static final class ManualScheduler implements Scheduler {
        private final Deque<FutureTask<?>> tasks = new ArrayDeque<>();
        private final List<Duration> delays = new ArrayList<>();

        @Override
        public synchronized Future<?> schedule(Runnable task, Duration delay) {
            FutureTask<?> f = new FutureTask<>(task, null);
            tasks.add(f);
            delays.add(delay);
            return f;
        }

        Duration nextDelay() {
            return delays.get(delays.size() - tasks.size());
        }

        void runNext() {
            FutureTask<?> f;
            synchronized (this) {
                f = tasks.poll();
            }
            if (f == null) {
                throw new AssertionError("nothing scheduled");
            }
            f.run();
        }

        void runAll() {
            while (size() > 0) {
                runNext();
            }
        }

        synchronized int size() {
            return tasks.size();
        }
    }
}
