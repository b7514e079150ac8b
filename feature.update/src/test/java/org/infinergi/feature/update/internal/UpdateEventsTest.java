package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.api.ChargerEvents;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** docs/events.md, the update topics: staged (postponed), applied, failed, with the bundle and its versions. */
class UpdateEventsTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    private static UpdateStatus status(UpdateState state, String message) {
        return new UpdateStatus(state, "org.infinergi.driver.modbus-meters.eastron", "0.1.0", "0.2.0", "CN=OEM", null,
                message, AT);
    }

    private final List<Event> posted = new CopyOnWriteArrayList<>();
    private final EventAdmin admin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            throw new AssertionError("the updater's thread must not wait for listeners");
        }
    };

    @Test
    void postponed_isStaged_withTheReason() {
        UpdateEvents.post(admin, status(UpdateState.POSTPONED, "postponed until the end of the charging session"));
        Event e = posted.get(0);
        assertEquals(ChargerEvents.UPDATE_STAGED, e.getTopic());
        assertEquals("org.infinergi.driver.modbus-meters.eastron", e.getProperty(ChargerEvents.BUNDLE));
        assertEquals("0.1.0", e.getProperty(ChargerEvents.FROM_VERSION));
        assertEquals("0.2.0", e.getProperty(ChargerEvents.TO_VERSION));
        assertEquals("postponed until the end of the charging session", e.getProperty(ChargerEvents.REASON));
        assertEquals(AT.toEpochMilli(), e.getProperty(ChargerEvents.TIMESTAMP));
    }

    @Test
    void done_isApplied_failed_isFailedWithTheReason() {
        UpdateEvents.post(admin, status(UpdateState.DONE, "runs version 0.2.0"));
        UpdateEvents.post(admin, status(UpdateState.FAILED, "did not start"));
        assertEquals(List.of(ChargerEvents.UPDATE_APPLIED, ChargerEvents.UPDATE_FAILED),
                posted.stream().map(Event::getTopic).toList());
        assertFalse(posted.get(0).containsProperty(ChargerEvents.REASON));
        assertEquals("did not start", posted.get(1).getProperty(ChargerEvents.REASON));
    }

    @Test
    void otherStates_noEvent_andNoEventAdmin_noFailure() {
        for (UpdateState s : new UpdateState[] {UpdateState.IDLE, UpdateState.UPDATING, UpdateState.CANCELLED}) {
            assertNull(UpdateEvents.of(status(s, "")), s.name());
        }
        UpdateEvents.post(null, status(UpdateState.DONE, ""));
        UpdateEvents.post(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                throw new IllegalStateException("stopping");
            }

            @Override
            public void sendEvent(Event event) {
                throw new IllegalStateException("stopping");
            }
        }, status(UpdateState.DONE, ""));
        assertEquals(List.of(), posted);
    }
}
