package org.infinergi.feature.ocpp.internal;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.ChargerClock;
import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.CarPhases;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargingModeService;
import org.infinergi.core.charging.api.Device;
import org.infinergi.core.charging.api.ElectricalReading;
import org.infinergi.core.charging.api.ElectricalReadings;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.SessionHistory;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.feature.auth.api.CentralAuthorization;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.feature.update.api.BundleUpdates;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCPP 1.6J charge point (manual §5.1.4), the one owner of PID {@value OcppConfig#PID}. With a URL it connects
 * on its own thread, "infinergi-ocpp", and keeps the connection (activation returns at once); without one it starts
 * no thread and loads neither the WebSocket client nor the schemas, so a charger without a central system pays nothing.
 * The status the central system sees follows the core's {@code STATUS_CHANGED} events (docs/events.md): the status
 * service is read once, when the client starts; after that, the events tell everything.
 * Transactions follow the core's session events and the card events ({@link Transactions}); their messages wait in
 * a journal in this bundle's data area ({@value #JOURNAL_FILE}, {@link TransactionJournal}) until delivered.
 * A changed configuration restarts the component (no {@code @Modified}): a new URL or ID is a new connection.
 */
@Component(name = OcppConfig.PID, configurationPid = OcppConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {EventHandler.class, CentralAuthorization.class, ChargingModeService.class, LimitProvider.class},
        property = {ChargingModeService.MODE + "=OCPP", "event.topics=" + ChargerEvents.STATUS_CHANGED,
                "event.topics=" + ChargerEvents.SESSION_STARTED, "event.topics=" + ChargerEvents.SESSION_STOPPED,
                "event.topics=" + ChargerEvents.CARD_ACCEPTED})
@Designate(ocd = OcppConfig.class)
public final class OcppComponent implements EventHandler, CentralAuthorization, ChargingModeService, LimitProvider {

    /** The label's manufacturer (manual §2.4), BootNotification's chargePointVendor. */
    static final String VENDOR = "SEMAR";
    /** The durable queue of transaction messages, in the bundle's data area (kept by a bundle update). */
    static final String JOURNAL_FILE = "ocpp-transactions.journal";
    /** The configuration keys the central system changed (OCPP 1.6 §9), kept across restarts ({@link KeyFile}). */
    static final String KEYS_FILE = "ocpp-configuration.properties";
    /** How many of the newest stored sessions are looked through for a transaction's end at the start. */
    static final int RECENT_SESSIONS = 10;
    /** The OCPP local authorization list and the authorization cache (OCPP 1.6 §3.5), in the bundle's data area. */
    static final String AUTHORIZATION_FILE = "ocpp-authorization.json";
    /** The installed charging profiles (Smart Charging), in the bundle's data area. */
    static final String PROFILES_FILE = "ocpp-charging-profiles.json";
    /** The central system's last ChangeAvailability, kept across restarts (OCPP 1.6 "Persistent states"). */
    static final String AVAILABILITY_FILE = "ocpp-availability";

    private final Logger log = LoggerFactory.getLogger(OcppComponent.class);
    private final ScheduledExecutorService thread;
    private final ChargePoint chargePoint;
    private final Connection connection;
    private final Transactions transactions;
    private final CardAuthorization cards;
    /** The OCPP Active mode (manual §5.1.4); asked by the core only when the installer selected it. */
    private final ActiveMode activeMode;
    /** The central system's charging profiles as a limit; null without a URL. */
    private final SmartCharging smartCharging;
    private final Device device;
    /** The phases the car was last seen drawing on (W → A for the profiles). */
    private volatile List<Integer> carPhases = List.of();
    private final Reset reset;
    private final AlignedMeterValues aligned;
    private final ChangeAvailability availability;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ChargerStatusService statusService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ElectricalReadings readings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ChargerControl control;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SessionHistory history;

    /** The charger's time zone (manual §7.2.2): clock-aligned meter values start at its midnight. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ChargerClock chargerClock;

    // issue 17, ocppmgmt: UpdateFirmware hands the downloaded bundle to feature.update (absent: InstallationFailed)
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BundleUpdates updates;

    /** Remote Trigger, Reservation, Firmware Management; null without a URL. */
    private ManagementProfiles management;
    /** The reservation's limit of 0 A (a LimitProvider only while a URL is set). */
    private ServiceRegistration<LimitProvider> reservationLimit;

    @Activate
    public OcppComponent(@Reference Device device, OcppConfig config, ComponentContext context) {
        String url = config.url() == null ? "" : config.url().trim();
        String id = chargePointId(config, device);
        this.device = device;
        if (url.isEmpty()) {
            log.debug("OCPP: no URL set, no central system");
            thread = null;
            chargePoint = null;
            connection = null;
            transactions = null;
            cards = null;
            smartCharging = null;
            activeMode = new ActiveMode(false, () -> false);
            reset = null;
            aligned = null;
            availability = null;
            return;
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException("chargePointId: empty, and the label has no serial number to take");
        }
        Endpoint endpoint = Endpoint.of(url, id, config.securityProfile(), config.authorizationKey());
        TrustAnchors trust = TrustAnchors.of(config.caCertificates());
        Transactions.Mode mode = authorizationMode(config);
        thread = singleThread();
        Frames frames = new Frames();
        ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S,
                keyFile(context.getBundleContext().getDataFile(KEYS_FILE)));
        ExecutorTimers timers = new ExecutorTimers(thread);
        chargePoint = new ChargePoint(frames, OcppSchemas.load(),
                new BootInfo(VENDOR, device.model(), device.serial(),
                        context.getBundleContext().getBundle().getVersion().toString()),
                keys, timers, Clock.systemUTC());
        transactions = new Transactions(chargePoint, journal(context.getBundleContext().getDataFile(JOURNAL_FILE)),
                frames, keys, timers, Clock.systemUTC(), new CoreMeter(), new CoreControl(() -> control), mode,
                Transactions.defaultStaticIdTag(config.staticIdTag(), device.serial()));
        cards = cardAuthorization(chargePoint, frames, keys, context.getBundleContext().getDataFile(
                AUTHORIZATION_FILE));
        transactions.authorizeWith(cards);
        ChargePoint cp = chargePoint;
        activeMode = new ActiveMode(true, cp::accepted);
        File profilesFile = context.getBundleContext().getDataFile(PROFILES_FILE);
        smartCharging = new SmartCharging(chargePoint, frames, keys,
                new ProfileStore(profilesFile == null ? null : profilesFile.toPath()), Clock.systemUTC(),
                this::phasesInUse, device.ratedCurrentA());
        transactions.listen(activeMode);
        transactions.listen(smartCharging);
        smartCharging.dropTxProfilesWithoutTransaction();
        Supplier<ChargerControl> core = () -> control;
        File availabilityFile = context.getBundleContext().getDataFile(AVAILABILITY_FILE);
        availability = new ChangeAvailability(chargePoint, transactions, frames, core,
                availabilityFile == null ? null : availabilityFile.toPath());
        reset = new Reset(chargePoint, transactions, keys, frames, timers, core,
                restarter(context.getBundleContext()));
        new UnlockConnector(chargePoint, transactions, frames, core, device.tethered(), thread);
        new DataTransfer(chargePoint, frames, () -> {
            ChargerStatusService s = statusService;
            return s == null ? null : s.status();
        });
        aligned = new AlignedMeterValues(chargePoint, transactions, keys, frames, timers, Clock.systemUTC(),
                this::chargerZone);
        management = new ManagementProfiles(chargePoint, transactions, frames, timers, Clock.systemUTC(), thread,
                dataArea(context), ManagementProfiles.karafLogs(), () -> updates,
                name -> installedVersion(context, name));
        reservationLimit = context.getBundleContext().registerService(LimitProvider.class, management.reservations,
                null);
        connection = new Connection(endpoint, thread, chargePoint, Backoff.DEFAULT, trust);
        thread.execute(this::readStatusOnce);
        connection.start();
        log.info("OCPP: charge point {} connecting to {}", id, endpoint.uri());
    }

    /**
     * The OCPP Active mode (manual §5.1.4): the core asks only while the installer selected it. The charge goes while a
     * transaction the central system confirmed is open ({@link ActiveMode}).
     */
    @Override
    public ModeDecision decide() {
        return activeMode.decide();
    }

    /** The central system's charging profiles in effect, named after the one that sets the limit. */
    @Override
    public Limit currentLimit() {
        SmartCharging s = smartCharging;
        return s == null ? new Limit(SmartCharging.NO_LIMIT_A, SmartCharging.SOURCE, "no central system set")
                : s.currentLimit();
    }

    /** The charger's configured time zone (PID {@code org.infinergi.system} {@code timeZone}), else the JVM's. */
    private java.time.ZoneId chargerZone() {
        ChargerClock c = chargerClock;
        return c == null ? java.time.ZoneId.systemDefault() : c.zone();
    }

    /** The phases the car uses as the vehicle meter shows them (every phase of the supply until seen drawing). */
    private int phasesInUse() {
        ElectricalReadings r = readings;
        ElectricalReading charger = r == null ? null
                : r.all().stream().filter(m -> "VEHICLE".equals(m.role()) && m.inUse()).findFirst().orElse(null);
        List<Integer> drawing = CarPhases.drawing(charger);
        if (!drawing.isEmpty()) {
            carPhases = drawing;
        }
        int supply = charger != null && charger.fresh() && !charger.phases().isEmpty() ? charger.phases().size()
                : device.phases();
        return CarPhases.inUse(charger, carPhases, supply).size();
    }

    /** The version of the installed bundle {@code symbolicName}, or null (UpdateFirmware across a restart). */
    private static String installedVersion(ComponentContext context, String symbolicName) {
        for (org.osgi.framework.Bundle b : context.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b.getVersion().toString();
            }
        }
        return null;
    }

    /** The bundle's data area (the firmware download, the diagnostics zip); a temporary folder without one. */
    private static java.nio.file.Path dataArea(ComponentContext context) {
        File area = context.getBundleContext().getDataFile("");
        if (area != null) {
            return area.toPath();
        }
        try {
            return java.nio.file.Files.createTempDirectory("infinergi-ocpp");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Manual §5.1.4: the Charge Point ID defaults to the serial number. */
    static String chargePointId(OcppConfig config, Device device) {
        String id = config.chargePointId() == null ? "" : config.chargePointId().trim();
        return id.isEmpty() ? device.serial() == null ? "" : device.serial().trim() : id;
    }

    static Transactions.Mode authorizationMode(OcppConfig config) {
        String m = config.authorizationMode() == null ? "" : config.authorizationMode().trim();
        try {
            return Transactions.Mode.valueOf(m.isEmpty() ? "DISABLED" : m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("authorizationMode: DISABLED, STATIC_ID_TAG or RFID expected, was " + m);
        }
    }

    /** The kept configuration keys; a framework without a data area keeps them in memory only. */
    private KeyFile keyFile(File file) {
        if (file == null) {
            log.warn("OCPP: no bundle data area; changed configuration keys are not kept across restarts");
            return KeyFile.none();
        }
        return new KeyFile(file.toPath());
    }

    /** Karaf's restart (soft: the framework; hard: the JVM), or the OSGi one elsewhere ({@link FrameworkRestarter}). */
    private static Reset.Restarter restarter(BundleContext context) {
        return new FrameworkRestarter(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION),
                context.getProperty("karaf.base") != null,
                Boolean.parseBoolean(context.getProperty(FrameworkRestarter.JVM_RESTART_SUPPORTED)),
                System::setProperty);
    }

    /** The journal file; a framework without a data area, or a file that cannot be opened, keeps it in memory. */
    private TransactionJournal journal(File file) {
        if (file == null) {
            log.warn("OCPP: no bundle data area; transaction messages are kept in memory only");
            return TransactionJournal.inMemory();
        }
        try {
            return TransactionJournal.open(file.toPath());
        } catch (IOException | RuntimeException e) {
            log.error("OCPP: the transaction journal {} cannot be opened ({}); transaction messages are kept in "
                    + "memory only", file, e.toString());
            return TransactionJournal.inMemory();
        }
    }

    /** The local list and cache of OCPP 1.6 §3.5, kept in {@code file} (in memory without a data area). */
    private static CardAuthorization cardAuthorization(ChargePoint cp, Frames frames, ConfigurationKeys keys,
            File file) {
        LocalAuthorization local = new LocalAuthorization(keys, frames, file == null ? null : file.toPath());
        local.register(cp);
        return new CardAuthorization(cp, frames, keys, local, Clock.systemUTC());
    }

    /**
     * Manual §5.7 Centralized: the authentication feature asks the central system about a card (OCPP Authorize);
     * when it cannot be asked (or LocalPreAuthorize), the OCPP local list and cache decide per the keys (OCPP 1.6
     * §3.5): such a verdict is not {@code reached} but may be {@code accepted}. Without a URL there is no central
     * system to ask.
     */
    @Override
    public CompletionStage<Verdict> authorize(String idTag) {
        if (thread == null) {
            return CompletableFuture.completedFuture(new Verdict(false, false, "no central system configured"));
        }
        CompletableFuture<Verdict> answer = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                // the OCPP mode shows manual §8's "Charging authorization request in progress" meanwhile
                activeMode.authorizing(true);
                cards.authorize(idTag, a -> {
                    activeMode.authorizing(false);
                    answer.complete(verdictOf(a));
                });
            });
        } catch (RejectedExecutionException e) {
            answer.complete(new Verdict(false, false, "the OCPP client is stopping"));
        }
        return answer;
    }

    static Verdict verdictOf(CardAuthorization.Answer a) {
        if (a.reached()) {
            return new Verdict(true, a.accepted(), a.status());
        }
        return new Verdict(false, a.accepted(), a.why());
    }

    @Override
    public void handleEvent(Event event) {
        if (thread == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            p.put(name, event.getProperty(name));
        }
        switch (event.getTopic()) {
            case ChargerEvents.SESSION_STARTED -> thread.execute(() -> sessionStarted(p));
            case ChargerEvents.SESSION_STOPPED -> thread.execute(() -> sessionStopped(p));
            case ChargerEvents.CARD_ACCEPTED -> thread.execute(() -> transactions.cardAccepted(
                    (String) p.get(ChargerEvents.ID_TAG)));
            default -> thread.execute(() -> statusChanged(ConnectorStatus.Input.of(p)));
        }
    }

    private void sessionStarted(Map<String, Object> p) {
        if (p.get(ChargerEvents.SESSION_ID) instanceof Number id) {
            transactions.sessionStarted(id.longValue(), (String) p.get(ChargerEvents.ID_TAG));
        }
    }

    private void sessionStopped(Map<String, Object> p) {
        if (p.get(ChargerEvents.SESSION_ID) instanceof Number id) {
            Object energy = p.get(ChargerEvents.ENERGY_WH);
            transactions.sessionStopped(id.longValue(), (String) p.get(ChargerEvents.END_REASON),
                    energy instanceof Number n ? n.doubleValue() : 0);
        }
    }

    @Deactivate
    void deactivate() {
        if (thread == null) {
            return;
        }
        if (reservationLimit != null) {
            reservationLimit.unregister();
        }
        thread.execute(connection::stop);
        thread.execute(reset::close);
        thread.execute(aligned::close);
        thread.execute(management::close);
        thread.execute(transactions::close);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(3, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // the JDK's WebSocket client has no close(): its selector thread ends once the client is collected
        connection.releaseClient();
    }

    /** The client started while the core was initialising: its first status is awaited (client thread only). */
    private boolean coreStatusAwaited;

    private void readStatusOnce() {
        ChargerStatusService s = statusService;
        if (s != null) {
            chargePoint.statusChanged(ConnectorStatus.Input.of(s.status()));
        }
        closeTransactionsEndedWhileAway();
        // after the stops of a power loss: a kept Inoperative scheduled for their end takes effect
        availability.coreStatus(s == null ? null : s.status().state());
        ChargerStatus now = s == null ? null : s.status();
        Optional<Boolean> inProgress = now == null ? Optional.empty()
                : sessionInProgress(now.state(), now.pilot() == null ? null : now.pilot().name());
        // the core not there or not initialised yet (the pilot not read): its first status after that tells
        coreStatusAwaited = inProgress.isEmpty();
        if (inProgress.orElse(false)) {
            transactions.sessionGoesOn();
        }
    }

    /**
     * Whether the core's session is in progress as the client starts — a vehicle connected (pilot B, C or D): the
     * core resumed its session after a Reset or a restart, and it gets a transaction if none is open
     * ({@link Transactions#sessionGoesOn}); empty while the core initialises (it has not read the pilot yet).
     */
    static Optional<Boolean> sessionInProgress(ChargerState state, String pilot) {
        if (state == null || state == ChargerState.INITIALISING) {
            return Optional.empty();
        }
        return Optional.of("B".equals(pilot) || "C".equals(pilot) || "D".equals(pilot));
    }

    /** A status of the core; the first after the client's start tells whether the core's session goes on. */
    private void statusChanged(ConnectorStatus.Input in) {
        chargePoint.statusChanged(in);
        if (in != null) {
            availability.coreStatus(in.state());
        }
        Optional<Boolean> inProgress = !coreStatusAwaited || in == null ? Optional.empty()
                : sessionInProgress(in.state(), in.pilotState());
        if (inProgress.isPresent()) {
            coreStatusAwaited = false;
            if (inProgress.get()) {
                transactions.sessionGoesOn();
            }
        }
    }

    /** The sessions the core ended before this client was there (read once, at the start; docs/durability.md). */
    private void closeTransactionsEndedWhileAway() {
        SessionHistory h = history;
        if (h == null || transactions.current().isEmpty()) {
            return;
        }
        List<SessionRecord> recent = h.sessions(RECENT_SESSIONS);
        transactions.closeEndedSessions(key -> recent.stream().filter(r -> r.start().toEpochMilli() <= key
                && (r.end() == null || key <= r.end().toEpochMilli()))
                .findFirst().map(r -> new Transactions.Ended(r.endReason(), r.energyWh())));
    }

    /** The vehicle meter in use (the MID meter when selected, manual §5.2.1.2) and the core's session energy. */
    private final class CoreMeter implements Transactions.ChargerMeter {
        @Override
        public OptionalDouble registerWh() {
            ElectricalReading r = vehicleReading();
            return r == null || r.energyWh() == null || r.energyWh().isNaN() ? OptionalDouble.empty()
                    : OptionalDouble.of(r.energyWh());
        }

        @Override
        public OptionalDouble powerW() {
            ElectricalReading r = vehicleReading();
            return r == null || r.powerW() == null ? OptionalDouble.empty() : OptionalDouble.of(r.powerW());
        }

        @Override
        public double sessionEnergyWh() {
            ChargerStatusService s = statusService;
            return s == null ? 0 : s.status().sessionEnergyWh();
        }

        private ElectricalReading vehicleReading() {
            ElectricalReadings r = readings;
            if (r == null) {
                return null;
            }
            return r.all().stream().filter(m -> "VEHICLE".equals(m.role()) && m.inUse() && m.fresh()).findFirst()
                    .orElse(null);
        }
    }

    /** The charging core, when it is there. */
    static final class CoreControl implements Transactions.Control {
        private final Supplier<ChargerControl> control;

        CoreControl(Supplier<ChargerControl> control) {
            this.control = control;
        }

        @Override
        public boolean authorize(String idTag) {
            ChargerControl c = control.get();
            return c != null && c.authorize(idTag).accepted();
        }

        /**
         * RemoteStopTransaction (§5.12) ends the charge: "Charging terminated" until the unplug, which no press of
         * the multifunction button resumes (a pause would be, manual §6.2.1).
         */
        @Override
        public boolean stopCharging() {
            ChargerControl c = control.get();
            return c != null && c.endCharge("Remote").accepted();
        }

        @Override
        public boolean present() {
            return control.get() != null;
        }

        @Override
        public boolean endCharge(String reason) {
            ChargerControl c = control.get();
            return c != null && c.endCharge(reason).accepted();
        }

        @Override
        public boolean stopEnergy() {
            ChargerControl c = control.get();
            return c != null && c.pause().accepted();
        }
    }

    private static ScheduledExecutorService singleThread() {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "infinergi-ocpp");
            t.setDaemon(true);
            return t;
        });
        // cancelled heartbeats and retries leave the queue at once
        ex.setRemoveOnCancelPolicy(true);
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return ex;
    }
}
