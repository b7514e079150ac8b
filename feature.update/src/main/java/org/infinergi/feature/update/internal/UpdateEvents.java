package org.infinergi.feature.update.internal;

import java.util.HashMap;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerEvents;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The update topics of docs/events.md from an announced {@link UpdateStatus}. */
final class UpdateEvents {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateEvents.class);

    private UpdateEvents() {
    }

    /** Posted, not sent: the updater's thread does not wait for listeners; a failing Event Admin changes nothing. */
    static void post(EventAdmin admin, UpdateStatus status) {
        Event event = of(status);
        if (admin == null || event == null) {
            return;
        }
        try {
            admin.postEvent(event);
        } catch (RuntimeException e) {
            LOG.debug("Event {} not posted: {}", event.getTopic(), e.toString());
        }
    }

    /** The event of {@code s}, or null when its state is no announced outcome. */
    static Event of(UpdateStatus s) {
        String topic = switch (s.state()) {
            case POSTPONED -> ChargerEvents.UPDATE_STAGED;
            case DONE -> ChargerEvents.UPDATE_APPLIED;
            case FAILED -> ChargerEvents.UPDATE_FAILED;
            default -> null;
        };
        if (topic == null) {
            return null;
        }
        Map<String, Object> p = new HashMap<>();
        put(p, ChargerEvents.BUNDLE, s.symbolicName());
        put(p, ChargerEvents.FROM_VERSION, s.fromVersion());
        put(p, ChargerEvents.TO_VERSION, s.toVersion());
        if (s.state() != UpdateState.DONE) {
            put(p, ChargerEvents.REASON, s.message());
        }
        p.put(ChargerEvents.TIMESTAMP, s.since().toEpochMilli());
        return new Event(topic, p);
    }

    private static void put(Map<String, Object> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
