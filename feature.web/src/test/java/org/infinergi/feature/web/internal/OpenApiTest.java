package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.infinergi.feature.web.internal.AccessTable.Rule;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 18: the served OpenAPI file describes every {@code /api} endpoint. Walks the routes this bundle registers
 * (its components' servlet patterns, as the build wrote them) and the paths and methods of {@link AccessTable}, which
 * names the endpoints of the other bundles too ({@code /api/auth}, {@code /api/update}); a route not described fails.
 * itest {@code ApiAccessTest#everyRegisteredApiPathIsDescribedInTheServedOpenApiFile} walks the running image's routes.
 */
class OpenApiTest {

    /** Not endpoints: the catch-all 404 and the sim images' world (described as left out). */
    private static final Set<String> NOT_DESCRIBED = Set.of("/api/*", "/api/sim/*");

    private final JsonNode paths;

    OpenApiTest() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(OpenApiServlet.document());
        assertEquals("3.0.3", doc.get("openapi").asText());
        paths = doc.get("paths");
    }

    @Test
    void everyRouteThisBundleRegistersIsDescribed() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String pattern : ComponentRoutes.servletPatterns()) {
            if (AccessTable.underApi(pattern.replace("/*", "")) && !NOT_DESCRIBED.contains(pattern)
                    && !paths.has(pattern)) {
                missing.add(pattern);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyPathAndMethodOfTheAccessTableIsDescribed() {
        List<String> missing = new ArrayList<>();
        for (Rule rule : AccessTable.CHARGER.rules()) {
            if (NOT_DESCRIBED.contains(rule.pattern())) {
                continue;
            }
            String path = rule.pattern().endsWith("/*") ? rule.pattern().substring(0, rule.pattern().length() - 2)
                    : rule.pattern();
            if (path.equals("/api/admin")) {
                continue; // the section prefix: its endpoints are listed one by one
            }
            if (!paths.has(path)) {
                missing.add(path);
                continue;
            }
            for (String method : rule.methods()) {
                if (!method.equals("HEAD") && !paths.get(path).has(method.toLowerCase(Locale.ROOT))) {
                    missing.add(method + " " + path);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theServletServesTheFile() throws Exception {
        FakeHttp.Response resp = new FakeHttp.Response();
        new OpenApiServlet().service(new FakeHttp.Request("GET", "/api/openapi.json").proxy(), resp.proxy());
        assertEquals(200, resp.status);
        assertEquals("application/json", resp.headers.get("Content-Type"));
        assertEquals(new ObjectMapper().readTree(OpenApiServlet.document()), new ObjectMapper().readTree(resp.body()));
    }
}
