package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

/** Issue 17 (RSS with OCPP connected): a ws:// URL loads no TLS (no trust store, no initialised JSSE context). */
class ConnectionTlsTest {

    @Test
    void ws_givesTheClientATlsContextThatLoadsNothing() {
        SSLContext tls = Connection.tlsFor(Endpoint.of("ws://127.0.0.1:9/ocpp", "CP-1", 0, ""), TrustAnchors.JVM);
        // the JDK's way of saying the context was never initialised: no trust store was read for a plain WebSocket
        assertThrows(IllegalStateException.class, tls::createSSLEngine);
    }

    @Test
    void wss_loadsTheTrustAnchors_andVerifiesTheHostName() {
        SSLContext tls = Connection.tlsFor(Endpoint.of("wss://127.0.0.1:9/ocpp", "CP-1", 2, "k3y"), TrustAnchors.JVM);
        assertNotNull(tls.createSSLEngine());
        assertEquals("HTTPS", TrustAnchors.hostNameVerified(tls).getEndpointIdentificationAlgorithm());
    }
}
