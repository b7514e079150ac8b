package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, the gap of the first slice: during a {@code bundle:update} of feature.web its filter was gone and the
 * endpoints of other bundles answered without a login. Now every endpoint is in the charger's servlet context, whose
 * own security check is {@link Access}: context and check are one service and leave together. (The other bundles'
 * side: feature.auth {@code AuthServletContextTest}, feature.update {@code UpdateServletContextTest}; on a running
 * image: itest {@code ApiAccessTest#whileFeatureWebIsStoppedNoEndpointAnswersWithoutALogin}.)
 */
class WebContextTest {

    private static final String SELECT = "osgi.http.whiteboard.context.select";
    private static final String CONTEXT = "(osgi.http.whiteboard.context.name=org.infinergi.web)";

    @TempDir
    Path dir;

    @Test
    void theContextsSecurityCheckIsTheLogin() throws Exception {
        WebLogins logins = new WebLogins(dir.resolve(WebLogins.FILE), () -> "21/001-000001", 1000);
        WebContext context = new WebContext(new Access(logins, AccessTable.CHARGER, Clock.systemUTC(),
                Duration.ofMinutes(15)));
        FakeHttp.Response anonymous = new FakeHttp.Response();
        assertFalse(context.handleSecurity(new FakeHttp.Request("GET", "/api/update").proxy(), anonymous.proxy()));
        assertEquals(401, anonymous.status);
        FakeHttp.Request admin = new FakeHttp.Request("GET", "/api/update");
        admin.headers.put("Authorization", AccessFilterTest.basic("admin", "21/001-000001"));
        assertTrue(context.handleSecurity(admin.proxy(), new FakeHttp.Response().proxy()));
    }

    @Test
    void everyEndpointOfThisBundleIsInTheChargersContext_onlyTheNotFoundAnswerIsNot() throws Exception {
        List<String> outside = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<String>>> c : ComponentRoutes.components().entrySet()) {
            Map<String, List<String>> props = c.getValue();
            if (!props.containsKey("osgi.http.whiteboard.servlet.pattern")) {
                continue;
            }
            boolean inContext = props.getOrDefault(SELECT, List.of()).contains(CONTEXT);
            boolean notFound = c.getKey().endsWith(".NotFoundServlet");
            if (inContext == notFound) {
                outside.add(c.getKey() + " " + props.get("osgi.http.whiteboard.servlet.pattern"));
            }
        }
        assertEquals(List.of(), outside,
                "/api/* 404 stays in the default context, so /api/sim of the sim images is reached from there");
    }

    @Test
    void theHardeningAndTheErrorPagesServeBothContexts() throws Exception {
        Map<String, Map<String, List<String>>> c = ComponentRoutes.components();
        for (String name : List.of("ApiGuardFilter", "ApiErrorPages")) {
            String select = c.get("org.infinergi.feature.web.internal." + name).get(SELECT).get(0);
            assertTrue(select.contains(CONTEXT.substring(1, CONTEXT.length() - 1)) && select.contains("=default)"),
                    name + ": " + select);
        }
    }
}
