package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void theChargePointIdIsAppended_percentEncoded() {
        Endpoint e = Endpoint.of("ws://cs.example:8080/ocpp/", "21/000-000001", 0, "");
        assertEquals(URI.create("ws://cs.example:8080/ocpp/21%2F000-000001"), e.uri());
        assertNull(e.authorization());
        assertEquals("CP%20%C3%A8~_.-9", Endpoint.percentEncoded("CP è~_.-9"));
    }

    @Test
    void profile1_sendsHttpBasicOfTheIdAndTheKey() {
        Endpoint e = Endpoint.of("ws://cs.example/ocpp", "CP-1", 1, "s3cret");
        assertEquals("Basic " + Base64.getEncoder().encodeToString("CP-1:s3cret".getBytes(StandardCharsets.UTF_8)),
                e.authorization());
    }

    @Test
    void invalidSettings_areRefused_namingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.of("http://cs/ocpp", "CP", 0, ""))
                .getMessage().startsWith("url:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.of("ws://cs/ocpp", "CP", 2, "k"))
                .getMessage().startsWith("url:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.of("wss://cs/ocpp", "CP", 1, ""))
                .getMessage().startsWith("authorizationKey:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Endpoint.of("wss://cs/ocpp", "CP", 3, "k"))
                .getMessage().startsWith("securityProfile:"));
    }
}
