package org.infinergi.feature.auth.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.infinergi.feature.auth.api.AuthOutcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/auth}: {@code mode}, {@code required}, the sizes of the local list ({@code cards},
 * {@code blockedCards}; not the UIDs themselves, which are Admin's, §7.1.2), {@code configurationError}
 * and {@code lastOutcome} ({@code accepted}, {@code uid}, {@code reason}, {@code at}; null before the first card).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/auth",
        "osgi.http.whiteboard.servlet.name=infinergi-auth",
        // the charger's servlet context of feature.web, whose login check leaves with it (issue 18: while feature.web
        // is being updated this endpoint is not served, rather than served without a login)
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=org.infinergi.web)"})
public final class AuthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient AuthView auth;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public AuthServlet(@Reference AuthView auth) {
        this.auth = auth;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        mapper.writeValue(resp.getOutputStream(), json(auth));
    }

    static Map<String, Object> json(AuthView auth) {
        AuthSettings s = auth.settings();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("mode", s.mode().name());
        o.put("required", s.required());
        o.put("cards", s.cards().size());
        o.put("blockedCards", s.blockedCards().size());
        o.put("configurationError", auth.configurationError());
        AuthOutcome last = auth.lastOutcome().orElse(null);
        if (last == null) {
            o.put("lastOutcome", null);
        } else {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("accepted", last.accepted());
            l.put("uid", last.uid());
            l.put("reason", last.reason());
            l.put("at", last.at().toString());
            o.put("lastOutcome", l);
        }
        return o;
    }
}
