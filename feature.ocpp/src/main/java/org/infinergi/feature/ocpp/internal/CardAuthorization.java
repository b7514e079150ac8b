package org.infinergi.feature.ocpp.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an id tag may start a charge, as OCPP 1.6 §3.5 and §4.1 have the charge point decide it: the central
 * system's Authorize when it can be asked, otherwise the {@link LocalAuthorization} (local list, then cache) per the
 * keys {@code LocalAuthorizeOffline}, {@code LocalPreAuthorize} and {@code AllowOfflineTxForUnknownId}.
 * Every Authorize.conf feeds the cache.
 *
 * <p>On the OCPP client's one thread only.
 */
final class CardAuthorization {

    /**
     * The decision on an id tag.
     *
     * @param reached true when the central system answered it (Authorize.conf); false when the charger decided alone
     * @param status  the AuthorizationStatus (Accepted, Blocked, Expired, Invalid, ConcurrentTx), or null when
     *                nobody could decide (the central system not reached and nothing local applies)
     * @param why     a sentence: who decided and how
     */
    record Answer(boolean reached, String status, String why) {
        boolean accepted() {
            return IdTagInfo.ACCEPTED.equals(status);
        }
    }

    private final Logger log = LoggerFactory.getLogger(CardAuthorization.class);
    private final ChargePoint chargePoint;
    private final Frames frames;
    private final ConfigurationKeys keys;
    private final LocalAuthorization local;
    private final Clock clock;

    CardAuthorization(ChargePoint chargePoint, Frames frames, ConfigurationKeys keys, LocalAuthorization local,
            Clock clock) {
        this.chargePoint = chargePoint;
        this.frames = frames;
        this.keys = keys;
        this.local = local;
        this.clock = clock;
    }

    LocalAuthorization local() {
        return local;
    }

    /**
     * Decides on {@code idTag}; {@code answer} gets the decision, at once when the charger decides alone, or once the
     * central system answered.
     */
    void authorize(String idTag, Consumer<Answer> answer) {
        String tag = Transactions.cut(idTag);
        if (!chargePoint.accepted()) {
            answer.accept(offline(tag));
            return;
        }
        Optional<Answer> pre = preAuthorized(tag);
        if (pre.isPresent()) {
            answer.accept(pre.get());
            return;
        }
        chargePoint.call("Authorize", frames.object().put("idTag", tag), conf -> {
            if (conf == null) {
                // an error, no answer in time, the connection lost: as offline
                answer.accept(offline(tag));
                return;
            }
            local.remember(tag, conf.get("idTagInfo"));
            String status = conf.path("idTagInfo").path("status").asText();
            answer.accept(new Answer(true, status, "the central system answered " + status));
        });
    }

    /**
     * §9.1.18 LocalPreAuthorize: online, an id tag the list or the cache holds as valid starts at once, without
     * waiting for the central system (its StartTransaction.conf still judges it: StopTransactionOnInvalidId).
     */
    private Optional<Answer> preAuthorized(String tag) {
        if (!keys.flag(ConfigurationKeys.LOCAL_PRE_AUTHORIZE)) {
            return Optional.empty();
        }
        return local.lookup(tag).filter(k -> k.info().validAt(clock.instant()))
                .map(k -> new Answer(false, IdTagInfo.ACCEPTED, "accepted at once from the " + name(k.source())
                        + " (LocalPreAuthorize)"));
    }

    /**
     * The central system cannot be asked. §9.1.15 LocalAuthorizeOffline: the list or the cache decides an id tag it
     * holds (an expired entry is Expired); §9.1.1 AllowOfflineTxForUnknownId: an id tag neither holds may charge.
     */
    private Answer offline(String tag) {
        Optional<LocalAuthorization.Known> known = local.lookup(tag);
        if (known.isPresent() && keys.flag(ConfigurationKeys.LOCAL_AUTHORIZE_OFFLINE)) {
            String status = known.get().info().statusAt(clock.instant());
            log.info("OCPP: central system not reached; id tag {} is {} in the {}", tag, status,
                    name(known.get().source()));
            return new Answer(false, status, status + " in the " + name(known.get().source())
                    + " (central system not reached, LocalAuthorizeOffline)");
        }
        if (known.isEmpty() && keys.flag(ConfigurationKeys.ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID)) {
            log.info("OCPP: central system not reached; unknown id tag {} allowed (AllowOfflineTxForUnknownId)", tag);
            return new Answer(false, IdTagInfo.ACCEPTED,
                    "an unknown id tag allowed while the central system is not reached (AllowOfflineTxForUnknownId)");
        }
        return new Answer(false, null, "the central system could not be asked (offline, not registered or no "
                + "answer)");
    }

    private static String name(LocalAuthorization.Source s) {
        return s == LocalAuthorization.Source.LOCAL_LIST ? "local authorization list" : "authorization cache";
    }
}
