package org.infinergi.feature.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.infinergi.core.charging.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The admin's card endpoints: answers and the bad input of issue 18 (nothing changes). */
class RfidAdminServletTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Dictionary<String, Object> stored = new Hashtable<>(Map.of("mode", "LOCAL_LIST"));
    private final LocalListAdmin admin = new LocalListAdmin(configAdmin(), clock);
    private final AuthComponent auth = new AuthComponent(Map.of("mode", "LOCAL_LIST"), clock);
    private final RfidAdminServlet servlet = new RfidAdminServlet(admin, auth, clock);
    private final ObjectMapper mapper = new ObjectMapper();

    private ConfigurationAdmin configAdmin() {
        Configuration c = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (p, m, a) -> {
                    if (m.getName().equals("getProperties")) {
                        Dictionary<String, Object> copy = new Hashtable<>();
                        for (var k = stored.keys(); k.hasMoreElements();) {
                            String key = k.nextElement();
                            copy.put(key, stored.get(key));
                        }
                        return copy;
                    }
                    if (m.getName().equals("update")) {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> d = (Dictionary<String, Object>) a[0];
                        stored = d;
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, a) -> c);
    }

    record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, String path, String body) throws Exception {
        byte[] in = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream input = new ByteArrayInputStream(in);
        ServletInputStream sis = new ServletInputStream() {
            @Override
            public int read() {
                return input.read();
            }

            @Override
            public boolean isFinished() {
                return input.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener l) {
            }
        };
        int q = path.indexOf('?');
        String servletPath = q < 0 ? path : path.substring(0, q);
        String uidParameter = q < 0 ? null : path.substring(q + "?uid=".length());
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getServletPath" -> servletPath;
                    case "getParameter" -> uidParameter;
                    case "getInputStream" -> sis;
                    case "getContentLengthLong" -> (long) in.length;
                    case "getProtocol" -> "HTTP/1.1";
                    case "getHeader", "getDateHeader" -> m.getReturnType() == long.class ? -1L : null;
                    default -> null;
                });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] status = {200};
        ServletOutputStream sos = new ServletOutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    if (m.getName().equals("setStatus")) {
                        status[0] = (Integer) a[0];
                    } else if (m.getName().equals("getOutputStream")) {
                        return sos;
                    }
                    return null;
                });
        servlet.service(req, resp);
        return new Answer(status[0], out.size() == 0 ? null : mapper.readTree(out.toByteArray()));
    }

    @Test
    void theAdminAddsBlocksReactivatesAndRemovesACard_andSetsTheMode() throws Exception {
        Answer added = call("POST", "/api/auth/cards", "{\"uid\":\"04a2b3c4\"}");
        assertEquals(201, added.status(), String.valueOf(added.body()));
        assertEquals("04A2B3C4", added.body().path("cards").get(0).path("uid").asText());
        assertEquals(true, call("PUT", "/api/auth/cards", "{\"uid\":\"04A2B3C4\",\"blocked\":true}").body()
                .path("cards").get(0).path("blocked").asBoolean());
        assertEquals(false, call("PUT", "/api/auth/cards", "{\"uid\":\"04A2B3C4\",\"blocked\":false}").body()
                .path("cards").get(0).path("blocked").asBoolean());
        assertEquals(0, call("DELETE", "/api/auth/cards?uid=04A2B3C4", null).body().path("cards").size());
        Answer mode = call("PUT", "/api/auth/mode", "{\"mode\":\"FREE\"}");
        assertEquals("FREE", mode.body().path("mode").asText());
        assertEquals(4, mode.body().path("modes").size());
    }

    @Test
    void swipingToAdd_startsAOneMinuteWindow_andTellsWhereItStands() throws Exception {
        Answer started = call("POST", "/api/auth/learn", null);
        assertEquals(202, started.status());
        assertEquals("WAITING", started.body().path("state").asText());
        assertEquals(60, started.body().path("secondsLeft").asInt());
        admin.offer("04A2B3C4");
        JsonNode now = call("GET", "/api/auth/learn", null).body();
        assertEquals("LEARNED", now.path("state").asText());
        assertEquals("04A2B3C4", now.path("uid").asText());
    }

    @Test
    void aTamperedRequest_is400NamingWhatIsWrong_andChangesNothing() throws Exception {
        call("POST", "/api/auth/cards", "{\"uid\":\"04A2B3C4\"}");
        Dictionary<String, Object> before = stored;
        Answer unknown = call("POST", "/api/auth/cards", "{\"uid\":\"11223344\",\"admin\":true}");
        assertEquals(400, unknown.status());
        assertEquals("admin", unknown.body().path("field").asText());
        Answer wrongType = call("PUT", "/api/auth/cards", "{\"uid\":\"04A2B3C4\",\"blocked\":\"yes\"}");
        assertEquals(400, wrongType.status());
        assertEquals("blocked", wrongType.body().path("field").asText());
        assertEquals(400, call("PUT", "/api/auth/mode", "{\"mode\":3}").status());
        assertEquals(400, call("POST", "/api/auth/cards", "not json").status());
        Answer oversize = call("POST", "/api/auth/cards", "{\"uid\":\"" + "A".repeat(2000) + "\"}");
        assertEquals(400, oversize.status(), "an oversize body is a bad request (issue 18)");
        assertTrue(oversize.body().path("error").asText().contains("1024 bytes"), oversize.body().toString());
        assertEquals(404, call("DELETE", "/api/auth/cards?uid=AABBCCDD", null).status());
        assertTrue(before == stored, "nothing was written");
    }
}
