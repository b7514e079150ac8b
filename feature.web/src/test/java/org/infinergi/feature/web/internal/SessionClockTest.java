package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerEvents;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SessionClockTest {

    private static final Instant PLUG_IN = Instant.parse("2026-12-07T10:00:00Z");
    private final Instant now = PLUG_IN.plusSeconds(754);
    private final SessionClock clock = new SessionClock(Clock.fixed(now, ZoneOffset.UTC));
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aSessionLastsFromItsPlugInUntilNow_thenUntilItStopped() {
        clock.handleEvent(new Event(ChargerEvents.SESSION_STARTED,
                Map.of(ChargerEvents.SESSION_ID, PLUG_IN.toEpochMilli(), ChargerEvents.TIMESTAMP, PLUG_IN.toEpochMilli())));
        assertEquals(Duration.ofSeconds(754), clock.times().duration(clock.now()));

        Instant unplug = PLUG_IN.plusSeconds(600);
        clock.handleEvent(new Event(ChargerEvents.SESSION_STOPPED,
                Map.of(ChargerEvents.SESSION_ID, PLUG_IN.toEpochMilli(), ChargerEvents.TIMESTAMP, unplug.toEpochMilli())));
        ObjectNode status = mapper.createObjectNode();
        JsonViews.sessionTimes(status, clock);
        assertEquals("2026-12-07T10:00:00Z", status.get("sessionStart").asText());
        assertEquals("2026-12-07T10:10:00Z", status.get("sessionEnd").asText());
        assertEquals(600, status.get("sessionDurationS").asLong());
    }

    @Test
    void aStopWithoutItsStartStillKnowsThePlugInFromTheSessionId() {
        clock.handleEvent(new Event(ChargerEvents.SESSION_STOPPED,
                Map.of(ChargerEvents.SESSION_ID, PLUG_IN.toEpochMilli(), ChargerEvents.TIMESTAMP, now.toEpochMilli())));
        assertEquals(PLUG_IN, clock.times().start());
        assertEquals(Duration.ofSeconds(754), clock.times().duration(PLUG_IN));
    }

    @Test
    void noSessionSeen_noTimes() {
        ObjectNode status = mapper.createObjectNode();
        JsonViews.sessionTimes(status, clock);
        assertNull(clock.times());
        assertEquals(true, status.get("sessionStart").isNull());
        assertEquals(true, status.get("sessionDurationS").isNull());
        ObjectNode withoutClock = mapper.createObjectNode();
        JsonViews.sessionTimes(withoutClock, null);
        assertEquals(true, withoutClock.get("sessionEnd").isNull());
    }
}
