package org.infinergi.feature.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web pages of manual §6.1.2 (issue 18; so far the login and Home), static files of this bundle under
 * {@code /ui/}, in English and Italian; {@code /} leads there. Nothing is loaded from outside the device, and the
 * browser is told so ({@code Content-Security-Policy: default-src 'self'}), which also keeps another site from framing
 * the pages. The files carry no data: what they show comes from {@code /api}, which needs the login — but for one
 * thing: a browser that asks for the page with the cookie of a live session gets in {@code index.html} the answer
 * {@code GET /api/session?include=status} would give it ({@link #FIRST_ANSWER_ID}), so that Home shows the charger's
 * state as soon as its script runs, without another request after it (issue 18: Home fully loaded from a cold browser
 * in under 300 ms). Without a live session the page is the same for everyone and holds no data. The root {@code /}
 * is {@link RootServlet}'s.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/ui/*",
        "osgi.http.whiteboard.servlet.name=infinergi-pages",
        WebContext.SELECT })
public final class PagesServlet extends HttpServlet {

    /**
     * The one script {@code index.html} loads: the words and app.js joined once, when the servlet is made. Home from a
     * cold browser (issue 18, under 300 ms) waits for every script before it asks the charger anything, and each script
     * is one more request to a small server; Settings, Admin and History's chart load theirs when they open (app.js).
     */
    static final String HOME_SCRIPT = "home.js";
    static final List<String> HOME_SCRIPT_PARTS = List.of("i18n.js", "app.js");
    /** The files served, by name, with their types: a fixed list, so no path from a request reaches the class path. */
    static final Map<String, String> FILES = Map.of(
            "index.html", "text/html",
            HOME_SCRIPT, "text/javascript",
            "app.js", "text/javascript",
            "i18n.js", "text/javascript",
            "settings.js", "text/javascript",
            "admin.js", "text/javascript",
            "chart.js", "text/javascript",
            "style.css", "text/css");
    static final String CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    private static final long serialVersionUID = 1L;

    /** The element of index.html that holds the session's answer, for a browser that came with a session. */
    static final String FIRST_ANSWER_ID = "api-session";
    private static final byte[] HEAD_END = "</head>".getBytes(StandardCharsets.UTF_8);

    private final transient Map<String, byte[]> contents = load();
    /** Where the session's answer goes in index.html: at the end of its head. */
    private final int firstAnswerAt = indexOf(contents.get("index.html"), HEAD_END);
    private final transient Access access;
    private final transient CurrentStatus current;
    private final transient ObjectMapper mapper = new ObjectMapper();

    @Activate
    public PagesServlet(@Reference Access access, @Reference CurrentStatus current) {
        this.access = access;
        this.current = current;
    }

    static Map<String, byte[]> load() {
        Map<String, byte[]> out = new HashMap<>();
        for (String name : FILES.keySet()) {
            if (!name.equals(HOME_SCRIPT)) {
                out.put(name, resource(name));
            }
        }
        out.put(HOME_SCRIPT, joined(HOME_SCRIPT_PARTS, out));
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = PagesServlet.class.getResourceAsStream("/ui/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/ui/" + name + " missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scripts one after the other, each ending its last line, as the browser would have run them one by one. */
    static byte[] joined(List<String> parts, Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            out.writeBytes(files.get(part));
            out.write('\n');
        }
        return out.toByteArray();
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
        boolean withAnswer = false;
        if (name.equals("index.html")) {
            Optional<Session> session = access.sessionOf(req);
            if (session.isPresent()) {
                content = withFirstAnswer(content, session.get());
                withAnswer = true;
            }
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(FILES.get(name));
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        // small files that change with a firmware update: revalidated, not served stale after one; a page that holds
        // a session's answer is that session's and live: never stored
        resp.setHeader("Cache-Control", withAnswer ? "no-store" : "no-cache");
        resp.setContentLength(content.length);
        resp.getOutputStream().write(content);
    }

    /**
     * index.html holding {@code GET /api/session?include=status}'s answer for {@code session} as a JSON data block (a
     * {@code script} of type {@code application/json}: not run, so the policy's "no inline script" stands). {@code <},
     * {@code >} and {@code &} are written as JSON escapes, so no text of the answer can end the element.
     */
    byte[] withFirstAnswer(byte[] index, Session session) throws IOException {
        String json = mapper.writeValueAsString(JsonViews.session(mapper, session.login, session,
                access.sessions().idleExpiry(), current));
        String safe = json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        ByteArrayOutputStream out = new ByteArrayOutputStream(index.length + safe.length() + 80);
        out.write(index, 0, firstAnswerAt);
        out.writeBytes(("<script type=\"application/json\" id=\"" + FIRST_ANSWER_ID + "\">" + safe + "</script>\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(index, firstAnswerAt, index.length - firstAnswerAt);
        return out.toByteArray();
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("index.html has no " + new String(what, StandardCharsets.UTF_8));
    }
}
