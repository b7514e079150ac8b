package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /api/status}: what the charger is doing now (manual §6.1.1 home screen, as JSON). */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/status",
        "osgi.http.whiteboard.servlet.name=infinergi-status",
        WebContext.SELECT })
public final class StatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient CurrentStatus current;

    @Activate
    public StatusServlet(@Reference CurrentStatus current) {
        this.current = current;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode status = current.json(mapper);
        if (status == null) {
            Responses.json(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, mapper,
                    JsonViews.error(mapper, "charging core not running"));
            return;
        }
        Responses.json(resp, HttpServletResponse.SC_OK, mapper, status);
    }
}
