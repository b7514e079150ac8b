package org.infinergi.core.charging.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps every posted event; a synchronous send fails the test (the control loop must never wait for listeners). */
final class RecordingEventAdmin implements EventAdmin {

    final List<Event> posted = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("sendEvent blocks the caller until every handler returned: " + event);
    }

    /** The posted events of {@code topic}, in order. */
    List<Event> of(String topic) {
        return posted.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }

    /** Topics posted so far, in order. */
    List<String> topics() {
        return posted.stream().map(Event::getTopic).toList();
    }
}
