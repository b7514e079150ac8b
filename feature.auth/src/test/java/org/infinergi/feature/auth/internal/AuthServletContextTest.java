package org.infinergi.feature.auth.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Issue 18: the endpoint is served in the charger's servlet context of feature.web, whose login check leaves with it,
 * so while feature.web is stopped or being updated it is not served at all instead of being served without a login.
 * Read from the component description the build generated (what the HTTP runtime reads).
 */
class AuthServletContextTest {

    @Test
    void theServletSelectsTheChargersContextOfFeatureWeb() throws IOException {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/OSGI-INF/" + AuthServlet.class.getName() + ".xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("name=\"osgi.http.whiteboard.context.select\"")
                && xml.contains("(osgi.http.whiteboard.context.name=org.infinergi.web)"), xml);
    }
}
