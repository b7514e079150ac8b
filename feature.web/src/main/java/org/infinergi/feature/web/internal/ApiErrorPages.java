package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.util.Map;

import javax.servlet.RequestDispatcher;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The error pages of the charger's web server (4xx, 5xx and uncaught exceptions): {@code {"error": "…"}} instead of
 * Jetty's HTML, and never the exception's class or message, which would tell an attacker what runs inside.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.errorPage=4xx",
        "osgi.http.whiteboard.servlet.errorPage=5xx",
        "osgi.http.whiteboard.servlet.errorPage=java.lang.Throwable",
        "osgi.http.whiteboard.servlet.name=infinergi-error-pages",
        WebContext.SELECT_BOTH })
public final class ApiErrorPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Map<Integer, String> MESSAGES = Map.of(
            400, "bad request",
            404, "no such resource",
            405, "method not allowed",
            408, "request timeout",
            413, "request body too large",
            500, "internal error",
            501, "method not implemented",
            503, "service unavailable");

    private final transient ObjectMapper mapper = new ObjectMapper();

    /** Every method: an error dispatch keeps the failed request's method (a PUT's 405 must not 405 again). */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int status = status(req);
        String uri = (String) req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Responses.json(resp, status, mapper, JsonViews.error(mapper, message(status, req.getMethod(), uri)));
    }

    private static int status(HttpServletRequest req) {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer i && i >= 400 && i <= 599) {
            return i;
        }
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }

    static String message(int status, String method, String uri) {
        String text = MESSAGES.getOrDefault(status, "HTTP " + status);
        if (status == 404 && uri != null) {
            return text + ": " + uri;
        }
        if ((status == 405 || status == 501) && method != null) {
            return text + ": " + method + (uri == null ? "" : " " + uri);
        }
        return text;
    }
}
