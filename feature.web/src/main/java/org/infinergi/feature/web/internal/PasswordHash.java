package org.infinergi.feature.web.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A web password as it is stored: PBKDF2 with HMAC-SHA256 from the JDK, a random 16-byte salt per password, the
 * iteration count kept with the hash so that a later firmware can raise it without forgetting stored passwords.
 * Written as {@code pbkdf2-sha256$iterations$salt$hash} (salt and hash in Base64).
 */
record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    static final String SCHEME = "pbkdf2-sha256";
    /**
     * About 0.1 s on the charger's ARM core: a stolen file costs a guesser that per guess, and the filter pays it once
     * per login only (verified credentials are remembered, {@link WebLogins}).
     */
    static final int ITERATIONS = 120_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    /** A new hash of {@code password} with a fresh salt. */
    static PasswordHash of(String password, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Whether {@code password} is the one hashed, compared in constant time. */
    boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    String encoded() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** The hash {@link #encoded()} wrote. */
    static PasswordHash parse(String encoded) {
        String[] parts = encoded.trim().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + " hash");
        }
        int iterations = Integer.parseInt(parts[1]);
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations " + iterations);
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new PasswordHash(iterations, b64.decode(parts[2]), b64.decode(parts[3]));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // the JDK's SunJCE provider has had PBKDF2WithHmacSHA256 since Java 8: its absence is a broken runtime
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }
}
