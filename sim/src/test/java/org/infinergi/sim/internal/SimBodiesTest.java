package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.infinergi.sim.internal.panel.SimPanel;
import org.infinergi.sim.internal.rfid.SimRfid;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: every POST of /api/sim/* caps its body before reading it (a 10 MB body was an OutOfMemoryError in a
 * 32 MB heap) and reads it strictly, with the same case-sensitive names everywhere.
 */
class SimBodiesTest {

    private final World world = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3);
    private final SimServlet servlet = new SimServlet(new WorldControl(world, List.of()));

    /** A 10 MB body: declared ({@code Content-Length}) or chunked (length unknown, -1). */
    private static final class Huge extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return read > 10_000_000 ? -1 : ' ';
        }
    }

    private record Result(int status, String body) {
    }

    private static Result post(HttpServlet servlet, String servletPath, String pathInfo, long length, InputStream in)
            throws Exception {
        ServletInputStream body = new ServletInputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener l) {
                throw new UnsupportedOperationException();
            }
        };
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(SimBodiesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "POST";
                    case "getContentLengthLong" -> length;
                    case "getContentLength" -> (int) length;
                    case "getInputStream" -> body;
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        int[] status = {200};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServletOutputStream stream = new ServletOutputStream() {
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
                throw new UnsupportedOperationException();
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(SimBodiesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status[0] = (Integer) a[0];
                        yield null;
                    }
                    case "getOutputStream" -> stream;
                    default -> null;
                });
        servlet.service(req, resp);
        return new Result(status[0], out.toString(StandardCharsets.UTF_8));
    }

    private static void assertRefusedUnread(HttpServlet servlet, String servletPath, String pathInfo) throws Exception {
        Huge declared = new Huge();
        Result r = post(servlet, servletPath, pathInfo, 10_000_000, declared);
        assertEquals(413, r.status(), servletPath + pathInfo);
        assertEquals("{\"error\":\"request body larger than 4096 bytes\"}", r.body());
        assertEquals(0, declared.read, "a declared oversize body is not read at all");
        Huge chunked = new Huge();
        assertEquals(413, post(servlet, servletPath, pathInfo, -1, chunked).status());
        assertEquals(4097, chunked.read, "an undeclared body is read one byte past the cap, no further");
    }

    @Test
    void everyWorldPostRefusesATenMegabyteBodyWith413() throws Exception {
        for (String path : List.of("/ev", "/fault", "/cable", "/temperature", "/nope")) {
            assertRefusedUnread(servlet, "/api/sim", path);
        }
    }

    @Test
    void theButtonPanelAndCardPostsRefuseATenMegabyteBodyWith413() throws Exception {
        SimPanel panel = (SimPanel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SimPanel.class},
                (p, m, a) -> {
                    throw new AssertionError("the panel was reached");
                });
        HttpServlet buttons = new org.infinergi.sim.internal.panel.SimButtonServlet(panel);
        assertRefusedUnread(buttons, "/api/sim/button", null);
        assertRefusedUnread(buttons, "/api/sim/panel", null);
        SimRfid rfid = (SimRfid) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SimRfid.class},
                (p, m, a) -> {
                    throw new AssertionError("the reader was reached");
                });
        assertRefusedUnread(new org.infinergi.sim.internal.rfid.SimCardServlet(rfid), "/api/sim/card", null);
    }

    @Test
    void aWellFormedSmallBodyStillGoesThrough() throws Exception {
        byte[] plug = "{\"action\": \"plug\"}".getBytes(StandardCharsets.UTF_8);
        Result r = post(servlet, "/api/sim", "/ev", plug.length, new java.io.ByteArrayInputStream(plug));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void phasesOutOfRangeAreRefusedNotTruncatedToThree() {
        var p = EvRequest.parse("{\"action\": \"plug\", \"phases\": 4294967299}");
        assertNull(p.request());
        assertEquals("'phases' must be an integer from 1 to 3, was 4294967299", p.error().get("error"));
        assertEquals(200, servlet.post("/ev", "{\"action\": \"plug\", \"phases\": 1}").status());
        assertEquals(400, servlet.post("/ev", "{\"action\": \"plug\", \"phases\": 4294967299}").status());
        assertEquals(1, world.state().evPhases(), "the EV did not become three-phase");
    }

    @SuppressWarnings("unchecked")
    private String error(String path, String body) {
        SimServlet.Answer a = servlet.post(path, body);
        assertEquals(400, a.status(), body);
        return ((Map<String, Object>) a.body()).get("error").toString();
    }

    @Test
    void trailingGarbageDuplicateKeysAndUnknownFieldsAreRefusedOnEveryWorldPost() {
        assertTrue(error("/ev", "{\"action\": \"plug\"} {\"action\": \"unplug\"}").startsWith("body is not valid JSON"));
        assertTrue(error("/ev", "{\"action\": \"plug\", \"action\": \"charge\"}").contains("'action'"));
        assertTrue(error("/ev", "{\"action\": \"plug\", \"maxCurentA\": 16}").contains("unknown field 'maxCurentA'"));
        assertTrue(error("/fault", "{\"fault\": \"V2\", \"active\": true}x").startsWith("body is not valid JSON"));
        assertTrue(error("/fault", "{\"fault\": \"V2\", \"active\": true, \"activ\": false}").contains("'activ'"));
        assertTrue(error("/cable", "{\"resistanceOhm\": 220, \"resistanceOhm\": null}").contains("'resistanceOhm'"));
        assertTrue(error("/temperature", "{\"celsius\": 25, \"fahrenheit\": 77}").contains("'fahrenheit'"));
        assertTrue(world.state().faults().isEmpty(), "nothing injected by a bad request");
    }

    @Test
    void actionsAreCaseSensitiveOnEveryWorldPost() {
        assertTrue(error("/ev", "{\"action\": \"Plug\"}").contains("unknown action 'Plug'"));
        assertTrue(error("/ev", "{\"action\": \"PLUG\"}").contains("unknown action 'PLUG'"));
        assertTrue(error("/fault", "{\"fault\": \"v2\", \"active\": true}").contains("unknown fault 'v2'"));
        assertEquals(200, servlet.post("/ev", "{\"action\": \"plug\"}").status());
    }
}
