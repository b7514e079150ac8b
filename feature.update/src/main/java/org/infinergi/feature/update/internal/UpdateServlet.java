package org.infinergi.feature.update.internal;

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

/**
 * {@code /api/update}, manual §5.9.2 "Firmware update … Start update": {@code POST} the bundle JAR as the request
 * body, {@code GET} where the update stands, {@code DELETE} withdraws a postponed update.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/update",
        "osgi.http.whiteboard.servlet.name=infinergi-update",
        // the charger's servlet context of feature.web, whose login check leaves with it (issue 18: while feature.web
        // is being updated this endpoint is not served, rather than served without a login)
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=org.infinergi.web)" })
public final class UpdateServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient UpdateComponent updates;

    @Activate
    public UpdateServlet(@Reference UpdateComponent updates) {
        this.updates = updates;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, HttpServletResponse.SC_OK, view(updates.status()));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String type = req.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            write(resp, HttpServletResponse.SC_BAD_REQUEST, error("multipart uploads are not supported: send the "
                    + "bundle JAR itself as the body (Content-Type application/java-archive)"));
            return;
        }
        try {
            UpdateStatus s = updates.submit(req.getInputStream(), req.getContentLengthLong());
            // 202: verified and under way; POSTPONED while a vehicle is connected (manual §5.9).
            write(resp, HttpServletResponse.SC_ACCEPTED, view(s));
        } catch (UpdateRejected e) {
            write(resp, status(e), error(e.getMessage()));
        } catch (UpdateBusy e) {
            ObjectNode body = error(e.getMessage());
            body.set("status", view(updates.status()));
            write(resp, HttpServletResponse.SC_CONFLICT, body);
        }
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            write(resp, HttpServletResponse.SC_OK, view(updates.cancel()));
        } catch (UpdateBusy e) {
            ObjectNode body = error(e.getMessage());
            body.set("status", view(updates.status()));
            write(resp, HttpServletResponse.SC_CONFLICT, body);
        }
    }

    /** 413 for an upload over maxSizeKiB (issue 15: every body capped, the same answer everywhere), else 400. */
    static int status(UpdateRejected e) {
        return e.tooLarge() ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : HttpServletResponse.SC_BAD_REQUEST;
    }

    ObjectNode view(UpdateStatus s) {
        ObjectNode n = mapper.createObjectNode();
        n.put("state", s.state().name());
        n.put("symbolicName", s.symbolicName());
        n.put("fromVersion", s.fromVersion());
        n.put("toVersion", s.toVersion());
        n.put("signer", s.signer());
        n.put("path", s.path());
        n.put("message", s.message());
        n.put("since", s.since().toString());
        n.put("trustProblem", updates.trustProblem());
        return n;
    }

    private ObjectNode error(String message) {
        return mapper.createObjectNode().put("error", message);
    }

    private void write(HttpServletResponse resp, int code, ObjectNode body) throws IOException {
        resp.setStatus(code);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        mapper.writeValue(resp.getOutputStream(), body);
    }
}
