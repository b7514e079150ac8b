package org.infinergi.feature.ocpp.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where and as whom the charger connects (OCPP-J 1.6 §3.1; security whitepaper profiles 1 and 2): the central
 * system's URL + "/" + the Charge Point ID percent-encoded (the default ID, the serial number, holds a "/"), and the
 * HTTP Basic credentials of the Charge Point ID and the authorization key.
 */
record Endpoint(URI uri, String chargePointId, String authorization) {

    /**
     * @throws IllegalArgumentException naming the property at fault: a URL that is not ws:// or wss://, a security
     *                                  profile 2 without wss://, a profile 1 or 2 without an authorization key
     */
    static Endpoint of(String url, String chargePointId, int securityProfile, String authorizationKey) {
        String base = url.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String scheme = base.contains("://") ? base.substring(0, base.indexOf("://")).toLowerCase() : "";
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("url: ws:// or wss:// expected, was " + url);
        }
        if (securityProfile < 0 || securityProfile > 2) {
            throw new IllegalArgumentException("securityProfile: 0, 1 or 2 expected, was " + securityProfile);
        }
        if (securityProfile == 2 && !scheme.equals("wss")) {
            throw new IllegalArgumentException("url: security profile 2 needs TLS, wss://, was " + url);
        }
        String auth = null;
        if (securityProfile >= 1) {
            if (authorizationKey == null || authorizationKey.isEmpty()) {
                throw new IllegalArgumentException("authorizationKey: security profile " + securityProfile
                        + " needs one");
            }
            auth = "Basic " + Base64.getEncoder().encodeToString(
                    (chargePointId + ":" + authorizationKey).getBytes(StandardCharsets.UTF_8));
        }
        try {
            return new Endpoint(URI.create(base + "/" + percentEncoded(chargePointId)), chargePointId, auth);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: not a URL: " + url, e);
        }
    }

    /** RFC 3986 §2.3: everything but the unreserved characters is percent-encoded, byte by byte of its UTF-8. */
    static String percentEncoded(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
