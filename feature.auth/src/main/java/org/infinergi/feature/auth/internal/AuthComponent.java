package org.infinergi.feature.auth.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.infinergi.core.charging.api.Authorization;
import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.hal.CardListener;
import org.infinergi.feature.auth.api.AuthMode;
import org.infinergi.feature.auth.api.AuthOutcome;
import org.infinergi.feature.auth.api.AuthenticationStatus;
import org.infinergi.feature.auth.api.CentralAuthorization;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charge authentication (manual §5.7): tells the core whether a vehicle must wait for a user ({@link Authorization}),
 * decides on each presented card ({@link CardListener}, called by the RFID reader driver) and asks the core to
 * authorize a valid one ({@link ChargerControl#authorize(String)}), and publishes the mode and the last outcome
 * ({@link AuthenticationStatus}) and tells Event Admin of each card and its outcome (docs/events.md: the logo's
 * authentication rows, manual §8).
 *
 * <p>The core is an optional dynamic reference: the core references this component's {@link Authorization}, so a
 * mandatory reference back would be a cycle; without a core a valid card is refused ("charging core not running").
 */
@Component(service = {Authorization.class, CardListener.class, AuthenticationStatus.class, AuthView.class,
        ConfigurationOwner.class},
        configurationPid = AuthSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AuthConfig.class)
public final class AuthComponent implements Authorization, CardListener, AuthView, ConfigurationOwner {

    private static final Logger LOG = LoggerFactory.getLogger(AuthComponent.class);

    /** Settings and the current configuration error (null when the last configuration was accepted), swapped as one. */
    private record State(AuthSettings settings, String configurationError, List<ConfigurationRejection> rejections) {
    }

    private final Clock clock;
    private volatile State state;
    private volatile AuthOutcome lastOutcome;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ChargerControl control;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    /** The central system of the Centralized modes (manual §5.7): the OCPP client, when installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CentralAuthorization central;

    /** Admin's "Add new" by swiping (manual §5.7.2): while its window is open the next card is learned, not used. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile LocalListAdmin learning;

    @Activate
    public AuthComponent(Map<String, Object> config) {
        this(config, Clock.systemUTC());
    }

    AuthComponent(Map<String, ?> config, Clock clock) {
        this.clock = clock;
        apply(config, AuthSettings.LOCKED, true);
    }

    @Modified
    void modified(Map<String, Object> config) {
        apply(config, state.settings(), false);
    }

    private void apply(Map<String, ?> config, AuthSettings previous, boolean first) {
        AuthSettings.Parsed parsed = AuthSettings.parse(config);
        if (parsed.settings() != null) {
            state = new State(parsed.settings(), null, List.of());
            LOG.info("Authentication mode {}: {} card(s) in the local list, {} blocked", parsed.settings().mode(),
                    parsed.settings().cards().size(), parsed.settings().blockedCards().size());
            return;
        }
        String message = String.join("; ", parsed.errors());
        state = new State(previous, message, parsed.rejections());
        LOG.error("Configuration rejected: {} — {}", message, first
                ? "authentication stays required and no card is valid until it is fixed"
                : "the previous valid configuration (mode " + previous.mode() + ") stays in force");
    }

    @Override
    public boolean required() {
        return state.settings().required();
    }

    @Override
    public AuthMode mode() {
        return state.settings().mode();
    }

    @Override
    public Optional<AuthOutcome> lastOutcome() {
        return Optional.ofNullable(lastOutcome);
    }

    @Override
    public AuthSettings settings() {
        return state.settings();
    }

    @Override
    public String configurationError() {
        return state.configurationError();
    }

    /** Listed by the core with every other rejected configuration ({@code /api/status}, {@code charger:status}). */
    @Override
    public List<ConfigurationRejection> rejections() {
        return state.rejections();
    }

    @Override
    public void cardPresented(String uid) {
        String card = uid == null ? "" : uid.trim().toUpperCase(Locale.ROOT);
        LocalListAdmin l = learning;
        if (l != null && l.offer(card)) {
            return; // stored as a new card of the list (§5.7.2), in any mode: no authentication
        }
        State s = state;
        if (!s.settings().required()) {
            // Mode FREE: nobody waits for a card, so a swipe is no authentication (and no logo signal).
            LOG.debug("Card {} ignored: authentication is not required (mode FREE)", card);
            return;
        }
        post(ChargerEvents.CARD_PRESENTED, card, null);
        CardDecision d = CardDecision.of(s.settings(), s.configurationError(), card);
        if (d.askCentral()) {
            askCentralSystem(card);
            return;
        }
        if (!d.valid()) {
            outcome(false, card, d.reason());
            return;
        }
        authorizeWithTheCore(card, d);
    }

    /**
     * Manual §5.7 Centralized: the central system's answer comes later, on its thread; the reader does not wait.
     * When it cannot be reached, its OCPP client may still accept the card from the central system's own local
     * authorization list or its authorization cache (OCPP 1.6 §3.5, keys LocalAuthorizeOffline,
     * AllowOfflineTxForUnknownId): a verdict accepted but not reached, which authorizes as well (README: one
     * decision, this list first).
     */
    private void askCentralSystem(String card) {
        CentralAuthorization ca = central;
        if (ca == null) {
            outcome(false, card, "no central system available to validate the card (mode " + mode() + ")");
            return;
        }
        ca.authorize(card).whenComplete((v, error) -> {
            if (v != null && v.accepted()) {
                authorizeWithTheCore(card, new CardDecision(true, v.reached() ? "accepted by the central system"
                        : "accepted for the central system while it is not reached (" + v.status() + ")"));
            } else if (v != null && v.reached()) {
                outcome(false, card, "refused by the central system (" + v.status() + ")");
            } else {
                outcome(false, card, "the central system could not be asked ("
                        + (v != null ? v.status() : String.valueOf(error)) + ")");
            }
        });
    }

    private void authorizeWithTheCore(String card, CardDecision d) {
        ChargerControl c = control;
        if (c == null) {
            outcome(false, card, d.reason() + ", but the charging core is not running");
            return;
        }
        ChargerControl.Result r = c.authorize(card);
        outcome(r.accepted(), card, r.accepted() ? d.reason() + ": " + r.message()
                : d.reason() + ", but the charger refused it: " + r.message());
    }

    private void outcome(boolean accepted, String uid, String reason) {
        lastOutcome = new AuthOutcome(accepted, uid, reason, clock.instant());
        LOG.info("Card {} {}: {}", uid, accepted ? "accepted" : "refused", reason);
        post(accepted ? ChargerEvents.CARD_ACCEPTED : ChargerEvents.CARD_REFUSED, uid, reason);
    }

    /** Asynchronously: the reader's thread does not wait for the listeners (the panel, a central system). */
    private void post(String topic, String uid, String reason) {
        EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ChargerEvents.ID_TAG, uid);
        if (reason != null) {
            p.put(ChargerEvents.REASON, reason);
        }
        p.put(ChargerEvents.TIMESTAMP, clock.millis());
        try {
            admin.postEvent(new Event(topic, p));
        } catch (RuntimeException e) {
            LOG.debug("Event {} not posted: {}", topic, e.toString());
        }
    }
}
