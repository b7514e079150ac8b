package org.infinergi.feature.auth.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.infinergi.feature.auth.api.AuthMode;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin → RFID authentication (manual §7.1.2, §5.7.2): the mode and the current list, changed by writing the
 * configuration of PID {@value AuthSettings#PID} (so {@link AuthComponent} applies them like any other configuration,
 * and the change is kept where the installer's {@code .cfg} is), and "Add new" by swiping the card at the reader
 * within one minute: while the window is open the next card read is stored as valid instead of being an
 * authentication ({@link #offer}).
 *
 * <p>Every change reads the stored configuration, changes one thing and writes it back under this object's lock, so
 * two admins clicking at once do not lose one of the changes.
 */
@Component(service = LocalListAdmin.class)
public final class LocalListAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(LocalListAdmin.class);

    /** Manual §5.7.2: "swiping it directly on the reader (within 1 minute)". */
    static final Duration LEARNING_WINDOW = Duration.ofMinutes(1);

    /** Where "Add new" by swiping stands. */
    enum LearningState { IDLE, WAITING, LEARNED, EXPIRED, CANCELLED }

    /** The learning window: its state, the card it learned (or null), when it closes, what happened. */
    record Learning(LearningState state, String uid, Instant until, String message) {
    }

    /** One card of the current list. */
    record Card(String uid, boolean blocked) {
    }

    /** A change refused: the HTTP-like status and a message naming what was wrong. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String field;

        Refused(int status, String field, String message) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
        }
    }

    private final ConfigurationAdmin configAdmin;
    private final Clock clock;
    private Learning learning = new Learning(LearningState.IDLE, null, null, null);

    @Activate
    public LocalListAdmin(@Reference ConfigurationAdmin configAdmin) {
        this(configAdmin, Clock.systemUTC());
    }

    LocalListAdmin(ConfigurationAdmin configAdmin, Clock clock) {
        this.configAdmin = configAdmin;
        this.clock = clock;
    }

    /** The stored settings (what the admin set last; {@link AuthComponent} applies them). */
    synchronized AuthSettings stored() throws Refused {
        AuthSettings.Parsed p = AuthSettings.parse(properties());
        if (p.settings() == null) {
            throw new Refused(409, null, "the stored configuration is invalid, fix it first: "
                    + String.join("; ", p.errors()));
        }
        return p.settings();
    }

    /** The current list in its order, each card with whether it is blocked. */
    synchronized List<Card> cards() throws Refused {
        AuthSettings s = stored();
        List<Card> out = new ArrayList<>();
        for (String uid : orderedCards()) {
            out.add(new Card(uid, s.blockedCards().contains(uid)));
        }
        return out;
    }

    /** Manual §7.1.2 "Mode". */
    synchronized void setMode(String mode) throws Refused {
        AuthMode m;
        try {
            m = AuthMode.valueOf(mode);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refused(400, "mode", "unknown mode '" + mode + "'; allowed: " + allowedModes());
        }
        stored();
        Map<String, Object> p = properties();
        p.put("mode", m.name());
        write(p);
    }

    /** Manual §5.7.2 "entering its ID manually": stored as valid (§5.7 "Each new card is stored as valid"). */
    synchronized void add(String uid) throws Refused {
        String card = uidOf(uid);
        stored();
        List<String> cards = orderedCards();
        if (cards.contains(card)) {
            throw new Refused(409, "uid", "card " + card + " is already in the list");
        }
        cards.add(card);
        Map<String, Object> p = properties();
        p.put("cards", String.join(",", cards));
        write(p);
    }

    /** Manual §5.7: block a stored card without removing it, or reactivate it. */
    synchronized void block(String uid, boolean blocked) throws Refused {
        String card = listed(uid);
        Set<String> set = new LinkedHashSet<>(ordered(properties().get("blockedCards")));
        if (blocked) {
            set.add(card);
        } else {
            set.remove(card);
        }
        Map<String, Object> p = properties();
        p.put("blockedCards", String.join(",", set));
        write(p);
    }

    /** Manual §5.7.1 "remove an existing one": out of the list, and out of the blocked ones. */
    synchronized void remove(String uid) throws Refused {
        String card = listed(uid);
        List<String> cards = orderedCards();
        cards.remove(card);
        List<String> blocked = ordered(properties().get("blockedCards"));
        blocked.remove(card);
        Map<String, Object> p = properties();
        p.put("cards", String.join(",", cards));
        p.put("blockedCards", String.join(",", blocked));
        write(p);
    }

    /** "Add new" by swiping: the next card read within one minute is stored as valid. */
    synchronized Learning startLearning() {
        learning = new Learning(LearningState.WAITING, null, clock.instant().plus(LEARNING_WINDOW),
                "swipe the new card at the reader within one minute");
        LOG.info("Waiting up to {} s for a new card at the reader", LEARNING_WINDOW.toSeconds());
        return learning;
    }

    synchronized Learning cancelLearning() {
        if (learning().state() == LearningState.WAITING) {
            learning = new Learning(LearningState.CANCELLED, null, learning.until(), "cancelled");
        }
        return learning;
    }

    /** The window's state; an open window past its minute reads EXPIRED. */
    synchronized Learning learning() {
        if (learning.state() == LearningState.WAITING && !clock.instant().isBefore(learning.until())) {
            learning = new Learning(LearningState.EXPIRED, null, learning.until(), "no card was swiped within one minute");
        }
        return learning;
    }

    /**
     * A card read at the reader. While the window is open it is taken here: stored as valid (or found already in the
     * list), the window closes, and the card is no authentication (true). Otherwise false: the card is an ordinary
     * swipe.
     */
    synchronized boolean offer(String uid) {
        if (learning().state() != LearningState.WAITING) {
            return false;
        }
        String card;
        try {
            card = uidOf(uid);
        } catch (Refused e) {
            learning = new Learning(LearningState.WAITING, null, learning.until(), "card not learned: " + e.getMessage());
            return true;
        }
        try {
            add(card);
            learning = new Learning(LearningState.LEARNED, card, learning.until(), "card " + card + " added as valid");
        } catch (Refused e) {
            learning = new Learning(LearningState.LEARNED, card, learning.until(), e.getMessage());
        }
        LOG.info("Learned card {}: {}", card, learning.message());
        return true;
    }

    static String allowedModes() {
        List<String> names = new ArrayList<>();
        for (AuthMode m : AuthMode.values()) {
            names.add(m.name());
        }
        return String.join("|", names);
    }

    private static String uidOf(String uid) throws Refused {
        if (uid == null || uid.isBlank()) {
            throw new Refused(400, "uid", "uid is required: the card ID in hexadecimal, 4 to 10 bytes");
        }
        String card = uid.trim();
        String why = AuthSettings.uidProblem(card);
        if (why != null) {
            throw new Refused(400, "uid", "uid " + card + " is no card ID: " + why);
        }
        return card.toUpperCase(Locale.ROOT);
    }

    private String listed(String uid) throws Refused {
        String card = uidOf(uid);
        stored();
        if (!orderedCards().contains(card)) {
            throw new Refused(404, "uid", "card " + card + " is not in the list");
        }
        return card;
    }

    private List<String> orderedCards() {
        return ordered(properties().get("cards"));
    }

    /** The UIDs of a stored list key in their order, upper case (a String[] or the .cfg's comma string). */
    private static List<String> ordered(Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof String[] a) {
            Collections.addAll(raw, a);
        } else if (value instanceof Iterable<?> i) {
            i.forEach(o -> raw.add(String.valueOf(o)));
        } else if (value != null) {
            raw.add(value.toString());
        }
        Set<String> out = new LinkedHashSet<>();
        for (String r : raw) {
            for (String token : r.split("[,\\s]+")) {
                if (!token.isEmpty()) {
                    out.add(token.toUpperCase(Locale.ROOT));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private Configuration configuration() throws IOException {
        return configAdmin.getConfiguration(AuthSettings.PID, "?");
    }

    private Map<String, Object> properties() {
        Map<String, Object> out = new HashMap<>();
        try {
            Dictionary<String, Object> d = configuration().getProperties();
            if (d != null) {
                for (Enumeration<String> k = d.keys(); k.hasMoreElements();) {
                    String key = k.nextElement();
                    out.put(key, d.get(key));
                }
            }
        } catch (IOException e) {
            LOG.error("Cannot read the configuration of {}: {}", AuthSettings.PID, e.toString());
        }
        return out;
    }

    /** Validated as AuthComponent will validate it, then stored. */
    private void write(Map<String, Object> p) throws Refused {
        AuthSettings.Parsed parsed = AuthSettings.parse(p);
        if (parsed.settings() == null) {
            throw new Refused(400, null, String.join("; ", parsed.errors()));
        }
        // every other key stays, felix.fileinstall.filename too: by it the change goes back to the installer's .cfg
        Dictionary<String, Object> d = new Hashtable<>();
        p.forEach((k, v) -> {
            if (!"service.pid".equals(k)) {
                d.put(k, v);
            }
        });
        try {
            configuration().update(d);
        } catch (IOException e) {
            throw new Refused(500, null, "the configuration could not be stored");
        }
    }
}
