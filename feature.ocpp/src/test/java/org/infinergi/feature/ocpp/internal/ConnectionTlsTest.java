package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

/** Issue 17 (RSS with OCPP connected): a ws:// URL loads no TLS (no trust store, no security provider, no JSSE). */
class ConnectionTlsTest {

    @Test
    void ws_givesTheClientATlsContextThatLoadsNothing() {
        SSLContext tls = Connection.tlsFor(Endpoint.of("ws://127.0.0.1:9/ocpp", "CP-1", 0, ""), TrustAnchors.JVM);
        // no security provider was looked up (SSLContext.getInstance would load them up to SunJSSE), nothing read
        assertNull(tls.getProvider());
        assertThrows(IllegalStateException.class, tls::createSSLEngine);
    }

    @Test
    void wss_loadsTheTrustAnchors_andVerifiesTheHostName() {
        SSLContext tls = Connection.tlsFor(Endpoint.of("wss://127.0.0.1:9/ocpp", "CP-1", 2, "k3y"), TrustAnchors.JVM);
        assertNotNull(tls.createSSLEngine());
        assertEquals("HTTPS", TrustAnchors.hostNameVerified(tls).getEndpointIdentificationAlgorithm());
    }
}
