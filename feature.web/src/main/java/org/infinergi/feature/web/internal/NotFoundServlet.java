package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything under {@code /api} that no endpoint serves: 404 {@code {"error": "no such resource: …"}} for every
 * method, through the same filter as the real endpoints (so a TRACE here is refused too).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=infinergi-api-not-found" })
public final class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ObjectMapper mapper = new ObjectMapper();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Responses.json(resp, HttpServletResponse.SC_NOT_FOUND, mapper,
                JsonViews.error(mapper, ApiErrorPages.message(404, req.getMethod(), req.getRequestURI())));
    }
}
