package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import javax.servlet.RequestDispatcher;

import org.junit.jupiter.api.Test;

class ApiErrorPagesTest {

    private static FakeHttp.Response error(String method, int status, String uri, Throwable cause) throws Exception {
        FakeHttp.Request req = new FakeHttp.Request(method, uri);
        req.attributes.put(RequestDispatcher.ERROR_STATUS_CODE, status);
        req.attributes.put(RequestDispatcher.ERROR_REQUEST_URI, uri);
        req.attributes.put(RequestDispatcher.ERROR_EXCEPTION, cause);
        req.attributes.put(RequestDispatcher.ERROR_MESSAGE, cause == null ? null : cause.toString());
        FakeHttp.Response resp = new FakeHttp.Response();
        new ApiErrorPages().service(req.proxy(), resp.proxy());
        return resp;
    }

    @Test
    void aServerErrorIsJsonWithoutTheJavaException() throws Exception {
        FakeHttp.Response resp = error("GET", 500, "/api/status",
                new IllegalStateException("org.infinergi.core.internal.Secret failed at line 42"));
        assertEquals(500, resp.status);
        assertEquals("application/json", resp.headers.get("Content-Type"));
        assertEquals("{\"error\":\"internal error\"}", resp.body());
        assertFalse(resp.body().contains("Exception"));
    }

    @Test
    void notFoundNamesThePathAndMethodErrorsTheMethod() throws Exception {
        assertEquals("{\"error\":\"no such resource: /nothing\"}", error("GET", 404, "/nothing", null).body());
        FakeHttp.Response put = error("PUT", 405, "/api/status", null);
        assertEquals(405, put.status);
        assertEquals("{\"error\":\"method not allowed: PUT /api/status\"}", put.body());
        assertEquals("{\"error\":\"method not implemented: PROPFIND /api/x\"}",
                error("PROPFIND", 501, "/api/x", null).body());
    }

    @Test
    void anErrorDispatchWithoutAStatusIsAServerError() throws Exception {
        FakeHttp.Request req = new FakeHttp.Request("POST", "/api/control");
        FakeHttp.Response resp = new FakeHttp.Response();
        new ApiErrorPages().service(req.proxy(), resp.proxy());
        assertEquals(500, resp.status);
        assertEquals("{\"error\":\"internal error\"}", resp.body());
    }
}
