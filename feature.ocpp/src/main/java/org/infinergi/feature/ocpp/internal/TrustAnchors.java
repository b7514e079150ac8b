package org.infinergi.feature.ocpp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a wss:// central system's certificate must chain to (OCPP security whitepaper, profile 2: the
 * Central System's certificate is verified against the CA the operator installed). {@code caCertificates} of
 * {@link OcppConfig}: empty = the JVM's trust store; PEM text (one or more {@code -----BEGIN CERTIFICATE-----}
 * blocks) as it is; anything else = the path of a PEM or DER file, read when the component activates. The host name
 * is always verified (RFC 2818/6125: the URL's host must be in the certificate).
 */
record TrustAnchors(KeyStore store, String source) {

    static final String PEM_MARK = "-----BEGIN CERTIFICATE-----";

    /** The JVM's trust store (the {@code cacerts} of the running Java). */
    static final TrustAnchors JVM = new TrustAnchors(null, "the JVM's trust store");

    /**
     * @throws IllegalArgumentException naming {@code caCertificates}: an unreadable file, no certificate in it, or
     *                                  a certificate that does not parse
     */
    static TrustAnchors of(String caCertificates) {
        String value = caCertificates == null ? "" : caCertificates.trim();
        if (value.isEmpty()) {
            return JVM;
        }
        byte[] bytes;
        String source;
        if (value.contains(PEM_MARK)) {
            bytes = value.getBytes(StandardCharsets.US_ASCII);
            source = "the configured CA certificates";
        } else {
            try {
                bytes = Files.readAllBytes(Path.of(value));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("caCertificates: cannot read the file " + value + ": " + e, e);
            }
            source = "the CA certificates of " + value;
        }
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("caCertificates: no certificate in " + source);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            return new TrustAnchors(store, source + " (" + certs.size() + ")");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("caCertificates: not an X.509 certificate in " + source + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The TLS context of a wss:// connection: the central system's certificate must chain to these anchors (the JVM's
     * trust store when none are configured). No client certificate: security profile 3 is not implemented.
     */
    SSLContext sslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            // null = the JVM's cacerts
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The TLS parameters of a wss:// connection: the URL's host name is verified against the certificate (RFC 2818;
     * the JDK's HttpClient does so by default, set here so that it stays so whatever system property is set).
     */
    static SSLParameters hostNameVerified(SSLContext ctx) {
        SSLParameters params = ctx.getDefaultSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        return params;
    }

    /** Whether a failed connection attempt failed on the TLS handshake (a certificate that does not verify). */
    static boolean isTlsFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || t instanceof java.security.cert.CertificateException) {
                return true;
            }
        }
        return false;
    }
}
