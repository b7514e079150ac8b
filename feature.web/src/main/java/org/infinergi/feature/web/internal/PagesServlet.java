package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * The web pages of manual §6.1.2 (issue 18; so far the login and Home), static files of this bundle under
 * {@code /ui/}, in English and Italian; {@code /} leads there. Nothing is loaded from outside the device, and the
 * browser is told so ({@code Content-Security-Policy: default-src 'self'}), which also keeps another site from framing
 * the pages. The files carry no data: what they show comes from {@code /api}, which needs the login. The root
 * {@code /} is {@link RootServlet}'s.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/ui/*",
        "osgi.http.whiteboard.servlet.name=infinergi-pages",
        WebContext.SELECT })
public final class PagesServlet extends HttpServlet {

    /** The files served, by name, with their types: a fixed list, so no path from a request reaches the class path. */
    static final Map<String, String> FILES = Map.of(
            "index.html", "text/html",
            "app.js", "text/javascript",
            "i18n.js", "text/javascript",
            "settings.js", "text/javascript",
            "admin.js", "text/javascript",
            "chart.js", "text/javascript",
            "style.css", "text/css");
    static final String CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    private static final long serialVersionUID = 1L;

    private final transient Map<String, byte[]> contents = load();

    static Map<String, byte[]> load() {
        Map<String, byte[]> out = new HashMap<>();
        for (String name : FILES.keySet()) {
            try (InputStream in = PagesServlet.class.getResourceAsStream("/ui/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("/ui/" + name + " missing from the bundle");
                }
                out.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = Access.path(req);
        if (path.isEmpty() || path.equals("/") || path.equals("/ui")) {
            resp.setStatus(HttpServletResponse.SC_FOUND);
            resp.setHeader("Location", "/ui/");
            return;
        }
        String name = path.equals("/ui/") ? "index.html" : path.substring("/ui/".length());
        byte[] content = contents.get(name);
        if (content == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(FILES.get(name));
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        // small files that change with a firmware update: revalidated, not served stale after one
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(content.length);
        resp.getOutputStream().write(content);
    }
}
