package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * {@code /} of the charger (the address a user types) → 302 to the pages, {@code /ui/}. The context root, pattern
 * {@code ""}, in a component of its own: an empty value among several of a multi-valued property is dropped from the
 * component description.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=",
        "osgi.http.whiteboard.servlet.name=infinergi-root",
        WebContext.SELECT })
public final class RootServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_FOUND);
        resp.setHeader("Location", "/ui/");
    }
}
