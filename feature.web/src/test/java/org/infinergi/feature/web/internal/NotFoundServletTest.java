package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NotFoundServletTest {

    @Test
    void anUnknownApiPathIsAJson404ForEveryMethod() throws Exception {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            FakeHttp.Response resp = new FakeHttp.Response();
            new NotFoundServlet().service(new FakeHttp.Request(method, "/api/nothing").proxy(), resp.proxy());
            assertEquals(404, resp.status, method);
            assertEquals("{\"error\":\"no such resource: /api/nothing\"}", resp.body());
        }
    }
}
