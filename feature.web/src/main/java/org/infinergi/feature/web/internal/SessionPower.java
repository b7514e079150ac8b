package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The power of each session over time, for History's chart (issue 18). Nothing in the firmware keeps it: the core's
 * session history stores the energy and the peak power of a session, not a series. So this bundle samples the core's
 * instant power ({@link ChargerStatusService}) every {@link #SAMPLE_PERIOD} while a session lasts (between the core's
 * session STARTED and STOPPED events), and keeps a bounded series per session: at most {@link #MAX_POINTS} points
 * (when a long session fills them, every other point goes and the spacing doubles, so a session of any length fits)
 * for the last {@link #MAX_SESSIONS} sessions. Written to this bundle's data area at the end of each session (a small
 * file, rewritten whole and moved over the old one), so the chart survives a restart and an update of this bundle;
 * a session still running when the bundle stops keeps the points it had.
 */
@Component(service = {SessionPower.class, EventHandler.class}, property = {
        "event.topics=" + ChargerEvents.SESSION_STARTED, "event.topics=" + ChargerEvents.SESSION_STOPPED })
public final class SessionPower implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPower.class);

    static final Duration SAMPLE_PERIOD = Duration.ofSeconds(5);
    static final int MAX_POINTS = 720;
    static final int MAX_SESSIONS = 20;
    static final String FILE = "session-power.json";

    /** One point: epoch milliseconds and watts. */
    record Point(long at, double powerW) {
    }

    /** A session's samples, oldest first; the session named as the core's events name it: its start, epoch ms. */
    record Series(long sessionId, List<Point> points) {
    }

    private final Clock clock;
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();
    /** Finished and running series by session id, oldest first; guarded by this. */
    private final LinkedHashMap<Long, List<Point>> sessions = new LinkedHashMap<>();
    private Long running;
    private ScheduledExecutorService sampler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ChargerStatusService status;

    @Activate
    public SessionPower(BundleContext context) {
        this(Clock.systemUTC(), dataFile(context));
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-web-power");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, SAMPLE_PERIOD.toMillis(), SAMPLE_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    SessionPower(Clock clock, Path file) {
        this.clock = clock;
        this.file = file;
        load();
    }

    private static Path dataFile(BundleContext context) {
        java.io.File f = context.getDataFile(FILE);
        return f == null ? null : f.toPath();
    }

    @Deactivate
    void deactivate() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        store();
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty(ChargerEvents.SESSION_ID);
        if (!(id instanceof Number n)) {
            return;
        }
        if (ChargerEvents.SESSION_STARTED.equals(event.getTopic())) {
            started(n.longValue());
        } else if (ChargerEvents.SESSION_STOPPED.equals(event.getTopic())) {
            stopped(n.longValue());
        }
    }

    synchronized void started(long sessionId) {
        running = sessionId;
        sessions.remove(sessionId);
        sessions.put(sessionId, new ArrayList<>());
        while (sessions.size() > MAX_SESSIONS) {
            sessions.remove(sessions.keySet().iterator().next());
        }
        sample();
    }

    synchronized void stopped(long sessionId) {
        if (running != null && running == sessionId) {
            sample();
            running = null;
        }
        store();
    }

    /** One sample of the running session (none without a session or without the core). */
    synchronized void sample() {
        ChargerStatusService s = status;
        if (running == null || s == null) {
            return;
        }
        List<Point> points = sessions.get(running);
        if (points == null) {
            return;
        }
        ChargerStatus now;
        try {
            now = s.status();
        } catch (RuntimeException e) {
            return; // the core is going away: the next sample will tell
        }
        points.add(new Point(clock.millis(), now.powerW()));
        if (points.size() > MAX_POINTS) {
            thin(points);
        }
    }

    /** Every other point goes (the first and the last stay): the spacing doubles, the shape stays. */
    private static void thin(List<Point> points) {
        List<Point> kept = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (i % 2 == 0 || i == points.size() - 1) {
                kept.add(points.get(i));
            }
        }
        points.clear();
        points.addAll(kept);
    }

    /** The series of a session (finished or running), if this firmware sampled it. */
    synchronized Optional<Series> series(long sessionId) {
        List<Point> p = sessions.get(sessionId);
        return p == null ? Optional.empty() : Optional.of(new Series(sessionId, List.copyOf(p)));
    }

    private synchronized void store() {
        if (file == null) {
            return;
        }
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("sessions");
        for (Map.Entry<Long, List<Point>> e : sessions.entrySet()) {
            ObjectNode o = list.addObject().put("sessionId", e.getKey());
            ArrayNode pts = o.putArray("points");
            e.getValue().forEach(p -> pts.addArray().add(p.at()).add(p.powerW()));
        }
        try {
            Path tmp = file.resolveSibling(FILE + ".new");
            mapper.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("The sessions' power series could not be kept: {}", e.toString());
        }
    }

    private void load() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            for (JsonNode o : mapper.readTree(file.toFile()).path("sessions")) {
                List<Point> pts = new ArrayList<>();
                o.path("points").forEach(p -> pts.add(new Point(p.get(0).asLong(), p.get(1).asDouble())));
                sessions.put(o.path("sessionId").asLong(), pts);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("The sessions' power series could not be read, starting empty: {}", e.toString());
            sessions.clear();
        }
    }
}
