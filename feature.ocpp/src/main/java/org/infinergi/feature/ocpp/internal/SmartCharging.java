package org.infinergi.feature.ocpp.internal;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.feature.ocpp.internal.ChargingProfile.Kind;
import org.infinergi.feature.ocpp.internal.ChargingProfile.Purpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Smart Charging profile of OCPP 1.6 (§3.13, §5.16 SetChargingProfile, §5.5 ClearChargingProfile, §5.7
 * GetCompositeSchedule): the central system's charging profiles, checked, kept across restarts ({@link ProfileStore})
 * and applied as a limit of the charger ({@link #currentLimit()}, ARCHITECTURE.md "limits compose by minimum"), whose
 * source names the profile that sets it, so "why is my current limited" answers "OCPP charging profile 7
 * (TxProfile)". The profiles only ever lower the current: the core takes the minimum of every limit, and below 6 A it
 * offers nothing (IEC 61851-1). They apply in every active mode — a central system that set a limit expects it kept —
 * and offline too (they are stored); a TxProfile ends with its transaction.
 *
 * <p>The handlers run on the OCPP thread; {@link #currentLimit()} is read by the core's control loop from one
 * volatile list and one volatile transaction, never blocking.
 */
final class SmartCharging implements TransactionListener {

    /** The limit's source while no profile is in effect. */
    static final String SOURCE = "OCPP charging profiles";
    /** No profile in effect: a limit that never wins (the charger's own limits are lower). */
    static final double NO_LIMIT_A = 80.0;

    /** The transaction on connector 1 as the profiles see it. */
    record Tx(boolean open, Integer id, Instant start) {
        static final Tx NONE = new Tx(false, null, null);
    }

    private final Logger log = LoggerFactory.getLogger(SmartCharging.class);
    private final Frames frames;
    private final ConfigurationKeys keys;
    private final ProfileStore store;
    private final Clock clock;
    private final IntSupplier phases;
    private final int ratedA;
    private volatile List<ChargingProfile> profiles;
    private volatile Tx tx = Tx.NONE;
    /** The chargingProfile of the RemoteStartTransaction accepted last, until its transaction starts. */
    private ObjectNode remoteProfile;

    /**
     * @param chargePoint registers the three calls; null: the limit of the stored profiles only
     * @param phases      the phases the car uses now (watts → amperes)
     * @param ratedA      the charger's rated current, the composite schedule where no profile is in effect
     */
    SmartCharging(ChargePoint chargePoint, Frames frames, ConfigurationKeys keys, ProfileStore store, Clock clock,
            IntSupplier phases, int ratedA) {
        this.frames = frames;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
        this.phases = phases;
        this.ratedA = ratedA;
        this.profiles = List.copyOf(store.load());
        if (chargePoint != null) {
            chargePoint.handle("SetChargingProfile", this::setChargingProfile);
            chargePoint.handle("ClearChargingProfile", this::clearChargingProfile);
            chargePoint.handle("GetCompositeSchedule", this::getCompositeSchedule);
        }
        if (!profiles.isEmpty()) {
            log.info("OCPP: {} charging profile(s) kept from before: {}", profiles.size(),
                    profiles.stream().map(ChargingProfile::label).toList());
        }
    }

    List<ChargingProfile> profiles() {
        return profiles;
    }

    // ---- the limit (the core's control loop) ----

    /** The limit of the profiles in effect now on connector 1, named after the one that sets it. */
    Limit currentLimit() {
        Instant now = clock.instant();
        Optional<CompositeSchedule.Effective> e = CompositeSchedule.at(profiles, 1, now, now, context());
        if (e.isEmpty()) {
            return new Limit(NO_LIMIT_A, SOURCE, "no charging profile in effect");
        }
        ChargingProfile p = e.get().profile();
        return new Limit(e.get().amps(), p.label(), String.format(Locale.ROOT,
                "set by the central system: stack level %d, %.1f A per phase now", p.stackLevel(), e.get().amps()));
    }

    private CompositeSchedule.Context context() {
        Tx t = tx;
        return new CompositeSchedule.Context(t.open(), t.id(), t.start(), Math.max(1, phases.getAsInt()));
    }

    // ---- the transaction (TransactionListener, OCPP thread) ----

    @Override
    public void started(long txKey, Integer transactionId, boolean confirmed) {
        tx = new Tx(true, transactionId, Instant.ofEpochMilli(txKey));
        ObjectNode p = remoteProfile;
        remoteProfile = null;
        if (confirmed && p != null) {
            installRemoteStartProfile(p);
        }
    }

    /** §5.11: a RemoteStartTransaction's chargingProfile is the TxProfile of the transaction it starts. */
    @Override
    public void remoteStartAccepted(ObjectNode request) {
        remoteProfile = request.has("chargingProfile") ? (ObjectNode) request.get("chargingProfile") : null;
    }

    private void installRemoteStartProfile(ObjectNode profile) {
        ObjectNode req = frames.object().put("connectorId", Transactions.CONNECTOR);
        req.set("csChargingProfiles", profile);
        if (!"TxProfile".equals(profile.path("chargingProfilePurpose").asText())) {
            log.warn("OCPP: the RemoteStartTransaction's charging profile is no TxProfile; not installed");
            return;
        }
        String status = setChargingProfile(req).get("status").asText();
        log.info("OCPP: the RemoteStartTransaction's charging profile for the transaction: {}", status);
    }

    @Override
    public void confirmed(long txKey, int transactionId, String idTagStatus) {
        Tx t = tx;
        if (t.open() && t.start().toEpochMilli() == txKey) {
            tx = new Tx(true, transactionId, t.start());
        }
    }

    /** OCPP 1.6 §3.13.3: a TxProfile ends with its transaction. */
    @Override
    public void stopped(long txKey) {
        Tx t = tx;
        if (t.open() && t.start().toEpochMilli() == txKey) {
            tx = Tx.NONE;
        }
        dropTxProfilesWithoutTransaction();
    }

    /** TxProfiles kept from a transaction that is no longer open are removed (at the start, and at every stop). */
    void dropTxProfilesWithoutTransaction() {
        if (!tx.open()) {
            replace(p -> p.purpose() == Purpose.TxProfile, null, "its transaction ended");
        }
    }

    // ---- the central system's calls (OCPP thread) ----

    /** §5.16: Accepted and kept, replacing one of the same id or the same stack level and purpose; or Rejected. */
    ObjectNode setChargingProfile(ObjectNode req) {
        int connectorId = req.get("connectorId").asInt();
        ChargingProfile p;
        try {
            p = ChargingProfile.of(connectorId, (ObjectNode) req.get("csChargingProfiles"));
        } catch (RuntimeException e) {
            return status("Rejected", "unreadable profile: " + e.getMessage());
        }
        String why = rejection(p, tx, profiles, keys);
        if (why != null) {
            return status("Rejected", "profile " + p.id() + ": " + why);
        }
        try {
            replace(q -> q.id() == p.id() || q.stackLevel() == p.stackLevel() && q.purpose() == p.purpose(), p,
                    "replaced by profile " + p.id());
        } catch (UncheckedIOException e) {
            return status("Rejected", "profile " + p.id() + " cannot be stored: " + e.getMessage());
        }
        log.info("OCPP: {} installed on connector {} (stack level {}, {} period(s) in {})", p.label(), connectorId,
                p.stackLevel(), p.periods().size(), p.unit());
        return frames.object().put("status", "Accepted");
    }

    /**
     * Why SetChargingProfile of {@code p} is Rejected, or null when it may be installed (OCPP 1.6 §3.13, §5.16 and the
     * Smart Charging keys).
     */
    static String rejection(ChargingProfile p, Tx tx, List<ChargingProfile> installed, ConfigurationKeys keys) {
        if (p.connectorId() != 0 && p.connectorId() != Transactions.CONNECTOR) {
            return "connector " + p.connectorId() + " does not exist";
        }
        if (p.purpose() == Purpose.ChargePointMaxProfile && p.connectorId() != 0) {
            return "a ChargePointMaxProfile belongs to connector 0";
        }
        if (p.purpose() == Purpose.TxProfile && p.connectorId() == 0) {
            return "a TxProfile belongs to a connector with a transaction, not 0";
        }
        if (p.purpose() == Purpose.TxProfile && !tx.open()) {
            return "no transaction is open for a TxProfile";
        }
        if (p.purpose() == Purpose.TxProfile && p.transactionId() != null && !p.transactionId().equals(tx.id())) {
            return "transaction " + p.transactionId() + " is not the open one (" + tx.id() + ")";
        }
        if (p.purpose() != Purpose.TxProfile && p.transactionId() != null) {
            return "only a TxProfile names a transaction";
        }
        if (p.purpose() == Purpose.ChargePointMaxProfile && p.kind() == Kind.Relative) {
            return "a ChargePointMaxProfile cannot be Relative (it has no transaction to start with)";
        }
        if (p.stackLevel() < 0 || p.stackLevel() > keys.intValue(ConfigurationKeys.CHARGE_PROFILE_MAX_STACK_LEVEL)) {
            return "stack level " + p.stackLevel() + " outside 0.." + keys.intValue(
                    ConfigurationKeys.CHARGE_PROFILE_MAX_STACK_LEVEL);
        }
        List<String> units = Arrays.stream(keys.value(ConfigurationKeys.CHARGING_SCHEDULE_ALLOWED_CHARGING_RATE_UNIT)
                .split(",")).map(String::trim).map(u -> "Current".equals(u) ? "A" : "Power".equals(u) ? "W" : u)
                .toList();
        if (!units.contains(p.unit())) {
            return "charging rate unit " + p.unit() + " not allowed";
        }
        if (p.periods().isEmpty()
                || p.periods().size() > keys.intValue(ConfigurationKeys.CHARGING_SCHEDULE_MAX_PERIODS)) {
            return p.periods().size() + " periods, 1.." + keys.intValue(ConfigurationKeys.CHARGING_SCHEDULE_MAX_PERIODS)
                    + " allowed";
        }
        if (p.periods().get(0).startPeriod() != 0) {
            return "the first period must start at 0";
        }
        for (int i = 1; i < p.periods().size(); i++) {
            if (p.periods().get(i).startPeriod() <= p.periods().get(i - 1).startPeriod()) {
                return "periods must start in increasing order";
            }
        }
        for (ChargingProfile.Period q : p.periods()) {
            if (q.limit() < 0 || q.numberPhases() != null && (q.numberPhases() < 1 || q.numberPhases() > 3)) {
                return "a period's limit is negative or its number of phases not 1..3";
            }
        }
        if (p.minChargingRate() != null && p.minChargingRate() < 0 || p.duration() != null && p.duration() <= 0) {
            return "a negative minChargingRate or a duration not above 0";
        }
        if (p.kind() == Kind.Recurring && (p.recurrency() == null || p.startSchedule() == null)) {
            return "a Recurring profile needs recurrencyKind and startSchedule";
        }
        if (p.kind() != Kind.Recurring && p.recurrency() != null) {
            return "recurrencyKind belongs to a Recurring profile";
        }
        if (p.kind() == Kind.Absolute && p.startSchedule() == null) {
            return "an Absolute profile needs startSchedule";
        }
        if (p.validFrom() != null && p.validTo() != null && !p.validTo().isAfter(p.validFrom())) {
            return "validTo is not after validFrom";
        }
        long kept = installed.stream().filter(q -> q.id() != p.id()
                && !(q.stackLevel() == p.stackLevel() && q.purpose() == p.purpose())).count();
        if (kept >= keys.intValue(ConfigurationKeys.MAX_CHARGING_PROFILES_INSTALLED)) {
            return "already " + kept + " profiles installed (MaxChargingProfilesInstalled)";
        }
        return null;
    }

    /** §5.5: the profile of {@code id}, or those matching every criterion given (none: all); Unknown if none. */
    ObjectNode clearChargingProfile(ObjectNode req) {
        Predicate<ChargingProfile> match;
        if (req.has("id")) {
            int id = req.get("id").asInt();
            match = p -> p.id() == id;
        } else {
            match = p -> (!req.has("connectorId") || p.connectorId() == req.get("connectorId").asInt())
                    && (!req.has("chargingProfilePurpose")
                            || p.purpose().name().equals(req.get("chargingProfilePurpose").asText()))
                    && (!req.has("stackLevel") || p.stackLevel() == req.get("stackLevel").asInt());
        }
        if (profiles.stream().noneMatch(match)) {
            return frames.object().put("status", "Unknown");
        }
        try {
            replace(match, null, "cleared by the central system");
        } catch (UncheckedIOException e) {
            log.error("OCPP: ClearChargingProfile: {}", e.getMessage());
            return frames.object().put("status", "Unknown");
        }
        return frames.object().put("status", "Accepted");
    }

    /** §5.7: the limit on the connector from now for {@code duration} seconds, in the unit asked (A by default). */
    ObjectNode getCompositeSchedule(ObjectNode req) {
        int connectorId = req.get("connectorId").asInt();
        int duration = req.get("duration").asInt();
        String unit = req.has("chargingRateUnit") ? req.get("chargingRateUnit").asText() : "A";
        if (connectorId != 0 && connectorId != Transactions.CONNECTOR || duration <= 0) {
            return frames.object().put("status", "Rejected");
        }
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CompositeSchedule.Context c = context();
        List<CompositeSchedule.Slot> slots = CompositeSchedule.schedule(profiles, connectorId, start, duration, unit,
                c, ratedA);
        ObjectNode conf = frames.object().put("status", "Accepted").put("connectorId", connectorId)
                .put("scheduleStart", start.toString());
        ObjectNode schedule = conf.putObject("chargingSchedule").put("duration", duration)
                .put("startSchedule", start.toString()).put("chargingRateUnit", unit);
        ArrayNode periods = schedule.putArray("chargingSchedulePeriod");
        for (CompositeSchedule.Slot s : slots) {
            periods.addObject().put("startPeriod", s.startPeriod()).put("limit", s.limit());
        }
        return conf;
    }

    /** Removes the profiles {@code gone} matches, adds {@code added} (if any), stores the set, then applies it. */
    private void replace(Predicate<ChargingProfile> gone, ChargingProfile added, String why) {
        List<ChargingProfile> next = new ArrayList<>();
        for (ChargingProfile p : profiles) {
            if (gone.test(p)) {
                log.info("OCPP: {} removed: {}", p.label(), why);
            } else {
                next.add(p);
            }
        }
        if (added != null) {
            next.add(added);
        }
        if (next.size() == profiles.size() && added == null) {
            return;
        }
        store.save(next);
        profiles = List.copyOf(next);
    }

    private ObjectNode status(String status, String why) {
        log.info("OCPP: SetChargingProfile {}: {}", status, why);
        return frames.object().put("status", status);
    }
}
