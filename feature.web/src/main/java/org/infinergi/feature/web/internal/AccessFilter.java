package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link Access} for the servlets of the default servlet context: the 404 of {@link NotFoundServlet}, the sim's
 * {@code /api/sim} (open), and any servlet a bundle registers under {@code /api} without selecting the charger's
 * context {@link WebContext}. Those are guarded only while this bundle runs; the charger's endpoints belong in
 * {@link WebContext}, which leaves with this bundle (README "Access").
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.pattern=/api/*",
        "osgi.http.whiteboard.filter.name=infinergi-access",
        // after ApiGuardFilter (ranking 0): TRACE is refused and bodies are bounded for everybody, logged in or not
        "service.ranking:Integer=-100" })
public final class AccessFilter implements Filter {

    private final Access access;

    @Activate
    public AccessFilter(@Reference Access access) {
        this.access = access;
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (access.admit((HttpServletRequest) request, (HttpServletResponse) response)) {
            chain.doFilter(request, response);
        }
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
