package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.feature.green.api.BoostStatus;
import org.infinergi.feature.green.api.GreenCharging;
import org.junit.jupiter.api.Test;

class ControlServletTest {

    /** A body that fails the test if the servlet reads it. */
    private static final InputStream UNREADABLE = new InputStream() {
        @Override
        public int read() {
            throw new AssertionError("the body was read");
        }
    };

    private static FakeHttp.Response post(FakeHttp.Request req) throws Exception {
        return post(req, null);
    }

    private static FakeHttp.Response post(FakeHttp.Request req, GreenCharging green) throws Exception {
        FakeHttp.Response resp = new FakeHttp.Response();
        ControlServlet servlet = new ControlServlet();
        servlet.green = green;
        servlet.doPost(req.proxy(), resp.proxy());
        return resp;
    }

    private static FakeHttp.Request action(String name) {
        return new FakeHttp.Request("POST", "/api/control").body("{\"action\":\"" + name + "\"}");
    }

    /** Green as the web sees it: Boost takes in Green mode only. */
    private static final class FakeGreen implements GreenCharging {
        boolean greenMode = true;
        boolean on;

        @Override
        public ModeDecision decide(int minGreenLevelPct) {
            return ModeDecision.pause("not asked here");
        }

        @Override
        public BoostStatus boost() {
            return new BoostStatus(on, on ? 1200 : 0, 5000, "");
        }

        @Override
        public BoostStatus startBoost() {
            if (!greenMode) {
                return new BoostStatus(false, 0, 5000,
                        "Boost refused: Boost works in Green mode only (manual §5.5); the active mode is FAST");
            }
            on = true;
            return boost();
        }

        @Override
        public BoostStatus stopBoost() {
            on = false;
            return new BoostStatus(false, 0, 5000, "Boost ended: switched off (1.2 kWh delivered)");
        }
    }

    @Test
    void boostSwitchesBoostOnAndOffInGreenMode() throws Exception {
        FakeGreen green = new FakeGreen();
        FakeHttp.Response resp = post(action("boost"), green);
        assertEquals(200, resp.status, resp.body());
        assertEquals("{\"accepted\":true,\"message\":\"Boost on until 5.0 kWh are delivered (1.2 so far)\","
                + "\"boost\":{\"active\":true,\"deliveredWh\":1200,\"targetWh\":5000}}", resp.body());
        assertTrue(green.on);
        resp = post(action("boostOff"), green);
        assertEquals(200, resp.status, resp.body());
        assertTrue(resp.body().contains("\"message\":\"Boost ended: switched off (1.2 kWh delivered)\""), resp.body());
        assertTrue(!green.on);
    }

    @Test
    void boostOutsideTheGreenModeIsRefused400WithTheReason() throws Exception {
        FakeGreen green = new FakeGreen();
        green.greenMode = false;
        FakeHttp.Response resp = post(action("boost"), green);
        assertEquals(400, resp.status);
        assertEquals("{\"error\":\"Boost refused: Boost works in Green mode only (manual §5.5); the active mode is "
                + "FAST\"}", resp.body());
    }

    @Test
    void boostWithoutTheGreenBundleIsRefused400() throws Exception {
        for (String name : new String[] {"boost", "boostOff"}) {
            FakeHttp.Response resp = post(action(name), null);
            assertEquals(400, resp.status, name);
            assertEquals("{\"error\":\"Boost needs the Green mode (manual §5.5), which is not installed on this "
                    + "charger\"}", resp.body());
        }
    }

    @Test
    void anUnknownActionListsTheBoostActionsToo() throws Exception {
        FakeHttp.Response resp = post(action("explode"));
        assertEquals(400, resp.status);
        assertTrue(resp.body().contains("\"inService\",\"boost\",\"boostOff\"]"), resp.body());
    }

    @Test
    void aDeclaredTenMegabyteBodyIsRefused400NamingTheLimit_beforeReading() throws Exception {
        FakeHttp.Request req = new FakeHttp.Request("POST", "/api/control");
        req.contentLength = 10L * 1024 * 1024;
        req.body = UNREADABLE;
        FakeHttp.Response resp = post(req);
        assertEquals(400, resp.status, "issue 18: an oversize body is a tampered request, 400");
        assertTrue(resp.body().startsWith("{\"error\":\"request body larger than 4096 bytes, the limit of this endpoint\""),
                resp.body());
    }

    @Test
    void aChunkedBodyOverTheCapIsRefused400() throws Exception {
        FakeHttp.Request req = new FakeHttp.Request("POST", "/api/control").body(new byte[10 * 1024 * 1024]);
        req.contentLength = -1;
        FakeHttp.Response resp = post(req);
        assertEquals(400, resp.status);
        assertTrue(resp.body().contains("4096 bytes"), resp.body());
    }

    @Test
    void trailingGarbageIsRefused400WithTheAllowedActions() throws Exception {
        FakeHttp.Response resp = post(new FakeHttp.Request("POST", "/api/control").body("{\"action\":\"pause\"}]"));
        assertEquals(400, resp.status);
        assertTrue(resp.body().contains("\"allowedActions\":[\"pause\""), resp.body());
    }

    @Test
    void aValidRequestGetsPastTheReading() throws Exception {
        FakeHttp.Response resp = post(new FakeHttp.Request("POST", "/api/control").body("{\"action\":\"pause\"}"));
        assertEquals(503, resp.status); // no core in this test: the request itself was accepted
        assertEquals("{\"error\":\"charging core not running\"}", resp.body());
    }
}
