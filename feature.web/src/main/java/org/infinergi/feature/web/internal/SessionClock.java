package org.infinergi.feature.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.infinergi.core.charging.api.ChargerEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

/**
 * When the current (or last) session began and ended, from the core's session events (docs/events.md: the
 * {@code sessionId} of STARTED is the plug-in's epoch milliseconds): the Home page's "Duration of the last charging
 * session" (manual §6.1.1 H) beside its energy (G). Kept in memory only: after a restart of this bundle during a
 * session the duration is unknown (null) until the next plug-in, rather than guessed.
 */
@Component(service = {SessionClock.class, EventHandler.class}, property = {
        "event.topics=" + ChargerEvents.SESSION_STARTED, "event.topics=" + ChargerEvents.SESSION_STOPPED })
public final class SessionClock implements EventHandler {

    /** A session's start and, once it has stopped, its end. */
    record Times(Instant start, Instant end) {

        /** How long it lasted, or lasts so far at {@code now}. */
        Duration duration(Instant now) {
            Duration d = Duration.between(start, end == null ? now : end);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    private final Clock clock;
    private volatile Times times;

    @Activate
    public SessionClock() {
        this(Clock.systemUTC());
    }

    SessionClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void handleEvent(Event event) {
        if (ChargerEvents.SESSION_STARTED.equals(event.getTopic())) {
            times = new Times(startOf(event), null);
        } else if (ChargerEvents.SESSION_STOPPED.equals(event.getTopic())) {
            Times t = times;
            Instant end = instant(event.getProperty(ChargerEvents.TIMESTAMP), clock.instant());
            // a STOPPED without its STARTED (this bundle came up mid-session): the plug-in is still in the sessionId
            times = new Times(t == null ? startOf(event) : t.start(), end);
        }
    }

    /** The current session's times, or the last one's; null when none was seen. */
    Times times() {
        return times;
    }

    Instant now() {
        return clock.instant();
    }

    private Instant startOf(Event event) {
        return instant(event.getProperty(ChargerEvents.SESSION_ID), clock.instant());
    }

    private static Instant instant(Object epochMillis, Instant otherwise) {
        return epochMillis instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : otherwise;
    }
}
