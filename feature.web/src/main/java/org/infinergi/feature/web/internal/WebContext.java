package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The charger's servlet context ({@value #NAME}, path {@code /}): every {@code /api} endpoint of every bundle selects
 * it ({@link #SELECT}: this bundle's, {@code /api/auth} of feature.auth, {@code /api/update} of feature.update), and
 * its {@link #handleSecurity} applies {@link Access} before any filter or servlet of it. The check and the context are
 * one service: while this bundle is stopped or being updated the context is gone, and the HTTP runtime serves none of
 * those endpoints (404) instead of serving them without a login (issue 18). Ranked above the default context: a
 * request no servlet of this context serves goes on to the default one ({@code /api/sim} of the sim images, the 404s).
 */
@Component(service = ServletContextHelper.class, property = {
        "osgi.http.whiteboard.context.name=" + WebContext.NAME,
        "osgi.http.whiteboard.context.path=/",
        "service.ranking:Integer=100" })
public final class WebContext extends ServletContextHelper {

    static final String NAME = "org.infinergi.web";
    /** The property that puts a servlet, filter or error page in this context. */
    static final String SELECT = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + NAME + ")";
    /** In this context and the default one: the hardening and the error pages are everybody's. */
    static final String SELECT_BOTH = "osgi.http.whiteboard.context.select=(|(osgi.http.whiteboard.context.name="
            + NAME + ")(osgi.http.whiteboard.context.name=default))";

    private final Access access;

    @Activate
    public WebContext(@Reference Access access, BundleContext context) {
        super(context.getBundle());
        this.access = access;
    }

    WebContext(Access access) {
        this.access = access;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return access.admit(request, response);
    }
}
