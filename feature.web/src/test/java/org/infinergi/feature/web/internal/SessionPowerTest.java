package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** History's chart: the power of a session over time, sampled between the core's session events, bounded, kept. */
class SessionPowerTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private double watts;

    private SessionPower power() {
        SessionPower p = new SessionPower(clock, dir.resolve(SessionPower.FILE));
        p.status = () -> new ChargerStatus("INFINERGI-3T", ChargerState.CHARGING, PilotState.C, 16.0, 26.7, true,
                null, ChargingMode.FAST, watts, 100, null, "", Instant.EPOCH, null, 0, List.of(), List.of(), null);
        return p;
    }

    private static Event event(String topic, long id) {
        return new Event(topic, Map.of(ChargerEvents.SESSION_ID, id));
    }

    private void tick(SessionPower p, double w) {
        clock.advance(SessionPower.SAMPLE_PERIOD);
        watts = w;
        p.sample();
    }

    @Test
    void aSessionsPowerIsSampledFromStartToStop_andKeptAcrossARestart() {
        SessionPower p = power();
        tick(p, 7000);
        assertTrue(p.series(1L).isEmpty(), "nothing sampled without a session");
        p.handleEvent(event(ChargerEvents.SESSION_STARTED, 1L));
        tick(p, 11000);
        tick(p, 10500);
        watts = 0;
        p.handleEvent(event(ChargerEvents.SESSION_STOPPED, 1L));
        tick(p, 9000);

        List<Double> w = p.series(1L).orElseThrow().points().stream().map(SessionPower.Point::powerW).toList();
        assertEquals(List.of(7000.0, 11000.0, 10500.0, 0.0), w, "at the start, every period, at the stop; not after");

        SessionPower restarted = power();
        assertEquals(p.series(1L), restarted.series(1L), "kept in the data area");
    }

    @Test
    void aLongSessionStaysBounded_theSpacingDoubles() {
        SessionPower p = power();
        p.handleEvent(event(ChargerEvents.SESSION_STARTED, 2L));
        for (int i = 0; i < 3 * SessionPower.MAX_POINTS; i++) {
            tick(p, i);
        }
        List<SessionPower.Point> points = p.series(2L).orElseThrow().points();
        assertTrue(points.size() <= SessionPower.MAX_POINTS && points.size() > SessionPower.MAX_POINTS / 4,
                "bounded: " + points.size());
        assertEquals(3.0 * SessionPower.MAX_POINTS - 1, points.get(points.size() - 1).powerW(), "the latest stays");
    }

    @Test
    void onlyTheLastSessionsAreKept() {
        SessionPower p = power();
        for (long id = 1; id <= SessionPower.MAX_SESSIONS + 5; id++) {
            p.handleEvent(event(ChargerEvents.SESSION_STARTED, id));
            p.handleEvent(event(ChargerEvents.SESSION_STOPPED, id));
        }
        assertTrue(p.series(5L).isEmpty());
        assertTrue(p.series(6L).isPresent());
    }

    @Test
    void theEndpointAnswersTheSeriesOfTheSessionThatBeganThen_404ForAnUnknownOne_400ForABadStart() throws Exception {
        SessionPower p = power();
        p.handleEvent(event(ChargerEvents.SESSION_STARTED, 7L));
        tick(p, 3680);
        SessionPowerServlet servlet = new SessionPowerServlet(p);
        ObjectMapper mapper = new ObjectMapper();

        JsonNode ok = mapper.readTree(get(servlet, "/api/sessions/power?start=1970-01-01T00:00:00.007Z").body());
        assertEquals("1970-01-01T00:00:00.007Z", ok.path("start").asText());
        assertEquals(3680, ok.path("samples").get(1).path("powerW").asLong());
        assertEquals(clock.instant().toString(), ok.path("samples").get(1).path("at").asText());
        assertEquals(404, get(servlet, "/api/sessions/power?start=1970-01-01T00:00:00.008Z").status);
        FakeHttp.Response bad = get(servlet, "/api/sessions/power?start=7");
        assertEquals(400, bad.status);
        assertTrue(bad.body().contains("\"field\":\"start\""), bad.body());
        assertEquals(400, get(servlet, "/api/sessions/power").status);
        assertEquals(Duration.ofSeconds(5), SessionPower.SAMPLE_PERIOD);
    }

    private static FakeHttp.Response get(SessionPowerServlet servlet, String uri) throws Exception {
        FakeHttp.Response resp = new FakeHttp.Response();
        servlet.service(new FakeHttp.Request("GET", uri).proxy(), resp.proxy());
        return resp;
    }
}
