package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

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
        FakeHttp.Response resp = new FakeHttp.Response();
        new ControlServlet().doPost(req.proxy(), resp.proxy());
        return resp;
    }

    @Test
    void aDeclaredTenMegabyteBodyIsRefused413BeforeReading() throws Exception {
        FakeHttp.Request req = new FakeHttp.Request("POST", "/api/control");
        req.contentLength = 10L * 1024 * 1024;
        req.body = UNREADABLE;
        FakeHttp.Response resp = post(req);
        assertEquals(413, resp.status);
        assertEquals("{\"error\":\"request body larger than 4096 bytes\"}", resp.body());
    }

    @Test
    void aChunkedBodyOverTheCapIsRefused413() throws Exception {
        FakeHttp.Request req = new FakeHttp.Request("POST", "/api/control").body(new byte[10 * 1024 * 1024]);
        req.contentLength = -1;
        assertEquals(413, post(req).status);
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
