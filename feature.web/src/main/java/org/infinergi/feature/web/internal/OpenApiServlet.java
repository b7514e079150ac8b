package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.0 description of every {@code /api} endpoint of the charger (issue 18),
 * the file {@value #RESOURCE} of this bundle. Kept honest by {@code OpenApiTest} (every route this bundle registers and
 * every path of {@link AccessTable}) and itest {@code ApiAccessTest} (every route the running image registers).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/openapi.json",
        "osgi.http.whiteboard.servlet.name=infinergi-openapi",
        WebContext.SELECT })
public final class OpenApiServlet extends HttpServlet {

    static final String RESOURCE = "/api/openapi.json";
    private static final long serialVersionUID = 1L;

    private final transient byte[] document = document();

    static byte[] document() {
        try (InputStream in = OpenApiServlet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(document.length);
        resp.getOutputStream().write(document);
    }
}
