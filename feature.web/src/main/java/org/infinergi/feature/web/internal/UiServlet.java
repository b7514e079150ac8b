package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * The web pages of manual §6.1.2 (login, Home, History, Info, Admin): static files of this bundle under
 * {@code /ui/}, from {@code src/main/resources/ui}. Nothing comes from outside the device: the pages' Content Security
 * Policy allows this origin only. The pages are open (the login form is one of them); what they show comes from the
 * {@code /api} endpoints, each behind its login. Only flat file names of the listed types are served, so no path
 * reaches another resource of the bundle.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/ui",
        "osgi.http.whiteboard.servlet.pattern=/ui/*",
        "osgi.http.whiteboard.servlet.name=infinergi-ui" })
public final class UiServlet extends HttpServlet {

    static final String PREFIX = "/ui/";
    static final String INDEX = "index.html";
    /** A flat name: letters, digits, dash, one extension of {@link #TYPES}. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml");
    /** Everything from this origin only: no CDN, no inline script, no framing by another site (clickjacking). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final long serialVersionUID = 1L;

    /** A file the pages are made of: its type and where to read it. */
    record Asset(String name, String contentType, URL url) {
    }

    private final transient Function<String, URL> resources;

    public UiServlet() {
        this(name -> UiServlet.class.getResource(PREFIX + name));
    }

    UiServlet(Function<String, URL> resources) {
        this.resources = resources;
    }

    /** The asset a path below {@code /ui/} names ("" is the index), or null: not one of ours. */
    Asset asset(String pathInfo) {
        String name = pathInfo == null || pathInfo.equals("/") ? INDEX : pathInfo.substring(1);
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        URL url = resources.apply(name);
        if (url == null) {
            return null;
        }
        return new Asset(name, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), url);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getPathInfo() == null) {
            // "/ui" → "/ui/": the pages' relative links resolve below it
            resp.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            resp.setHeader("Location", PREFIX);
            return;
        }
        Asset asset = asset(req.getPathInfo());
        if (asset == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(asset.contentType());
        securityHeaders(resp);
        // a field update of this bundle brings new pages: the browser asks again (a 304-free revalidation is cheap
        // enough for files of a few KiB on a LAN)
        resp.setHeader("Cache-Control", "no-cache");
        try (InputStream in = asset.url().openStream()) {
            in.transferTo(resp.getOutputStream());
        }
    }

    static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
    }
}
