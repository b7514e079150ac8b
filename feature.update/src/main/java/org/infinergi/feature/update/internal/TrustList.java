package org.infinergi.feature.update.internal;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificates of {@code trustedCertificates} (PID org.infinergi.update), parsed once per configuration. A
 * configuration with an entry that is not a certificate is kept as an error that every upload is refused with:
 * a half-read trust list must not silently trust less or more than the installer wrote.
 */
final class TrustList {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s\\\\n]*?)-----END CERTIFICATE-----");

    private final List<X509Certificate> certificates;
    private final String error;

    private TrustList(List<X509Certificate> certificates, String error) {
        this.certificates = List.copyOf(certificates);
        this.error = error;
    }

    static TrustList of(X509Certificate... certificates) {
        return new TrustList(List.of(certificates), null);
    }

    /**
     * Parses the configured strings: each holds PEM blocks, or base64 DER certificates separated by commas or
     * blanks (a Karaf .cfg value is one line: several certificates fit in one key).
     */
    static TrustList parse(String[] configured) {
        List<X509Certificate> certs = new ArrayList<>();
        int n = 0;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String value : configured == null ? new String[0] : configured) {
                if (value == null || value.isBlank()) {
                    continue;
                }
                List<String> bodies = new ArrayList<>();
                if (value.contains("-----BEGIN")) {
                    Matcher m = PEM.matcher(value);
                    int end = 0;
                    while (m.find()) {
                        bodies.add(m.group(1));
                        end = m.end();
                    }
                    String rest = value.substring(end).replace("\\n", "").replaceAll("[,\\s]", "");
                    if (bodies.isEmpty() || !rest.isEmpty()) {
                        return invalid("entry " + (n + 1) + " is not a PEM certificate block");
                    }
                } else {
                    for (String token : value.split("[,\\s]+")) {
                        if (!token.isEmpty()) {
                            bodies.add(token);
                        }
                    }
                }
                for (String body : bodies) {
                    n++;
                    byte[] der;
                    try {
                        // "\n" written literally in a .cfg line is a line break of the PEM block, not data.
                        der = Base64.getDecoder().decode(body.replace("\\n", "").replaceAll("\\s", ""));
                    } catch (IllegalArgumentException e) {
                        return invalid("certificate " + n + " is not base64: " + e.getMessage());
                    }
                    try {
                        certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                    } catch (CertificateException e) {
                        return invalid("certificate " + n + " is not an X.509 certificate: " + e.getMessage());
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            return invalid("no X.509 support in this JVM: " + e.getMessage());
        }
        return new TrustList(certs, null);
    }

    private static TrustList invalid(String why) {
        return new TrustList(List.of(), "trustedCertificates (PID " + UpdateConfig.PID + "): " + why);
    }

    List<X509Certificate> certificates() {
        return certificates;
    }

    /** Why the configured trust list cannot be used, or null. */
    String error() {
        return error;
    }
}
