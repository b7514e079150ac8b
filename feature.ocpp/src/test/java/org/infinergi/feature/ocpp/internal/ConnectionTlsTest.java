package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;

/** Issue 17 (RSS with OCPP connected): a ws:// URL loads no TLS (no trust store, no JSSE context). */
class ConnectionTlsTest {

    @Test
    void ws_startsATlsFactoryThatLoadsNothing() throws Exception {
        SslContextFactory.Client tls = Connection.tlsFor(Endpoint.of("ws://127.0.0.1:9/ocpp", "CP-1", 0, ""),
                TrustAnchors.JVM);
        tls.start();
        try {
            // Jetty's way of saying its factory holds no SSLContext: none was made for a plain WebSocket
            assertThrows(IllegalStateException.class, tls::getSslContext);
        } finally {
            tls.stop();
        }
    }

    @Test
    void wss_loadsTheTrustAnchors() throws Exception {
        SslContextFactory.Client tls = Connection.tlsFor(Endpoint.of("wss://127.0.0.1:9/ocpp", "CP-1", 2, "k3y"),
                TrustAnchors.JVM);
        tls.start();
        try {
            assertNotNull(tls.getSslContext());
        } finally {
            tls.stop();
        }
    }
}
